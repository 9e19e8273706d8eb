"""Completeness shaped for the screen: per-unit totals over indicator groups, and what each short unit lacks."""

from __future__ import annotations

import pandas as pd

from analytics.i18n import t
from etl.indicators import TOPIC_NAMES


def per_unit(gaps: pd.DataFrame) -> pd.DataFrame:
    """Indicators given and expected per unit and year over the groups in `gaps`, and whether it is complete
    (a unit short in any group is short over all of them: no group gives more than expected)."""
    cells = gaps.groupby(["year", "unit_id", "unit_name"], as_index=False)[["n_values", "n_expected"]].sum()
    return cells.assign(complete=cells["n_values"] >= cells["n_expected"])


def shortfalls(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per unit and year short of a full return: what it lacks, group by group, or "nothing reported"."""
    en = lang == "en"
    order = list(TOPIC_NAMES)
    rows = []
    for (year, _, name), part in gaps.groupby(["year", "unit_id", "unit_name"], sort=False):
        short = part[part["n_values"] < part["n_expected"]].sort_values("topic", key=lambda c: c.map(order.index))
        if short.empty:
            continue
        missing = (
            t("quality_nothing", lang)
            if part["n_values"].sum() == 0 and part["topic"].nunique() > 1  # one group: say which, with 0/n
            else "; ".join(
                f"{TOPIC_NAMES[g][en]} ({v}/{e})" for g, v, e in short[["topic", "n_values", "n_expected"]].values
            )
        )
        rows.append({t("col_year", lang): int(year), t("col_unit", lang): name, t("col_missing", lang): missing})
    columns = [t("col_year", lang), t("col_unit", lang), t("col_missing", lang)]
    return pd.DataFrame(rows, columns=columns).sort_values(columns[:2], ignore_index=True)
