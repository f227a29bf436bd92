"""Every sentence a person reads is in the catalog, in English and German.

Two checks, both of the code as it is:

- extraction: every wrapped message (``_``, ``N_``, ``ngettext``, Qt's ``translate``/``tr``,
  the data files' labels, argparse's own) is in the German catalog, translated, not
  fuzzy, and the compiled ``.mo`` matches the ``.po`` (``scripts/i18n.py check``);
- wrapping: a text literal handed straight to something a person reads (a Qt setter, a
  message box, ``print``, ``fail``, an argparse ``help=``, an error raised to the user)
  must go through the catalog, or it could never be translated.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SDRDESK = ROOT / "sdrdesk"

# Calls whose text argument a person reads.
QT_TEXT_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setTitle",
    "addMenu",
    "showMessage",
    "setLabelText",
    "setTabText",
    "addTab",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "setWhatsThis",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "information",
    "warning",
    "critical",
    "question",
    "getText",
    "getOpenFileName",
    "getSaveFileName",
}
QT_TEXT_CONSTRUCTORS = {
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
}
ERRORS = re.compile(r".*(Error|Refused|Conflict|Problem)$")
PROGRAMMER_ERRORS = {"AttributeError", "TypeError", "AssertionError", "NotImplementedError"}
"""Raised at a programmer, never shown to a user."""
TAGS = re.compile(r"<[^>]*>")
WORDS = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}")
"""Two words or more: a sentence, not a code, a format or a separator."""


def _load_script() -> object:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _is_sentence(node: ast.AST) -> bool:
    """Two words or more outside markup (``<span style='…'>`` is not a sentence)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(TAGS.sub("", node.value)))
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        return bool(WORDS.search(TAGS.sub("", text)))
    return False


def _is_log_call(call: ast.Call) -> bool:
    """``log.warning(…)`` writes to the log file for us, not to a person on screen."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id.lstrip("_").lower() in {"log", "logger", "logging"}
    )


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _unwrapped(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    layer = path.relative_to(SDRDESK).parts[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if _is_log_call(node) or name in PROGRAMMER_ERRORS:
            continue
        candidates: list[ast.AST] = []
        if layer == "gui" and (name in QT_TEXT_METHODS or name in QT_TEXT_CONSTRUCTORS):
            candidates = list(node.args)
        elif layer == "cli" and name in {"print", "fail", "UsageError"}:
            candidates = [a for a in node.args if a is not None]
        if name in {"add_argument", "add_parser", "ArgumentParser", "_Parser"}:
            candidates += [k.value for k in node.keywords if k.arg in {"help", "description"}]
        if ERRORS.match(name) and layer in {"domain", "services", "cli", "gui"}:
            candidates += list(node.args[:1])
        for arg in candidates:
            if _is_sentence(arg):
                where = f"{path.relative_to(ROOT)}:{getattr(arg, 'lineno', node.lineno)}"
                found.append(f"{where} {name}(…) gets an unwrapped text")
    return found


def test_every_text_a_person_reads_goes_through_the_catalog() -> None:
    found: list[str] = []
    for path in sorted(SDRDESK.rglob("*.py")):
        parts = path.relative_to(SDRDESK).parts
        if parts[0] in {"gui", "cli", "services", "domain"} and "forms" not in parts:
            found += _unwrapped(path)
    assert not found, "\n".join(found)


def test_the_german_catalog_is_complete_and_compiled() -> None:
    script = _load_script()
    problems = script.problems()  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems[:60]) + f"\n({len(problems)} in all)"


def test_the_translated_parts_agree_on_every_message() -> None:
    """The German catalog is filled from the part files (``resources/translations/parts``)
    in name order, the last one winning; two parts that translate one message differently
    would make its German depend on a file's name (a menu's accelerators clashed that way)."""
    from babel.messages.pofile import read_po

    parts = ROOT / "resources" / "translations" / "parts"
    seen: dict[tuple[str | None, object], tuple[str, object]] = {}
    differ: list[str] = []
    for path in sorted(parts.glob("*.po")):
        with path.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if not message.id or not message.string:
                continue
            key = (message.context, message.id)
            if key in seen and seen[key][1] != message.string:
                differ.append(
                    f"{message.id!r}: {seen[key][0]} {seen[key][1]!r}, "
                    f"{path.name} {message.string!r}"
                )
            seen[key] = (path.name, message.string)
    assert not differ, "\n".join(differ)
