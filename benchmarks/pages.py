"""Warm script time of every page on the bundled warehouse, median over province changes (AppTest)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import queries
from analytics.ui import PAGES
from etl.units import PRE2025

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 2  # each province this many times per page


def main() -> None:
    started = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300).run()
    print(f"cold start (builds the warehouse if missing): {time.perf_counter() - started:.2f} s")
    provinces = list(queries.provinces_with_data(PRE2025)["unit_id"])
    print(f"{'page':<28} {'median ms':>10} {'max ms':>8}  runs")
    for path, _, _ in PAGES:
        at.switch_page(path).run()
        # A page without the province filter (the sources page lists every province) is timed rerunning.
        filtered = any(box.key == "province" for box in at.selectbox)
        times = []
        for _ in range(ROUNDS):
            for province in provinces:
                started = time.perf_counter()
                (at.selectbox(key="province").select(province) if filtered else at).run()
                times.append((time.perf_counter() - started) * 1000)
                assert not at.exception, at.exception
        print(f"{path:<28} {statistics.median(times):>10.0f} {max(times):>8.0f}  {len(times)}")
    print(f"provinces: {len(provinces)}")


if __name__ == "__main__":
    main()
