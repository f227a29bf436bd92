"""Keep the translation catalogs: extract, update, compile, check.

    python scripts/i18n.py extract   # write resources/translations/sdrdesk.pot
    python scripts/i18n.py update    # extract, then merge the template into every .po
    python scripts/i18n.py compile   # .po -> .mo (the app loads the .mo)
    python scripts/i18n.py check     # exit 1 on a message missing or untranslated
    python scripts/i18n.py merge de PART.po …  # take translations from other .po files
    python scripts/i18n.py merge --overwrite de PART.po …  # and replace the ones we have

Extraction reads the Python code (``_``, ``N_``, ``ngettext``, ``pgettext``, Qt's
``translate``/``tr`` in the generated forms), the labels of the data files
(``resources/data/*.toml``) and argparse's own messages (usage, help), so one catalog
holds every sentence a person reads.
"""

from __future__ import annotations

import argparse
import io
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TEMPLATE = TRANSLATIONS / "sdrdesk.pot"
DOMAIN = "sdrdesk"
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "gettext": None,  # translator(lang).gettext: text in someone else's language (invites)
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "translate": (2,),  # QCoreApplication.translate(context, text) in generated forms
    "tr": None,
}
DATA_KEYS = {
    "label",
    "title",
    "text",
    "help",
    "intro",
    "name",
    "subject",
    "body",
    "description",
    "unit",
}
"""Keys of the data files whose values a person reads (codes and ids are not translated)."""


def _walk_toml(value: Any, lines: list[str]) -> Iterator[tuple[int, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in DATA_KEYS and isinstance(item, str) and item.strip():
                yield _line_of(item, lines), item
            else:
                yield from _walk_toml(item, lines)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_toml(item, lines)


def _line_of(text: str, lines: list[str]) -> int:
    first = text.splitlines()[0] if text else text
    for number, line in enumerate(lines, 1):
        if first and first in line:
            return number
    return 1


def extract_toml(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel extractor for the data files: the values of ``DATA_KEYS``."""
    raw = fileobj.read().decode("utf-8")
    lines = raw.splitlines()
    for line, text in _walk_toml(tomllib.loads(raw), lines):
        yield line, None, text, []


def extract() -> Catalog:
    catalog = Catalog(project="sdrdesk", msgid_bugs_address="", charset="utf-8")
    sources = [
        (ROOT / "sdrdesk", [("**/__pycache__/**", "ignore"), ("**.py", "python")]),
        (ROOT / "resources" / "data", [("**.toml", "scripts.i18n:extract_toml")]),
    ]
    for directory, method_map in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(directory),
            method_map=method_map,
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        ):
            where = (directory.relative_to(ROOT) / filename).as_posix()
            catalog.add(
                message, locations=[(where, lineno)], auto_comments=comments, context=context
            )
    # argparse's own messages (usage:, options:, show this help …), translated with ours.
    argparse_file = Path(argparse.__file__)
    for lineno, message, comments, context in extract_from_file(
        "python", str(argparse_file), keywords={"_": None, "ngettext": (1, 2)}
    ):
        catalog.add(
            message, locations=[("<argparse>", lineno)], auto_comments=comments, context=context
        )
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=96, sort_output=False, omit_header=False, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def po_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    template = extract()
    _write(template, TEMPLATE)
    for po in po_files():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _write(catalog, po)


def compile_all() -> None:
    for po in po_files():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)


def problems() -> list[str]:
    """Messages in the code missing from a catalog, untranslated, fuzzy, or a stale .mo."""
    template = extract()
    found: list[str] = []
    for po in po_files():
        lang = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in template:
            if not message.id:
                continue
            have = catalog.get(message.id, context=message.context)
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            text = message.id if isinstance(message.id, str) else message.id[0]
            if have is None:
                found.append(f"{lang}: missing {text!r} ({where})")
            elif have.fuzzy or not (
                have.string if isinstance(have.string, str) else all(have.string or ())
            ):
                found.append(f"{lang}: untranslated {text!r} ({where})")
        mo = po.with_suffix(".mo")
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        if not mo.exists() or mo.read_bytes() != buffer.getvalue():
            found.append(f"{lang}: {mo.name} is stale; run python scripts/i18n.py compile")
    return found


def _empty(string: str | tuple[str, ...] | None) -> bool:
    """A message with no translation: an empty string, or a plural with an empty form."""
    if isinstance(string, str) or string is None:
        return not string
    return not all(string)


def merge(lang: str, parts: list[Path], *, overwrite: bool = False) -> int:
    """Fill ``lang``'s catalog from other .po files (work done on a branch); returns how
    many messages were filled. Messages the template does not have are ignored."""
    po = TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    filled = 0
    for part in parts:
        with part.open("rb") as fh:
            other = read_po(fh, locale=lang)
        for message in other:
            if not message.id or _empty(message.string) or message.fuzzy:
                continue
            mine = catalog.get(message.id, context=message.context)
            if mine is not None and (overwrite or _empty(mine.string) or mine.fuzzy):
                if mine.string == message.string and not mine.fuzzy:
                    continue
                mine.string = message.string
                mine.flags.discard("fuzzy")
                filled += 1
    _write(catalog, po)
    return filled


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["extract", "update", "compile", "check", "merge"])
    parser.add_argument("rest", nargs="*", help="merge: the language, then the .po files")
    parser.add_argument(
        "--overwrite", action="store_true", help="merge: replace translations already there"
    )
    args = parser.parse_intermixed_args(argv)
    if args.command == "merge":
        lang, *parts = args.rest
        print(f"{merge(lang, [Path(p) for p in parts], overwrite=args.overwrite)} messages filled")
    elif args.command == "extract":
        _write(extract(), TEMPLATE)
    elif args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    else:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
