"""How fast a spreadsheet is imported, against the same rows as CSV in the same run.

The benchmark's 100,000 generated leads (``import_data.generate``) are written to an
Excel workbook as a spreadsheet program would hold them (scores and ids as numbers,
everything else as text; with openpyxl, whose files keep their text in the cells). Then,
best of ``--rounds``:

* reading: ``read_csv_file`` on the workbook (calamine, each cell as a CSV export
  writes it), against openpyxl's read-only reader giving only the cell values (what
  sdrdesk used before), and against reading the CSV file;
* importing: ``ImportService.run`` on a fresh store, the workbook against the CSV file.

No issue sets a target for workbooks; the figures back the README's "about 20,000 rows
a second" and show what a workbook adds to an import.

    .venv/bin/python benchmarks/workbook_bench.py [--rows 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks.import_bench import sdrdesk_import
from benchmarks.import_data import generate
from sdrdesk.services.imports.read import read_csv_file


def write_workbook(csv_path: Path, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Leads")
    with csv_path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f)):
            cells: list[object] = list(row)
            if n:  # the id and the score as numbers, as a spreadsheet holds them
                cells[0] = int(row[0])
                if row[10].isdecimal():
                    cells[10] = int(row[10])
            sheet.append(cells)
    book.save(path)


def openpyxl_values(path: Path) -> int:
    """The old way: openpyxl's read-only reader, the cell values only (no text made)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return rows


def best(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many turns")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sdrdesk-workbook-bench-"))
    csv_path, book_path = folder / "leads.csv", folder / "leads.xlsx"
    generate(csv_path, args.rows)
    write_workbook(csv_path, book_path)
    rows = len(read_csv_file(book_path).rows)
    read_book = best(lambda: read_csv_file(book_path), args.rounds)
    read_csv = best(lambda: read_csv_file(csv_path), args.rounds)
    old = best(lambda: openpyxl_values(book_path), 1)  # slow: once is enough
    imports: dict[str, float] = {}
    for _ in range(args.rounds):
        for label, path in (("workbook", book_path), ("csv", csv_path)):
            db = Path(tempfile.mkdtemp(dir=folder)) / "store.db"
            _report, run = sdrdesk_import(path, db)
            imports[label] = min(imports.get(label, run.seconds), run.seconds)
    size = book_path.stat().st_size / 1e6
    print(f"{rows:,} rows; workbook {size:.1f} MB; best of {args.rounds}")
    print(f"read workbook (calamine):  {read_book:6.2f} s  {rows / read_book:8,.0f} rows/s")
    print(f"read workbook (openpyxl):  {old:6.2f} s  {rows / old:8,.0f} rows/s (values only)")
    print(f"read the same CSV:         {read_csv:6.2f} s  {rows / read_csv:8,.0f} rows/s")
    for label in ("workbook", "csv"):
        seconds = imports[label]
        print(f"import {label + ':':10}         {seconds:6.2f} s  {rows / seconds:8,.0f} rows/s")
    if resource is not None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
