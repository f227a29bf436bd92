"""The leads the import benchmarks time: a CSV of generated leads as CRMs export them.

DE/US/GB/FR/AT/CH leads, phones typed every way people type them, some duplicates and
bad rows; ``generate`` writes them (benchmarks/import_bench.py, workbook_bench.py).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADER = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Company Name",
    "Job Title",
    "Country/Region",
    "Original Source",
    "Campaign",
    "HubSpot Score",
    "Became a Marketing Qualified Lead Date",
    "Website",
    "Notes",
]

FIRST = [
    "Anna",
    "Ben",
    "Chloé",
    "David",
    "Elif",
    "François",
    "Grete",
    "Hans",
    "Inès",
    "Jürgen",
    "Katarzyna",
    "Liam",
    "Mia",
    "Noah",
    "Olivia",
    "Paul",
    "Renée",
    "Sophie",
    "Tom",
    "Zoë",
]
LAST = [
    "Müller",
    "Schmidt",
    "Smith",
    "Johnson",
    "Martin",
    "Bernard",
    "Gruber",
    "Huber",
    "Meier",
    "Brown",
    "O'Neill",
    "Dubois",
    "Weiß",
    "Keller",
    "Taylor",
    "Lefèvre",
]
COMPANIES = [
    "Acme GmbH",
    "Globex Inc.",
    "Initech Ltd",
    "Umbrella SA",
    "Stark AG",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Industries",
    "Müller & Söhne KG",
]
TITLES = [
    "Head of Sales",
    "CTO",
    "Marketing Manager",
    "Geschäftsführer",
    "VP Operations",
    "IT-Leiter",
    "Procurement Lead",
    "Directeur commercial",
]
SOURCES = ["Organic Search", "Paid Search", "Webinar", "Trade Show", "Referral", "LinkedIn"]
COUNTRY_NAMES = {
    "DE": ["DE", "Germany", "Deutschland"],
    "US": ["US", "USA", "United States"],
    "GB": ["GB", "United Kingdom", "UK"],
    "FR": ["FR", "France"],
    "AT": ["AT", "Austria", "Österreich"],
    "CH": ["CH", "Switzerland", "Schweiz"],
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def phone_for(rng: random.Random, country: str) -> str:
    """A phone number as people type them: national, +, 00, dots, brackets, extensions."""
    style = rng.randrange(7)
    if country == "DE":
        area, sub = rng.choice([("30", 8), ("89", 7), ("40", 7), ("221", 7), ("151", 8)])
        local = str(rng.randint(2, 9)) + _digits(rng, sub - 1)
        forms = [
            f"0{area} {local}",
            f"+49 {area} {local}",
            f"0049 {area} {local}",
            f"(0{area}) {local[:3]} {local[3:]}",
            f"0{area}.{local}",
            f"+49 (0){area} {local}",
            f"0{area} {local}-{rng.randint(10, 99)}",
        ]
    elif country == "US":
        area = rng.choice(["212", "415", "312", "617", "206", "512", "303", "404"])
        ex, line = str(rng.randint(201, 989)), _digits(rng, 4)
        forms = [
            f"({area}) {ex}-{line}",
            f"+1 {area} {ex} {line}",
            f"001 {area} {ex} {line}",
            f"{area}.{ex}.{line}",
            f"{area}-{ex}-{line} ext. {rng.randint(1, 999)}",
            f"1-{area}-{ex}-{line}",
            f"+1 ({area}) {ex}-{line} x{rng.randint(1, 99)}",
        ]
    elif country == "GB":
        if rng.random() < 0.5:
            nat = f"020 7{_digits(rng, 3)} {_digits(rng, 4)}"
        else:
            nat = f"07{rng.choice('4589')}{_digits(rng, 2)} {_digits(rng, 6)}"
        forms = [
            nat,
            "+44 " + nat[1:],
            "0044 " + nat[1:],
            "+44 (0)" + nat[1:],
            nat.replace(" ", "."),
            f"({nat[:3]}) {nat[4:]}",
            nat + " ext 12",
        ]
    elif country == "FR":
        first = rng.choice("12345679")
        pairs = " ".join(_digits(rng, 2) for _ in range(4))
        nat = f"0{first} {pairs}"
        forms = [
            nat,
            f"+33 {first} {pairs}",
            f"0033 {first} {pairs}",
            nat.replace(" ", "."),
            f"+33 (0){first} {pairs}",
            nat.replace(" ", ""),
            f"(0{first}) {pairs}",
        ]
    elif country == "AT":
        area, sub = rng.choice([("1", 7), ("664", 7), ("316", 6), ("512", 6)])
        local = str(rng.randint(2, 9)) + _digits(rng, sub - 1)
        forms = [
            f"0{area} {local}",
            f"+43 {area} {local}",
            f"0043 {area} {local}",
            f"(0{area}) {local}",
            f"0{area}.{local}",
            f"+43 (0){area} {local}",
            f"0{area} {local}-0",
        ]
    else:  # CH
        area = rng.choice(["44", "43", "31", "61", "79", "76"])
        local = f"{rng.randint(200, 999)} {_digits(rng, 2)} {_digits(rng, 2)}"
        forms = [
            f"0{area} {local}",
            f"+41 {area} {local}",
            f"0041 {area} {local}",
            f"(0{area}) {local}",
            f"0{area}.{local.replace(' ', '.')}",
            f"+41 (0){area} {local}",
            f"0{area} {local}",
        ]
    return forms[style]


def generate(path: Path, rows: int, seed: int = 20260310) -> None:
    rng = random.Random(seed)
    written: list[list[str]] = []
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for n in range(rows):
            roll = rng.random()
            if written and roll < 0.02:  # the same person again, maybe typed differently
                again = list(rng.choice(written))
                again[3] = again[3].upper() if rng.random() < 0.5 else again[3]
                out.writerow(again)
                continue
            country = rng.choice(list(COUNTRY_NAMES))
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = rng.choice(COMPANIES)
            email = f"{first.lower()}.{n}@{company.split()[0].lower()}-{n % 97}.example"
            phone = phone_for(rng, country)
            if roll < 0.025:  # nobody could contact this one
                email, phone = "not an address", "n/a"
            elif roll < 0.035:
                email = ""
            date = (
                f"2026-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:15:00Z"
                if rng.random() < 0.5
                else f"{rng.randint(1, 28):02d}.03.2026 {rng.randint(0, 23):02d}:15"
            )
            row = [
                str(1_000_000 + n),
                first,
                last,
                email,
                phone,
                company,
                rng.choice(TITLES),
                rng.choice(COUNTRY_NAMES[country]),
                rng.choice(SOURCES),
                f"Spring {rng.randint(1, 9)}",
                str(rng.randint(0, 100)),
                date,
                f"https://{company.split()[0].lower()}.example",
                "Wants a call back",
            ]
            if roll > 0.998:  # a ragged row: a field too many
                row.append("stray")
            written.append(row)
            out.writerow(row)
