"""Plans and their targets (data/reference/plans.csv, targets.csv), checked against units and indicators."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.indicators import catalogue_frame
from core.paths import REFERENCE
from core.problems import InputError, Problem
from core.units import UnitIndex, UnitNotFound

NATIONAL = "Toàn quốc"
COMPARATORS = ("ge", "le", "change_le", "change_ge")  # change_*: percent change on the year before


def load_plans(reference: Path = REFERENCE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(plan, target) frames; raises InputError listing every bad row."""
    plans = pd.read_csv(reference / "plans.csv", dtype=str, keep_default_na=False)
    targets = pd.read_csv(reference / "targets.csv", dtype=str, keep_default_na=False)
    index = UnitIndex.load()
    codes = set(catalogue_frame().code)
    problems: list[Problem] = []
    scope: list[str | None] = []
    for i, row in plans.iterrows():
        if row.scope == NATIONAL:
            scope.append(None)
            continue
        try:
            scope.append(index.province(row.scope, int(row.issued_on[:4])).unit_id)
        except (UnitNotFound, ValueError) as exc:
            problems.append(Problem("plans.csv", str(exc), row=i + 2, column="scope", found=row.scope))
            scope.append(None)
    plans["scope_unit_id"] = scope
    for i, row in targets.iterrows():
        where = {"file": "targets.csv", "row": i + 2}
        if row.plan_id not in set(plans.plan_id):
            problems.append(
                Problem(message="kế hoạch không có trong plans.csv", column="plan_id", found=row.plan_id, **where)
            )
        if row.indicator and row.indicator not in codes:
            problems.append(
                Problem(message="chỉ tiêu không có trong danh mục", column="indicator", found=row.indicator, **where)
            )
        if row.comparator not in COMPARATORS:
            problems.append(
                Problem(
                    message="phép so sánh không hợp lệ",
                    column="comparator",
                    expected=", ".join(COMPARATORS),
                    found=row.comparator,
                    **where,
                )
            )
        try:
            float(row.value)
            int(row.year)
        except ValueError:
            problems.append(
                Problem(
                    message="năm hoặc giá trị không phải là số",
                    column="year/value",
                    found=f"{row.year}/{row.value}",
                    **where,
                )
            )
    if problems:
        raise InputError(problems)
    plans["issued_on"] = pd.to_datetime(plans["issued_on"]).dt.date
    targets["year"] = targets["year"].astype(int)
    targets["value"] = targets["value"].astype(float)
    targets["indicator"] = targets["indicator"].replace("", None)
    return plans, targets
