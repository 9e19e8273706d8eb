"""Data quality shaped for the screen: per-unit completeness, what each short unit lacks, a topic page's line."""

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


def note(
    gaps: pd.DataFrame,
    found: pd.DataFrame,
    lang: str,
    district_id: str | None = None,
    topics: tuple[str, ...] | None = None,
    members: pd.DataFrame | None = None,
) -> tuple[str, str] | None:
    """A topic page's quality line and its icon, from the completeness rows and the findings of its province:
    the latest years in which former provinces sent nothing (`members`, from `queries.members_reported`, for a
    2025 province), the latest years with units short of a full return, and the values to review; None with
    nothing to say. It never says every unit reported while a former province is missing."""
    if district_id:
        gaps = gaps[gaps["unit_id"] == district_id]
        members = None  # a district's own figures: the other former provinces are not its members
    if topics is not None:
        gaps = gaps[gaps["topic"].isin(topics)]
        found = found[found["topic"].isin(topics)]
    absent = pd.DataFrame() if members is None or members.empty else members[~members["reported"].astype(bool)]
    if gaps.empty and found.empty and absent.empty:
        return None  # nothing reported at the reporting level (published figures only): nothing to say
    parts = []
    for year, rows in sorted(absent.groupby("year"), reverse=True)[:2] if len(absent) else []:
        total = int((members["year"] == year).sum())  # type: ignore[index]
        names = ", ".join(rows["short_name"])
        parts.append(t("quality_note_members", lang, n=len(rows), total=total, year=year, names=names))
    level = gaps["level"].iloc[0] if len(gaps) else "D"
    cells = per_unit(gaps)
    short = (~cells["complete"]).groupby(cells["year"]).sum().loc[lambda n: n > 0].sort_index(ascending=False)
    parts += [
        t("quality_note_gaps", lang, n=n, noun=t(f"noun_{level}" + ("_1" if n == 1 else ""), lang), year=year)
        for year, n in short.head(2).items()
    ]
    if len(short) > 2:
        parts[-1] += " " + t("quality_note_more_years", lang, n=len(short) - 2)
    # Unusual values (notes) stay on the quality page: across districts of unequal size they are many and
    # mostly real; this line says what needs a look.
    review = int(found["severity"].isin(("error", "warning")).sum())
    if review:
        parts.append(t("quality_note_review", lang, n=review))
    # The years chosen can span the reform: districts before it, communes after.
    noun = t("noun_" + ("DC" if gaps["level"].nunique() > 1 else level), lang)
    text = " · ".join(parts) if parts else t("quality_note_ok", lang, noun=noun)
    return t("quality_note", lang, text=text), ":material/fact_check:" if not parts else ":material/report:"
