"""Disclosure control: small counts of violence and abuse, and any cell that would give one away, are hidden."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from analytics.access import Scope
from analytics.db import fetch, query, version, warehouse_path

UNSTABLE_BELOW = 20  # a rate on fewer cases than this moves by chance more than by anything done
_KEY = ["unit_id", "indicator", "year"]


def _groups(cells: pd.DataFrame, catalogue: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Every published sum over cells, as rows (group, cell, total): a group's members add up to its total.

    Column totals: a province's districts or communes add up to the province; the former provinces add up to
    the 2025 province they formed. Row totals: the parts of an indicator (forms of violence, victims by sex)
    add up to it at most, and often exactly, so they are treated as a sum. A province rate's numerator is the
    sum of the numerators of the units that gave both parts."""
    ids = cells.reset_index(names="cell")
    by_key = ids.set_index(_KEY)["cell"]
    out: list[pd.DataFrame] = []

    def add(members: pd.DataFrame, total_keys: pd.DataFrame, group_cols: list[str], derived: bool = False) -> None:
        """Members and their totals, both holding `group_cols` and a `cell`; groups without a total are dropped.
        A `derived` total (a 2025 province's history summed from the former provinces) is the first complement:
        better than hiding a former province's own figure."""
        totals = total_keys.dropna(subset=["cell"]).drop_duplicates(group_cols)
        members = members.dropna(subset=["cell"]).merge(totals[group_cols], on=group_cols)
        if members.empty:
            return
        start = int(out[-1]["group"].max()) + 1 if out else 0  # group numbers unique across kinds
        both = pd.concat([members.assign(total=False), totals.assign(total=True)], ignore_index=True)
        both["group"] = start + both.groupby(group_cols, sort=False).ngroup()
        both = both[both["group"].isin(both.loc[~both["total"], "group"])]
        both["rank"] = np.where(both["total"], -1 if derived else 2, 0)
        out.append(both[["group", "cell", "total", "rank"]].astype({"cell": int}))

    def lookup(frame: pd.DataFrame, unit: str, indicator: str) -> pd.Series:
        keys = pd.MultiIndex.from_arrays([frame[unit], frame[indicator], frame["year"]])
        return pd.Series(by_key.reindex(keys).to_numpy(), index=frame.index)

    counts = ids[ids["kind"] != "ratio"]
    ratios = ids[ids["kind"] == "ratio"]
    # Districts (communes) within their province.
    below = counts[counts["level"] != "P"]
    province = counts[(counts["level"] == "P")]
    add(
        below.assign(level_=below["level"]),
        province.assign(level_=province["counted"], province_id=province["unit_id"]),
        ["province_id", "indicator", "year", "level_"],
    )
    # Former provinces within the 2025 province they formed (its figures before the reform).
    old = counts[(counts["level"] == "P") & counts["unit_id"].isin(crosswalk["from_unit"])]
    old = old.merge(crosswalk, left_on="unit_id", right_on="from_unit")
    rolled = counts[(counts["level"] == "P") & (counts["counted"] == "P")]
    add(
        old.assign(target=old["to_unit"]),
        rolled.assign(target=rolled["unit_id"]),
        ["target", "indicator", "year"],
        derived=True,
    )
    # Parts of an indicator within it, for every unit.
    parents = catalogue.set_index("code")["parent"].dropna()
    parts = counts[counts["indicator"].isin(parents.index)].assign(parent=lambda f: f["indicator"].map(parents))
    whole = counts.assign(parent=counts["indicator"])
    add(parts, whole, ["unit_id", "parent", "year"])
    # A province rate's numerator: the numerators of the districts (communes) with both parts.
    numerators = catalogue.set_index("code")["numerator"].dropna()
    pair = ratios[ratios["level"] != "P"].assign(num=lambda f: f["indicator"].map(numerators))
    pair = pair.assign(cell=lookup(pair, "unit_id", "num"), level_=pair["level"])
    top = ratios[ratios["level"] == "P"]
    totals = top.assign(level_=top["counted"], province_id=top["unit_id"])
    add(pair, totals, ["province_id", "indicator", "year", "level_"])
    old_rates = ratios[(ratios["level"] == "P") & ratios["unit_id"].isin(crosswalk["from_unit"])]
    old_rates = old_rates.merge(crosswalk, left_on="unit_id", right_on="from_unit")
    rolled_rates = top[top["counted"] == "P"]
    add(
        old_rates.assign(target=old_rates["to_unit"]),
        rolled_rates.assign(target=rolled_rates["unit_id"]),
        ["target", "indicator", "year"],
        derived=True,
    )
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=["group", "cell", "total", "rank"])


