"""Plan targets against results: achieved (green), close (amber) or not (red), with the year measured."""

from __future__ import annotations

import math

import pandas as pd

NEAR = 10.0  # percentage points (or points of percent change) counted as "close"


def assess(comparator: str, target: float, result: float | None) -> str:
    """'achieved' | 'near' | 'missed' | 'no_data' for one result against one target."""
    if result is None or (isinstance(result, float) and math.isnan(result)):
        return "no_data"
    # How far short of the target: for le and change_le lower is the goal.
    gap = target - result if comparator in ("ge", "change_ge") else result - target
    if gap <= 0:
        return "achieved"
    return "near" if gap <= NEAR else "missed"


def score(targets: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """One row per target with the result it is judged on.

    `targets`: plan_id, indicator, year, comparator, value, text_vi, text_en, title_vi, title_en.
    `series`: indicator, year, value (the unit's yearly values). A target is judged on its own year, or
    on the latest earlier year when that is all there is (then `result_year` says which); a change target
    compares that year with the one before. `result_partial` says the result rests on a sum of only some of the
    unit's members (a `whole` column of `series` that is False).
    """
    rows = []
    whole = series.set_index(["indicator", "year"])["whole"] if "whole" in series else None
    for t in targets.itertuples():
        result = result_year = None
        partial = False
        if t.indicator is not None and not pd.isna(t.indicator):
            values = series[series["indicator"] == t.indicator].dropna(subset=["value"]).set_index("year")["value"]
            years = [y for y in values.index if y <= t.year]
            if t.comparator.startswith("change"):
                years = [y for y in years if y - 1 in values.index]
            if years:
                result_year = max(years)
                if t.comparator.startswith("change"):
                    before = values[result_year - 1]
                    result = (values[result_year] - before) / before * 100 if before else None
                else:
                    result = float(values[result_year])
                used = [result_year - 1, result_year] if t.comparator.startswith("change") else [result_year]
                flags = [whole.get((t.indicator, y)) for y in used] if whole is not None else []
                partial = any(f is not None and f == f and not f for f in flags)  # False, not NaN or missing
        status = (
            "not_measured" if t.indicator is None or pd.isna(t.indicator) else assess(t.comparator, t.value, result)
        )
        rows.append(
            {**t._asdict(), "result": result, "result_year": result_year, "status": status, "result_partial": partial}
        )
    columns = [*targets.columns, "result", "result_year", "status", "result_partial"]
    return pd.DataFrame(rows, columns=columns).drop(columns=["Index"], errors="ignore")
