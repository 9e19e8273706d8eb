"""Plans and their targets (data/reference/plans.csv, targets.csv, targets quoted in published texts, and targets an
officer approved from a narrative text), checked against units and indicators."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from core.indicators import catalogue_frame
from core.paths import REFERENCE
from core.problems import InputError, Problem
from core.units import PRE2025, UnitIndex, UnitNotFound

NATIONAL = "Toàn quốc"
COMPARATORS = ("ge", "le", "change_le", "change_ge")  # change_*: percent change on the year before
# Published figures of kind "target" (etl.published reads the same files as figures, never as a year's value).
PUBLISHED_TARGET_FILES = ("published_figures.csv", "published_figures_more.csv")
# Targets proposed from a text (kind target or change_target in a reviewed file under data/narrative/) and approved
# by an officer: one plan per source, dated the day of the review.
REVIEWED_PREFIX = "VB-"
REVIEWED_KINDS = ("target", "change_target")


def load_plans(reference: Path = REFERENCE, narrative: Iterable[Path] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(plan, target) frames; raises InputError listing every bad row. `narrative`: reviewed files of figures
    accepted from texts (etl.published.narrative_files), whose approved targets become plan targets."""
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
    for more_plans, more_targets in (published_plans(reference, index, codes), reviewed_plans(narrative, index)):
        plans = pd.concat([plans, more_plans], ignore_index=True) if len(more_plans) else plans
        targets = pd.concat([targets, more_targets], ignore_index=True) if len(more_targets) else targets
    plans["issued_on"] = pd.to_datetime(plans["issued_on"]).dt.date
    targets["year"] = targets["year"].astype(int)
    targets["value"] = targets["value"].astype(float)
    targets["indicator"] = targets["indicator"].replace("", None)
    return plans, targets


def published_plans(reference: Path, index: UnitIndex, codes: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets a published text sets ("Phấn đấu đến năm 2020 có trên 95% số hộ …"), one plan per page, so they
    reach the scorecard like a plan's own. Kept only with an indicator of the catalogue, a year, a value and the
    page's date (a plan is dated); a percent change below zero is a ceiling on the change ("giảm 10%")."""
    plans: dict[str, dict[str, object]] = {}
    targets: list[dict[str, object]] = []
    for name in PUBLISHED_TARGET_FILES:
        path = reference / name
        rows = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()
        if "kind" not in rows.columns:
            continue
        for r in rows[rows["kind"] == "target"].itertuples():
            issued = r.published[:10]
            if r.indicator not in codes or not (r.year.strip() and r.value.strip() and issued[:4].isdigit()):
                continue
            try:
                scope = None if r.province == NATIONAL else index.province(r.province, int(issued[:4])).unit_id
            except UnitNotFound:
                continue
            plan_id = "CB-" + hashlib.sha256(r.source_url.encode()).hexdigest()[:10]
            plans.setdefault(
                plan_id,
                {
                    "plan_id": plan_id,
                    "title_vi": f"Chỉ tiêu công bố: {r.province}, {issued}",
                    "title_en": f"Published targets: {r.province}, {issued}",
                    "issuer": urlparse(r.source_url).netloc or r.source_url,
                    "scope": r.province,
                    "issued_on": issued,
                    "source_url": r.source_url,
                    "scope_unit_id": scope,
                },
            )
            value = float(r.value)
            comparator = "change_le" if value < 0 else "ge"
            targets.append({"plan_id": plan_id, "indicator": r.indicator, "year": r.year, "comparator": comparator,
                            "value": r.value, "text_vi": r.quote, "text_en": r.quote})  # fmt: skip
    return pd.DataFrame(list(plans.values())), pd.DataFrame(targets)


def reviewed_plans(paths: Iterable[Path], index: UnitIndex) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets an officer approved from a narrative text ("Phấn đấu đến năm 2025, 100% xã … có đường dây nóng"),
    one plan per source, so they reach the plans page's scorecard beside the plans' own; each keeps its sentence.
    A level target is a floor, or a ceiling for an indicator where lower is better; a change target ("giảm 10% số
    vụ") is a ceiling on the percent change when negative, a floor when positive. Rows without the review's date
    (files reviewed before it was recorded) or with a province that does not match are left out."""
    better = dict(zip(catalogue_frame().code, catalogue_frame().higher_is_better, strict=True))
    plans: dict[str, dict[str, object]] = {}
    targets: list[dict[str, object]] = []
    for path in paths:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "reviewed_on" not in rows.columns:
            continue
        for r in rows[rows["kind"].isin(REVIEWED_KINDS)].itertuples():
            issued = r.reviewed_on[:10]
            if r.indicator not in better or not (r.year.strip() and r.value.strip() and issued[:4].isdigit()):
                continue
            try:
                scope = None if r.province == NATIONAL else _province(index, r.province, int(issued[:4]))
            except UnitNotFound:
                continue
            plan_id = REVIEWED_PREFIX + hashlib.sha256(r.source_url.encode()).hexdigest()[:10]
            plans.setdefault(
                plan_id,
                {
                    "plan_id": plan_id,
                    "title_vi": f"Chỉ tiêu trích từ văn bản (đã duyệt): {r.source_url}",
                    "title_en": f"Targets extracted from a text (reviewed): {r.source_url}",
                    "issuer": urlparse(r.source_url).netloc or r.source_url,
                    "scope": r.province,
                    "issued_on": issued,
                    "source_url": r.source_url,
                    "scope_unit_id": scope,
                },
            )
            value = float(r.value)
            if r.kind == "change_target":
                comparator = "change_le" if value < 0 else "change_ge"
            else:
                comparator = "le" if better[r.indicator] == "false" else "ge"
            targets.append({"plan_id": plan_id, "indicator": r.indicator, "year": r.year, "comparator": comparator,
                            "value": r.value, "text_vi": r.quote, "text_en": r.quote})  # fmt: skip
    frame = pd.DataFrame(targets)
    if len(frame):  # the same target approved in two reviews of one source is one target
        frame = frame.drop_duplicates(["plan_id", "indicator", "year", "comparator", "value"], ignore_index=True)
    return pd.DataFrame(list(plans.values())), frame


def _province(index: UnitIndex, name: str, year: int) -> str:
    """The province a review names, as of the review; a former province (before 7/2025) named after the merger is
    that former province, whose plans the plans page shows to the province it became part of."""
    try:
        return index.province(name, year).unit_id
    except UnitNotFound:
        return index.match(name, PRE2025, "P").unit_id
