"""How a call ended: the outcomes list (data in ``resources/data/call_outcomes.toml``).

Each outcome says whether the SDR spoke to the lead (``connected``), whether it asks for
a callback time, whether the lead may not be dialled again (``do_not_call``), and may
suggest disqualifying with a reason. The first nine are picked with Ctrl+1…9.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sdrdesk.domain.call_script import Decision, shown, shown_or_none
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.qualification import Recommendation
from sdrdesk.domain.toml_lines import LineMap
from sdrdesk.i18n import _, ngettext

DEFAULT_OUTCOMES = "call_outcomes.toml"
_KEYS = {"code", "label", "connected", "callback", "do_not_call", "disqualify_reason", "help"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """``label`` and ``help`` are shown translated where the catalog has the file's text."""

    code: str
    raw_label: str
    connected: bool = False
    callback: bool = False
    do_not_call: bool = False
    disqualify_reason: str | None = None
    raw_help: str | None = None

    @property
    def label(self) -> str:
        return shown(self.raw_label)

    @property
    def help(self) -> str | None:
        return shown_or_none(self.raw_help)


@dataclass(frozen=True, slots=True)
class OutcomeList:
    outcomes: tuple[Outcome, ...]
    unresponsive_after: int | None = None  # attempts without contact before giving up
    unresponsive_reason: str = "unresponsive"
    source: str = DEFAULT_OUTCOMES

    def get(self, code: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.code == code:
                return outcome
        raise ValidationError(_("“{code}” is not a call outcome.").format(code=code))

    def recommend(
        self, outcome: Outcome, attempt_number: int, qualification: Recommendation | None
    ) -> Recommendation | None:
        """What to do after this call: the outcome may overrule the qualification."""
        if outcome.disqualify_reason:
            return Recommendation(
                Decision.DISQUALIFY,
                _("Outcome: {outcome}").format(outcome=outcome.label),
                outcome.disqualify_reason,
            )
        if (
            qualification is None
            and not outcome.connected
            and self.unresponsive_after is not None
            and attempt_number >= self.unresponsive_after
        ):
            return Recommendation(
                Decision.DISQUALIFY,
                ngettext(
                    "No conversation after {n} attempt",
                    "No conversation after {n} attempts",
                    attempt_number,
                ).format(n=attempt_number),
                self.unresponsive_reason,
            )
        return qualification


def parse_outcomes(text: str, source: str) -> OutcomeList:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            _("{source}: not valid TOML ({error}).").format(source=source, error=exc)
        ) from exc
    lines = LineMap(text)

    def fail(path: tuple[str | int, ...], message: str) -> ValidationError:
        line = lines.line(path)
        where = _("{source}, line {line}").format(source=source, line=line) if line else source
        return ValidationError(f"{where}: {message}")

    entries = data.get("outcomes")
    if not isinstance(entries, list) or not entries:
        raise fail((), _("no [[outcomes]] entries."))
    outcomes: list[Outcome] = []
    for n, entry in enumerate(entries):
        path: tuple[str | int, ...] = ("outcomes", n)
        if not isinstance(entry, dict):
            raise fail(path, _("outcome {n} must be a table.").format(n=n + 1))
        for key in entry:
            if key not in _KEYS:
                raise fail(
                    (*path, key),
                    _("outcome {n}: field “{key}” is not known.").format(n=n + 1, key=key),
                )
        texts: dict[str, str] = {}
        for key in ("code", "label"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise fail(
                    (*path, key),
                    _("outcome {n}: field “{key}” is missing.").format(n=n + 1, key=key),
                )
            texts[key] = value.strip()
        code, label = texts["code"], texts["label"]
        if any(o.code == code for o in outcomes):
            raise fail((*path, "code"), _("outcome “{code}” appears twice.").format(code=code))
        flags: dict[str, Any] = {}
        for key in ("connected", "callback", "do_not_call"):
            value = entry.get(key, False)
            if not isinstance(value, bool):
                raise fail(
                    (*path, key),
                    _("outcome “{code}”: field “{key}” must be true or false.").format(
                        code=code, key=key
                    ),
                )
            flags[key] = value
        reason = entry.get("disqualify_reason")
        if reason is not None and not isinstance(reason, str):
            raise fail(
                (*path, "disqualify_reason"),
                _("outcome “{code}”: reason must be a code.").format(code=code),
            )
        outcomes.append(
            Outcome(code, label, **flags, disqualify_reason=reason, raw_help=entry.get("help"))
        )
    after = data.get("unresponsive_after")
    if after is not None and (isinstance(after, bool) or not isinstance(after, int) or after < 1):
        raise fail(
            ("unresponsive_after",), _("field “unresponsive_after” must be whole attempts ≥ 1.")
        )
    reason = data.get("unresponsive_reason", "unresponsive")
    return OutcomeList(tuple(outcomes), after, str(reason), source)


def load_outcomes(path: Path | None = None) -> OutcomeList:
    if path is not None:
        try:
            return parse_outcomes(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the outcomes file {path}: {reason}.").format(
                    path=path, reason=exc.strerror
                )
            ) from exc
    default = resources.files("sdrdesk.resources").joinpath(f"data/{DEFAULT_OUTCOMES}")
    return parse_outcomes(default.read_text(encoding="utf-8"), DEFAULT_OUTCOMES)
