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


# Parts of one total that answer the same question; different breakdowns of a total overlap.
BREAKDOWN = {
    "victims_female": "sex",
    "victims_male": "sex",
    "perpetrators_male": "sex",
    "perpetrators_female": "sex",
    "victims_under16": "age",
    "victims_60plus": "age",
    "dv_cases_mental": "form",
    "dv_cases_physical": "form",
    "dv_cases_sexual": "form",
    "dv_cases_economic": "form",
    "handled_criticism": "handling",
    "handled_no_contact": "handling",
    "handled_education": "handling",
    "handled_admin_penalty": "handling",
    "handled_criminal": "handling",
}


def _close_breakdowns(
    cells: pd.DataFrame, hidden: np.ndarray, among: np.ndarray, parents: dict[str, str], covered: np.ndarray
) -> np.ndarray:
    """More cells of `among` to hide so that no breakdown (a total with the parts of one breakdown of it: by
    sex, by age, by form, by handling; another part on its own) holds exactly one hidden cell. First a part
    whose own districts include a hidden one (`covered`: else the districts shown would give it back), non-zero
    before zero, the smallest; the total last."""
    hidden = hidden.copy()
    frame = cells[among].assign(at=np.flatnonzero(among), covered=covered[among])
    parent = frame["indicator"].map(parents)
    parts = frame[parent.notna()].assign(total=parent[parent.notna()])
    parts = parts.assign(kind=parts["indicator"].map(lambda c: BREAKDOWN.get(c, c)))
    wholes = frame.assign(total=frame["indicator"])
    groups = []
    for kind in parts["kind"].unique():
        members = parts[parts["kind"].eq(kind)]
        heads = wholes[wholes["total"].isin(members["total"])]
        both = pd.concat([members.assign(head=False), heads.assign(head=True)])
        both = both.assign(kind=kind)
        groups.append(both)
    if not groups:
        return hidden
    every = pd.concat(groups, ignore_index=True)
    every["group"] = every.groupby(["unit_id", "year", "total", "kind"], sort=False).ngroup()
    while True:
        state = every.assign(h=hidden[every["at"].to_numpy()])
        count = state.groupby("group")["h"].transform("sum")
        size = state.groupby("group")["h"].transform("size")
        open_ = state[(count == 1) & ~state["h"] & (size > 1)]
        if open_.empty:
            return hidden
        rank = np.where(open_["head"], 3, np.where(~open_["covered"], 2, np.where(open_["value"].eq(0), 1, 0)))
        choice = open_.assign(rank=rank)
        choice = choice.sort_values(["group", "rank", "value", "indicator"])
        hidden[choice.drop_duplicates("group")["at"].to_numpy()] = True


def _families(catalogue: pd.DataFrame) -> dict[str, str]:
    """Each sensitive indicator's family: the count at the root of its parts (a total with every breakdown of
    it: by form, by sex, by age, by handling); a ratio goes with its numerator. One unit's cells of a family
    and year are tied by sums and bounds; different families, units or years are tied only through totals."""
    parent = catalogue.set_index("code")["parent"].dropna().to_dict()
    numerator = catalogue.set_index("code")["numerator"].dropna().to_dict()

    def root(code: str) -> str:
        seen = {code}
        while code in parent and parent[code] not in seen:
            code = parent[code]
            seen.add(code)
        return code

    return {str(c): root(str(numerator.get(c, c))) for c in catalogue["code"]}


def _complete(
    block: np.ndarray, row: np.ndarray, column: np.ndarray, value: np.ndarray, small: np.ndarray, hidden: np.ndarray,
    paired: np.ndarray, order: np.ndarray, threshold: int,
) -> np.ndarray:  # fmt: skip
    """Which rows to hide, given those that must be (`hidden`, by row), for every province, year and family
    (`block`) at once. The cells below province level come as parallel arrays (block, row, column, value,
    small); `paired` says which rows have both parts of a rate, `order` ranks the rows by unit.

    Whole rows are hidden, so a hidden row's figures can be moved, all together, into another hidden row of
    the same block without breaking any sum or bound among them: each hidden cell can then be anything from 0
    to the sum of its column's hidden cells. So each column of a hidden row needs a second hidden row that has
    it, and the hidden cells of a column holding a small count must add up to at least the threshold (or to
    the column's whole total when that is smaller: the province figure already says as much). Each round adds
    to every block still short the row closing most of what is missing, then one with both parts of a rate
    (hiding another opens the province rate), then the smallest; ties by unit."""
    hidden = hidden.copy()
    if not len(row):  # no small count below province level anywhere: nothing to complete
        return hidden
    rows = len(hidden)
    cell_key, column_of = pd.factorize(pd.MultiIndex.from_arrays([block, column]))
    keys = len(column_of)
    key_block = np.zeros(keys, dtype=np.int64)
    key_block[cell_key] = block
    row_block = np.zeros(rows, dtype=np.int64)
    row_block[row] = block
    blocks = int(block.max()) + 1 if len(block) else 0
    totals = np.bincount(cell_key, weights=value, minlength=keys)
    reporting = np.bincount(cell_key, minlength=keys)
    target = np.where(np.bincount(cell_key, weights=small, minlength=keys) > 0, np.minimum(threshold, totals), 0)
    size = np.bincount(row, weights=value, minlength=rows)
    members = np.bincount(row_block[np.unique(row)], minlength=blocks)
    while True:
        shut = hidden[row]
        gap = np.maximum(target - np.bincount(cell_key, weights=value * shut, minlength=keys), 0)
        lonely = (np.bincount(cell_key, weights=shut, minlength=keys) == 1) & (reporting > 1)
        shut_rows = np.bincount(row_block, weights=hidden, minlength=blocks)
        alone = (shut_rows == 1) & (members > 1)
        short = (np.bincount(key_block, weights=(gap > 0) | lonely, minlength=blocks) > 0) | alone
        short &= shut_rows > 0
        gain = np.bincount(row, weights=np.minimum(value, gap[cell_key]) + lonely[cell_key], minlength=rows)
        gain += alone[row_block]
        open_ = np.flatnonzero(~hidden & short[row_block] & (gain > 0))
        if not len(open_):
            return hidden
        ranked = open_[np.lexsort((order[open_], size[open_], ~paired[open_], -gain[open_], row_block[open_]))]
        _, first = np.unique(row_block[ranked], return_index=True)
        hidden[ranked[first]] = True


