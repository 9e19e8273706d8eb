"""The province brief: median time and size of the one-page PDF (and the Word report), warm, over N runs.

    .venv/bin/python -m bench.brief [--runs 10] [--province "Phú Thọ"] [--units y2025] [--year 2026]

Reads the warehouse the app serves (WAREHOUSE_PATH, else data/warehouse.duckdb). One run first to warm the
caches (the queries, the disclosure plan, matplotlib and the font), then each run gathers the figures and
writes the file in this process, as a click on the download button does. Prints one Markdown row per format,
with the targets (PDF: ≤ 3 s warm, ≤ 1 MB)."""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

from analytics import queries, summary
from analytics.access import local
from analytics.brief import _find, pdf_bytes
from analytics.report_docx import docx_bytes

TARGET_SECONDS = 3.0
TARGET_BYTES = 1_000_000


def measure(province: str, year: int | None, system: str, runs: int) -> list[tuple[str, float, float, int]]:
    """(format, median s, max s, bytes) of the brief and the report."""
    unit = _find(province, queries.provinces_with_data(system))
    if unit is None:
        raise SystemExit(f"no province {province!r} with figures in {system}")
    lo, hi = queries.years(unit) or (0, 0)
    year = year or hi
    scope = replace(local(4), raw=frozenset())
    found = []
    for fmt, write in (("pdf", pdf_bytes), ("docx", docx_bytes)):
        write(summary.gather(unit, None, lo, year, scope), "vi")  # warm
        times, size = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            size = len(write(summary.gather(unit, None, lo, year, scope), "vi"))
            times.append(time.perf_counter() - started)
        found.append((fmt, statistics.median(times), max(times), size))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--province", default="Phú Thọ")
    parser.add_argument("--units", default="y2025", choices=("y2025", "pre2025"))
    parser.add_argument("--year", type=int)
    args = parser.parse_args(argv)
    rows = measure(args.province, args.year, args.units, args.runs)
    print(f"brief of {args.province} ({args.units}), {args.runs} warm runs")
    print("| file | median | max | size | target |\n|---|---|---|---|---|")
    for fmt, median, high, size in rows:
        if fmt == "pdf":
            ok = median <= TARGET_SECONDS and size <= TARGET_BYTES
            target = f"≤ {TARGET_SECONDS:.0f} s, ≤ 1 MB {'✓' if ok else '✗'}"
        else:
            target = "—"
        print(f"| {fmt} | {median:.2f} s | {high:.2f} s | {size / 1024:.0f} KB | {target} |")


if __name__ == "__main__":
    main()
