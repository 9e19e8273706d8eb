"""Server-side script time of every page (AppTest) for a province change, cold and warm, and of the baseline.

Run by bench/run.py in its own process with WAREHOUSE_PATH set; prints one JSON object."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import db, queries
from analytics.frame import PAGES
from core.units import PRE2025

ROOT = Path(__file__).resolve().parent.parent


def _timed(at: AppTest, province: str | None) -> float:
    started = time.perf_counter()
    (at.selectbox(key="province").select(province) if province else at).run()
    elapsed = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"{at.exception[0].message}")
    return elapsed


def pages(provinces: list[str], rounds: int) -> dict[str, dict[str, float]]:
    """Per page: the first change to each province with the query cache empty (cold), then the same changes
    again (warm)."""
    started = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
    # The app opens on today's units; the benchmark compares with the baseline by the provinces before 2025.
    if any(r.key == "units" for r in at.radio):
        at.radio(key="units").set_value(PRE2025).run()
    results: dict[str, dict[str, float]] = {"first_run_ms": {"ms": (time.perf_counter() - started) * 1000}}
    for path, _, _ in PAGES:
        at.switch_page(path).run()
        filtered = any(box.key == "province" for box in at.selectbox)
        # Cold: every query of the page runs again, and its disclosure control (the per-build plan is kept).
        db.run.cache_clear()
        queries._protected_run.cache_clear()
        cold = [_timed(at, p if filtered else None) for p in provinces]
        warm = [_timed(at, p if filtered else None) for _ in range(rounds) for p in provinces]
        results[path] = {
            "cold_median": statistics.median(cold),
            "warm_median": statistics.median(warm),
            "warm_p95": statistics.quantiles(warm, n=20)[-1] if len(warm) > 1 else warm[0],
            "runs": len(warm),
        }
    return results


def baseline(long_file: str, units_file: str, provinces: list[str], rounds: int) -> dict[str, float]:
    os.environ["BENCH_LONG_FILE"], os.environ["BENCH_UNITS_FILE"] = long_file, units_file
    at = AppTest.from_file(str(ROOT / "bench" / "baseline_app.py"), default_timeout=600).run()
    cold = [_timed(at, p) for p in provinces]
    warm = [_timed(at, p) for _ in range(rounds) for p in provinces]
    return {"cold_median": statistics.median(cold), "warm_median": statistics.median(warm), "runs": len(warm)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--long-file", required=True)
    parser.add_argument("--units-file", required=True)
    args = parser.parse_args()
    ids = list(queries.provinces_with_data(PRE2025)["unit_id"])
    chosen = ids[:: max(1, len(ids) // args.provinces)][: args.provinces]
    provinces = queries.provinces(PRE2025)
    names = dict(zip(provinces["unit_id"], provinces["name"], strict=True))
    out = {
        "pages": pages(chosen, args.rounds),
        "baseline": baseline(args.long_file, args.units_file, [names[p] for p in chosen], args.rounds),
        "provinces": [names[p] for p in chosen],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