def plan(cells: pd.DataFrame, catalogue: pd.DataFrame, crosswalk: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Which cells of the sensitive indicators to hide, and why: `small` (a count from 1 to `threshold` below
    province level, or a province figure only one unit reported) or `complement` (hidden so that nothing shown
    narrows a small one).

    `cells` holds one row per unit, indicator and year (unit_id, province_id, level, counted, units_reported,
    units_total, indicator, kind, year, value), where a ratio's value is its numerator. Zero is never small.

    Below province level the unit of hiding is a row: one unit's cells of one family (a total, all its
    breakdowns and the rates on it) in one year. A unit with a small count has its whole row hidden, and more
    rows of the same province, year and family are hidden until every hidden cell can be anything from 0 to the
    threshold (see `_complete`). A province rate is hidden when a hidden row is not among the units it sums. A
    province figure only one unit reported is hidden cell by cell, with a second cell in each breakdown of it
    (`_close_breakdowns`); the 2025 province's sum over former provinces is hidden wherever one of them is."""
    cells = cells.drop_duplicates(_KEY).reset_index(drop=True)
    family = cells["indicator"].map(_families(catalogue)).fillna(cells["indicator"]).to_numpy()
    single = (
        cells["level"].eq("P") & cells["units_reported"].eq(1) & cells["units_total"].gt(1) & cells["counted"].ne("P")
    )
    ratio = cells["kind"].eq("ratio").to_numpy()
    leaf = cells["level"].ne("P").to_numpy()
    counted = ~ratio | ~leaf  # a district's rate follows its count
    small = counted & (leaf | single.to_numpy()) & cells["value"].between(1, threshold).to_numpy()
    row_id = pd.factorize(pd.MultiIndex.from_arrays([cells["unit_id"], cells["year"], family]))[0]
    block_id = pd.factorize(pd.MultiIndex.from_arrays([cells["province_id"], cells["year"], family]))[0]
    rows = int(row_id.max()) + 1 if len(row_id) else 0

    # Below province level: whole rows, completed block by block.
    at = leaf & ~ratio
    primary = np.bincount(row_id, weights=small & leaf, minlength=rows) > 0
    paired = np.bincount(row_id, weights=leaf & ratio, minlength=rows) > 0
    order = np.zeros(rows, dtype=np.int64)
    order[row_id] = cells["unit_id"].rank(method="dense").to_numpy(dtype=np.int64)
    touched = np.isin(block_id, np.unique(block_id[primary[row_id]]))
    at &= touched
    hidden_row = _complete(
        block_id[at], row_id[at], cells["indicator"].to_numpy()[at], cells["value"].to_numpy(float)[at],
        small[at], primary, paired, order, threshold,
    )  # fmt: skip
    hidden = hidden_row[row_id] & leaf | (small & ~leaf)
    # A province rate sums only the units with both parts: with a hidden row outside them, it would give away
    # what the hidden rows hold between them.
    outside = np.bincount(block_id, weights=hidden_row[row_id] & leaf & ~paired[row_id], minlength=block_id.max() + 1)
    hidden |= ratio & ~leaf & (outside[block_id] > 0)
    # A province figure hidden (one district reported it) must not follow from the province's other figures:
    # in each breakdown of its total (and among the total's own parts), a second cell goes too.
    province = ~leaf & ~ratio & cells["counted"].ne("P").to_numpy()
    parents = catalogue.set_index("code")["parent"].dropna().to_dict()
    below = cells.loc[hidden & leaf, ["province_id", "indicator", "year"]].drop_duplicates()
    covered = pd.MultiIndex.from_arrays([cells["unit_id"], cells["indicator"], cells["year"]]).isin(
        pd.MultiIndex.from_frame(below)
    )
    hidden |= _close_breakdowns(cells, hidden & province, province, parents, covered)
    # A 2025 province's figures before the reform add up its former provinces: one hidden there hides it too.
    rolled = ~leaf & cells["counted"].eq("P").to_numpy()
    if rolled.any() and hidden.any():
        gone = cells[hidden & ~leaf].merge(crosswalk, left_on="unit_id", right_on="from_unit")
        gone = pd.MultiIndex.from_arrays([gone["to_unit"], gone["indicator"], gone["year"]])
        hidden |= rolled & pd.MultiIndex.from_arrays([cells["unit_id"], cells["indicator"], cells["year"]]).isin(gone)
    why = np.where(small, "small", "complement")
    return cells.loc[hidden, _KEY].assign(why=why[hidden])


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
    (the value is hidden), `hidden_as` ("" for every cell: the pages say "Ẩn" alike for all), `unstable`
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
    # One label for every hidden cell: "<5" on some and another word on the rest would say which are small
    # (at least 1) and which are not (0, or at least 5), and a sum could then pin them down.
    out["hidden_as"] = ""
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