def plan(cells: pd.DataFrame, catalogue: pd.DataFrame, crosswalk: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Which cells of the sensitive indicators to hide, and why: `small` (a count from 1 to `threshold`) or
    `complement` (a second cell hidden so that no published sum gives the first away).

    `cells` holds one row per unit, indicator and year (unit_id, province_id, level, counted, units_reported,
    units_total, indicator, kind, year, value), where a ratio's value is its numerator. Zero is never small.
    A complement is the smallest non-zero cell of the sum still shown, else a zero, else the sum itself
    (a derived sum first: see `_groups`);
    hiding one can open another sum, so this repeats until every sum hides none or at least two cells."""
    cells = cells.drop_duplicates(_KEY).reset_index(drop=True)
    # A province figure only one of its districts reported is that district's figure.
    single = (
        cells["level"].eq("P") & cells["units_reported"].eq(1) & cells["units_total"].gt(1) & cells["counted"].ne("P")
    )
    counted = cells["kind"].ne("ratio") | cells["level"].eq("P")  # a district's rate follows its count
    small = counted & (cells["level"].ne("P") | single) & cells["value"].between(1, threshold)
    hidden = small.to_numpy().copy()
    why = np.where(hidden, "small", None).astype(object)
    groups = _groups(cells, catalogue, crosswalk)
    values = cells["value"].to_numpy()
    units = cells["unit_id"].to_numpy()
    while len(groups):
        state = groups.assign(h=hidden[groups["cell"].to_numpy()])
        count = state.groupby("group")["h"].transform("sum")
        open_ = state[(count == 1) & ~state["h"]]
        if open_.empty:
            break
        at = open_["cell"].to_numpy()
        v = values[at]
        rank = np.where(open_["total"], open_["rank"], np.where(v == 0, 1, 0))
        choice = open_.assign(rank=rank, v=v, unit=units[at]).sort_values(["group", "rank", "v", "unit"])
        picked = choice.drop_duplicates("group")["cell"].to_numpy()
        hidden[picked] = True
        why[picked] = "complement"  # candidates were all shown until now
    out = cells.loc[hidden, _KEY].assign(why=why[hidden])
    # A district's rate is hidden with its count.
    numerators = catalogue.set_index("code")["numerator"].dropna()
    rates = cells[cells["kind"].eq("ratio") & cells["level"].ne("P")]
    rates = rates.assign(num=rates["indicator"].map(numerators))
    follow = rates.merge(out.rename(columns={"indicator": "num"}), on=["unit_id", "num", "year"])
    return pd.concat([out, follow[_KEY + ["why"]]], ignore_index=True)


# A resource, not data: st.cache_data would copy the plan (hundreds of thousands of cells at national scale)
# on every lookup; this one is shared and only read.
@st.cache_resource(max_entries=4, show_spinner=False)
def _hidden(path: str, mtime: float, threshold: int) -> dict[tuple[str, str, int], str]:  # noqa: ARG001 (the build is the cache key)
    cells = fetch("""
        SELECT m.unit_id, m.province_id, m.level, m.counted, m.units_reported, m.units_total, m.indicator, i.kind,
               m.year, coalesce(m.numerator, m.value) AS value
        FROM mart m JOIN indicator i ON i.code = m.indicator
        WHERE i.sensitive""")
    catalogue = query("SELECT code, parent, numerator FROM indicator WHERE sensitive")
    crosswalk = query("""
        SELECT from_unit, to_unit FROM unit_crosswalk
        WHERE from_unit IN (SELECT unit_id FROM unit WHERE level = 'P')""")
    hidden = plan(cells, catalogue, crosswalk, threshold)
    found = dict(
        zip(
            zip(hidden["unit_id"], hidden["indicator"], hidden["year"].astype(int), strict=True),
            hidden["why"],
            strict=True,
        )
    )
    del cells, hidden
    # Every sensitive cell of the country passed through Arrow's memory pool, which keeps what it freed; give
    # it back, or the server carries some 150 MB it no longer uses from its first page on.
    pa.default_memory_pool().release_unused()
    return found


def reasons(units: pd.Series, indicators: pd.Series, years: pd.Series, threshold: int) -> pd.Series:
    """Why each cell (unit, indicator, year, row by row) is hidden at a threshold: "small", "complement", or
    None when it is shown. The plan is worked out once per build; this only looks cells up in it."""
    plan = _hidden(str(warehouse_path()), version(), threshold)
    found = [
        None if pd.isna(y) else plan.get((u, i, int(y)))
        for u, i, y in zip(units.tolist(), indicators.tolist(), years.tolist(), strict=True)
    ]
    return pd.Series(found, index=units.index, dtype=object)


def protect(frame: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """Rows a reader may see, with the cells disclosure control hides emptied.

    Drops district and commune rows of provinces outside the reader's detail scope. Adds `suppressed`
    (the value is hidden), `hidden_as` ("<5" for a small count; "" for a rate or a complement), `unstable`
    (a sensitive rate on fewer than 20 cases) and `unprotected` (hidden for others, shown to this reader
    because they may see their provinces' small counts). Needs unit_id, province_id, level, indicator, year,
    value; hides numerator, prev_value and prev_numerator with them."""
    if len(frame) and scope.detail is not None:
        frame = frame[frame["level"].eq("P") | frame["province_id"].isin(scope.detail)]
    out = frame.reset_index(drop=True).copy()
    meta = query("SELECT code, kind, sensitive FROM indicator").set_index("code")
    if out.empty:
        return out.assign(suppressed=False, hidden_as="", unstable=False, unprotected=False)
    why = reasons(out["unit_id"], out["indicator"], out["year"], scope.threshold)
    why_before = reasons(out["unit_id"], out["indicator"], out["year"] - 1, scope.threshold)
    raw = out["province_id"].map(scope.sees_raw).astype(bool)
    current = why.notna() & ~raw
    previous = why_before.notna() & ~raw
    ratio = out["indicator"].map(meta["kind"]).eq("ratio")
    out["suppressed"] = current
    out["hidden_as"] = np.where(current & why.eq("small") & ~ratio, f"<{scope.threshold + 1}", "")
    out["unprotected"] = why.notna() & raw
    for col in ("value", "numerator"):
        if col in out:
            out[col] = out[col].mask(current)
    for col in ("prev_value", "prev_numerator"):
        if col in out:
            out[col] = out[col].mask(previous)
    numerator = out["numerator"] if "numerator" in out else pd.Series(np.nan, index=out.index)
    sensitive = out["indicator"].map(meta["sensitive"]).fillna(False).astype(bool)
    out["unstable"] = ratio & sensitive & numerator.lt(UNSTABLE_BELOW) & ~current
    return out
