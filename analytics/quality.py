"""Completeness shaped for the screen: per-unit totals over indicator groups, and what each short unit lacks."""

from __future__ import annotations

import pandas as pd

from core.i18n import t
from core.indicators import TOPIC_NAMES


def per_unit(gaps: pd.DataFrame) -> pd.DataFrame:
    """Indicators given and expected per unit and year over the groups in `gaps`, and whether it is complete
    (a unit short in any group is short over all of them: no group gives more than expected)."""
    cells = gaps.groupby(["year", "unit_id", "unit_name"], as_index=False)[["n_values", "n_expected"]].sum()
    return cells.assign(complete=cells["n_values"] >= cells["n_expected"])


def shortfalls(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per unit and year short of a full return: what it lacks, group by group, or "nothing reported"."""
    en = lang == "en"
    keys = ["year", "unit_id", "unit_name"]
    columns = [t("col_year", lang), t("col_unit", lang), t("col_missing", lang)]
    # Whole columns at once: a loop over thousands of communes' groups costs more than the rest of the page.
    short = gaps[gaps["n_values"] < gaps["n_expected"]]
    if short.empty:
        return pd.DataFrame(columns=columns)
    rank = {topic: i for i, topic in enumerate(TOPIC_NAMES)}
    short = short.assign(
        unit_order=short.groupby(keys, sort=False).ngroup(),  # units as the rows come, groups in topic order
        rank=short["topic"].map(rank),
        label=[
            f"{TOPIC_NAMES[g][en]} ({v}/{e})"
            for g, v, e in zip(short["topic"], short["n_values"], short["n_expected"], strict=True)
        ],
    ).sort_values(["unit_order", "rank"], kind="stable")
    listed = short.groupby(keys, sort=False)["label"].agg("; ".join)
    totals = gaps.groupby(keys).agg(given=("n_values", "sum"), groups=("topic", "nunique")).loc[listed.index]
    nothing = (totals["given"] == 0) & (totals["groups"] > 1)  # one group: say which, with 0/n
    missing = listed.where(~nothing, t("quality_nothing", lang)).reset_index()
    frame = pd.DataFrame(
        {columns[0]: missing["year"].astype(int), columns[1]: missing["unit_name"], columns[2]: missing["label"]}
    )
    return frame.sort_values(columns[:2], ignore_index=True)
