"""The import page's tables: an uploaded report's problems, and what loading it would change."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analytics import access, queries
from analytics.access import Scope
from analytics.disclosure import reasons
from analytics.fmt import number
from core.i18n import indicator_name, t
from core.problems import Problem
from core.textnorm import key
from core.units import NATIONAL_NAME, UnitNotFound

MAX_MB = 10  # a province's yearly report is a few hundred kilobytes


@contextmanager
def staged(name: str, data: bytes) -> Iterator[Path]:
    """An upload as a file under its own name (the name may carry the province and year) in a private folder
    that is removed as soon as it has been read or loaded: no upload stays behind on the server."""
    with tempfile.TemporaryDirectory(prefix="nhap-") as folder:
        path = Path(folder) / Path(name).name  # never a path the browser chose
        path.write_bytes(data)
        yield path


def review_columns(lang: str) -> dict[str, str]:
    """The review table's headings, for problems that name its columns (etl.narrative.check)."""
    names = {c: t(f"col_{c}", lang) for c in ("indicator", "value", "year", "kind")}
    return names | {"province/district": f"{t('col_province', lang)}/{t('col_district', lang)}"}


def problem_table(problems: list[Problem], lang: str, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """Errors first, each where it is (sheet, row, column), what was expected and what was found. `columns`
    names the columns as the reader sees them; a table without sheets has no sheet column."""
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    said = [p.says(lang) for p in ordered]
    columns = columns or {}
    sheets = {t("col_sheet", lang): [p.sheet or "" for p in ordered]} if any(p.sheet for p in ordered) else {}
    return pd.DataFrame(
        {
            t("col_severity", lang): [t(f"severity_{p.severity}", lang) for p in ordered],
            **sheets,
            t("col_row", lang): [p.row for p in ordered],
            t("col_column", lang): [columns.get(p.column or "", p.column or "") for p in ordered],
            t("col_problem", lang): [message for message, _ in said],
            t("col_expected", lang): [expected or "" for _, expected in said],
            t("col_found", lang): ["" if p.found is None else p.found for p in ordered],
        }
    ).astype({t("col_row", lang): "Int64"})


CHANGE_ORDER = ("changed", "new", "removed", "unchanged")


def outside_scope(provinces: pd.Series, scope: Scope) -> set[str]:
    """The province names (as a review table writes them) the reader may not load figures for: provinces not
    theirs, the whole country unless they are an administrator, and any name that matches no province (refused,
    never skipped: a name the checks cannot place is not the reader's to publish)."""
    outside = set()
    for name in {str(p).strip() for p in provinces if str(p).strip()}:
        if key(name) == key(NATIONAL_NAME):
            if scope.role != "admin":
                outside.add(name)
            continue
        try:
            unit = access.province_id(name)
        except UnitNotFound:
            outside.add(name)
            continue
        if not scope.may_import(unit):
            outside.add(name)
    return outside


def changes(values: pd.DataFrame, places: list[tuple[str, int]], lang: str, scope: Scope) -> pd.DataFrame:
    """Every value a report gives (`values`: indicator, unit_id, year, value), and every value it would take
    away, against what the warehouse holds now for the same (province, year) `places`: new, changed,
    unchanged or removed."""
    meta = queries.indicators()
    incoming = values[["indicator", "unit_id", "year", "value"]].rename(columns={"value": "new"})
    current = pd.concat(
        [queries.observed(province, year, scope) for province, year in places] or [pd.DataFrame()],
        ignore_index=True,
    )
    if current.empty:
        current = pd.DataFrame(columns=["indicator", "unit_id", "year", "value"])
    both = incoming.merge(
        current.rename(columns={"value": "old"})[["indicator", "unit_id", "year", "old"]],
        on=["indicator", "unit_id", "year"],
        how="outer",
    )
    both["change"] = [
        "removed" if pd.isna(n) else "new" if pd.isna(o) else "unchanged" if n == o else "changed"
        for n, o in zip(both["new"], both["old"], strict=True)
    ]
    # What the warehouse holds is shown as the pages show it (small counts and their complements covered),
    # unless the officer chose to see their provinces' uncovered.
    why = reasons(both["unit_id"], both["indicator"], both["year"], scope.threshold)
    hidden = why.notna() & ~pd.Series(bool(scope.raw), index=both.index)
    both["old"] = both["old"].astype(object).mask(hidden, t("hidden", lang))  # one label, as on every page
    both["order"] = both["change"].map(CHANGE_ORDER.index)
    both = both.sort_values(["order", "year", "unit_id", "indicator"]).reset_index(drop=True)
    names = queries.unit_names(tuple(both["unit_id"].unique()))
    return pd.DataFrame(
        {
            t("col_change", lang): [t(f"change_{c}", lang) for c in both["change"]],
            t("col_year", lang): both["year"].astype(int),
            t("col_unit", lang): both["unit_id"].map(names),
            t("col_indicator", lang): [indicator_name(meta, c, lang) for c in both["indicator"]],
            t("col_old", lang): [v if isinstance(v, str) else number(v, lang) for v in both["old"]],
            t("col_new", lang): [number(v, lang) for v in both["new"]],
        }
    )
