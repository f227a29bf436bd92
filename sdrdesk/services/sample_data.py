"""Realistic demo leads, so a newcomer has a queue to work before the first real import.

Leads go through the same intake as an import (``clean_lead`` → ``insert_leads``), so
their phones, time zones and hand-off events are exactly what real data would give.
"""

from __future__ import annotations

import random
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from typing import Any

from sdrdesk.domain.errors import SdrdeskError, ValidationError
from sdrdesk.domain.leads import CleanLead, LeadInput, clean_lead
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _, format_number, ngettext
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import intake
from sdrdesk.services.users.service import UserService

CHUNK = 5000
MAX_COUNT = 2_000_000


@dataclass(frozen=True)
class SampleResult:
    created: int
    skipped_duplicates: int
    users_created: tuple[str, ...]


def _material() -> dict[str, Any]:
    text = resources.files("sdrdesk.resources").joinpath("data/sample_leads.toml")
    return tomllib.loads(text.read_text(encoding="utf-8"))


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum() or c in ".-")


class SampleLeadFactory:
    """Makes ``LeadInput``s; deterministic for a given seed."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed)
        self._m = _material()
        self._countries = list(self._m["countries"].items())
        self._weights = [c["weight"] for _, c in self._countries]
        self._seen_emails: set[str] = set()

    def _digits(self, spec: str) -> str:
        out = []
        i = 0
        while i < len(spec):
            if spec[i] == "{":
                end = spec.index("}", i)
                n = int(spec[i + 1 : end])
                out.append("".join(str(self._rng.randint(0, 9)) for _ in range(n)))
                out[-1] = str(self._rng.randint(2, 9)) + out[-1][1:]
                i = end + 1
            else:
                out.append(spec[i])
                i += 1
        return "".join(out)

    def make(self) -> LeadInput:
        rng = self._rng
        code, c = rng.choices(self._countries, self._weights)[0]
        first = rng.choice(c["first_names"])
        last = rng.choice(c["last_names"])
        stem = rng.choice(self._m["companies"]["stems"])
        kind = rng.choice(self._m["companies"]["kinds"])
        company = f"{stem} {kind} {rng.choice(c['company_suffixes'])}"
        if rng.random() < 0.15:
            domain = rng.choice(c["free_mail"])
        else:
            domain = f"{_ascii(stem)}-{_ascii(kind)}.{rng.choice(c['domains'])}"
        local = f"{_ascii(first)}.{_ascii(last)}"
        email = f"{local}@{domain}"
        n = 1
        while email in self._seen_emails:
            n += 1
            email = f"{local}{n}@{domain}"
        self._seen_emails.add(email)
        roll = rng.random()
        if roll < 0.04:
            phone = None
        elif roll < 0.06:
            phone = rng.choice(["12345", "n/a", "+49 0", "call me"])
        else:
            phone = self._digits(rng.choice(c["phones"]))
        # One lead in ten leaves the country empty, as web forms do; its phone then
        # carries the country code, or nobody could tell where it rings.
        with_country = rng.random() < 0.9
        if not with_country and phone and not phone.startswith(("+", "00")):
            phone = self._digits(rng.choice([p for p in c["phones"] if p.startswith("+")]))
        titles = self._m["titles"]
        band = rng.choices(["senior", "mid", "junior"], [35, 50, 15])[0]
        source = rng.choice(self._m["marketing"]["sources"])
        extra: dict[str, str] = {}
        if source in {"Website demo request", "Free trial", "Webinar"}:
            form = self._m["form"]
            for question, answers in zip(form["questions"], form["answers"], strict=True):
                if rng.random() < 0.8:
                    extra[question] = rng.choice(answers)
        score = max(5, min(99, int(rng.gauss(62, 18))))
        return LeadInput(
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            company=company,
            title=rng.choice(titles[band]),
            company_size=rng.choice(self._m["firmographics"]["sizes"]),
            industry=rng.choice(self._m["firmographics"]["industries"]),
            country=rng.choice(c["country_names"]) if with_country else None,
            source=source,
            campaign=rng.choice(self._m["marketing"]["campaigns"]),
            score=str(score),
            external_id=f"{code}-{rng.randrange(10**8):08d}",
            extra=extra,
        )

    def hand_off_ages(self, count: int) -> list[float]:
        """Minutes since hand-off: a few fresh ones, most within a week."""
        rng = self._rng
        ages = []
        for _lead in range(count):
            r = rng.random()
            if r < 0.2:
                ages.append(rng.uniform(0.5, 55))
            elif r < 0.5:
                ages.append(rng.uniform(60, 24 * 60))
            else:
                ages.append(rng.uniform(24 * 60, 7 * 24 * 60))
        return ages


class SampleDataService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ensure_team(self) -> tuple[str, ...]:
        """The demo team: account executives, marketing and a manager."""
        users = UserService(self._ctx)
        created = []
        for name, display, role, email in _material()["users"]["people"]:
            if users.find(name) is None:
                users.add(name, Role(role), display_name=display, email=email)
                created.append(name)
        return tuple(created)

    def generate(
        self,
        count: int,
        *,
        actor_id: int | None,
        seed: int | None = None,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> SampleResult:
        if not 1 <= count <= MAX_COUNT:
            raise ValidationError(
                _("Count must be between 1 and {max_count}.").format(
                    max_count=format_number(MAX_COUNT)
                )
            )
        team = self.ensure_team()
        factory = SampleLeadFactory(seed)
        now = self._ctx.now()
        created = skipped = 0
        ages = factory.hand_off_ages(count)
        for start in range(0, count, CHUNK):
            batch: list[CleanLead] = []
            for minutes in ages[start : start + CHUNK]:
                try:
                    lead = clean_lead(
                        factory.make(),
                        default_region=self._ctx.rules.default_region,
                        now=now,
                        products=self._ctx.products,
                    )
                except ValidationError:
                    continue  # a lead without any way to contact it: realistic, but not useful
                lead.handed_off_at = now - timedelta(minutes=minutes)
                batch.append(lead)
            with self._ctx.store.write() as s:
                known = intake.known_leads(
                    s,
                    [lead.email_key for lead in batch if lead.email_key],
                    [],
                )
                fresh = [lead for lead in batch if known.match(lead.email_key, None) is None]
                skipped += len(batch) - len(fresh)
                intake.insert_leads(
                    s,
                    fresh,
                    actor_id=actor_id,
                    event_data=({"sample": True} for _lead in fresh),
                    at=now,
                )
                created += len(fresh)
            if progress is not None and progress(min(start + CHUNK, count), count) is False:
                raise SdrdeskError(
                    ngettext(
                        "Stopped after {created} sample lead.",
                        "Stopped after {created} sample leads.",
                        created,
                    ).format(created=format_number(created))
                )
        return SampleResult(created, skipped, team)
