"""Figures proposed from a narrative text, reviewed by a person, and kept under data/narrative/ for the build."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pandas as pd

from core import settings
from core.indicators import catalogue_frame
from core.problems import InputError, Problem
from core.textnorm import ascii_fold
from core.units import UnitIndex
from etl.build import BuildResult, build, data_lock
from etl.extract import KINDS, Proposal
from etl.published import NARRATIVE_DIR, match_unit, narrative_files

# KINDS (from etl.extract): result, target, change_target, partial, cumulative, change; the review table offers them.
# A reviewed file: the columns of published_figures.csv, then what the extractor adds, then the day of the review
# (an approved target becomes a plan target dated that day: etl.plans.reviewed_plans).
COLUMNS = ["province", "district", "year", "indicator", "value", "unit", "source_url", "published", "quote"]
COLUMNS += ["is_approx", "kind", "start", "end", "reviewed_on"]
REVIEW = ["accept", "indicator", "value", "year", "province", "district", "is_approx", "kind", "quote", "start", "end"]


def review_table(proposals: list[Proposal]) -> pd.DataFrame:
    """One row per proposal, accepted by default, for a person to correct or reject."""
    return pd.DataFrame(
        [
            {
                "accept": True,
                "indicator": p.indicator,
                "value": p.value,
                "year": p.year,
                "province": p.province or "",
                "district": p.district or "",
                "is_approx": p.is_approx,
                "kind": p.kind,
                "quote": p.sentence,
                "start": p.start,
                "end": p.end,
            }
            for p in proposals
        ],
        columns=REVIEW,
    ).astype({"year": "Int64", "value": "float64", "start": "Int64", "end": "Int64"})


def read_review(path: Path) -> pd.DataFrame:
    """A review table edited in a spreadsheet: "true/x/có" accepts a row; empty numbers stay empty."""
    table = pd.read_csv(path, dtype={"district": str, "province": str}, keep_default_na=False)
    yes = ("true", "1", "x", "có", "yes")
    table["accept"] = table["accept"].astype(str).str.strip().str.lower().isin(yes)
    table["is_approx"] = table["is_approx"].astype(str).str.strip().str.lower().isin(yes)
    for col in ("year", "start", "end"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype("Int64")
    table["value"] = pd.to_numeric(table["value"], errors="coerce")
    return table


def check(table: pd.DataFrame, source: str, today: date | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The accepted rows as a reviewed file, dated `today` (the review), and every problem with them (row = the
    table's row, from 1)."""
    reviewed_on = (today or date.today()).isoformat()
    codes = catalogue_frame().set_index("code")
    index = UnitIndex.load()
    problems: list[Problem] = []
    rows = []
    if not source.strip():
        problems.append(Problem("", ("chưa ghi nguồn (đường dẫn hoặc tên văn bản)", "no source given (link or title)")))
    for n, r in enumerate(table.itertuples(), start=1):
        if not bool(r.accept):
            continue
        where = {"file": source, "row": n}
        if r.indicator not in codes.index:
            problems.append(Problem(message=("chỉ tiêu không có trong danh mục", "not an indicator of the catalogue"),
                                    column="indicator", found=str(r.indicator), **where))  # fmt: skip
            continue
        if r.kind not in KINDS:
            problems.append(Problem(message=("loại không hợp lệ", "not a valid kind"), column="kind",
                                    expected=", ".join(KINDS), found=str(r.kind), **where))  # fmt: skip
        if pd.isna(r.year) or not 1990 <= int(r.year) <= 2100:
            problems.append(Problem(message=("thiếu năm hoặc năm không hợp lệ", "year missing or invalid"),
                                    column="year", found=str(r.year), **where))  # fmt: skip
            continue
        if pd.isna(r.value) or (r.kind != "change_target" and float(r.value) < 0):
            problems.append(Problem(message=("giá trị phải là số không âm", "the value must be a number, not negative"),
                                    column="value", found=str(r.value), **where))  # fmt: skip
            continue
        if codes.loc[r.indicator, "kind"] == "ratio" and r.kind == "result" and not 0 <= float(r.value) <= 100:
            problems.append(Problem(message=("tỷ lệ phải trong 0–100", "a percentage must be within 0–100"),
                                    column="value", found=str(r.value), **where))  # fmt: skip
        province = str(r.province or "").strip()
        why = match_unit(index, province, str(r.district or "").strip(), int(r.year))[1] if province else None
        if not province or why:
            problems.append(Problem(message=(why or "chưa ghi tỉnh", why or "no province given"),
                                    column="province/district", found=province, **where))  # fmt: skip
            continue
        rows.append(
            {
                "province": province,
                "district": str(r.district or "").strip(),
                "year": int(r.year),
                "indicator": r.indicator,
                "value": float(r.value),
                "unit": codes.loc[r.indicator, "unit_vi"],
                "source_url": source.strip(),
                "published": "",
                "quote": re.sub(r"\s+", " ", str(r.quote)).strip(),
                "is_approx": "true" if bool(r.is_approx) else "false",
                "kind": r.kind,
                "start": "" if pd.isna(r.start) else int(r.start),
                "end": "" if pd.isna(r.end) else int(r.end),
                "reviewed_on": reviewed_on,
            }
        )
    if not rows and not problems:
        problems.append(Problem(source, ("chưa nhận số liệu nào", "no figure accepted")))
    return pd.DataFrame(rows, columns=COLUMNS), problems


def save(
    table: pd.DataFrame,
    source: str,
    data_dir: Path | None = None,
    warehouse: Path | None = None,
    today: date | None = None,
) -> BuildResult | None:
    """Keep the accepted rows under data/narrative/ and rebuild; all or nothing. Raises InputError with every
    problem; returns None when the same figures from the same source were saved before (on any day)."""
    data_dir = Path(data_dir or settings.data_dir())
    reviewed, problems = check(table, source, today)
    if problems:
        raise InputError(problems)
    body = reviewed.to_csv(index=False).encode("utf-8")
    digest = hashlib.sha256(reviewed.drop(columns="reviewed_on").to_csv(index=False).encode("utf-8")).hexdigest()[:12]
    folder = data_dir / NARRATIVE_DIR
    with data_lock(data_dir):
        if any(path.stem.endswith(digest) for path in narrative_files(data_dir)):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(source))[:40].strip("-") or "van-ban"
        path = folder / f"{len(narrative_files(data_dir)) + 1:04d}_{slug}_{digest}.csv"
        path.write_bytes(body)
        try:
            return build(data_dir, warehouse)
        except BaseException:
            path.unlink(missing_ok=True)  # leave data/ as it was
            raise
