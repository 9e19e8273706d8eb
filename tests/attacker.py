"""The attacker: everything a reader can see through the app's own read functions, read as linear equations and
bounds over the true cells, and every hidden cell's feasible range worked out by integer linear programming."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix, csr_matrix, vstack
from scipy.sparse.csgraph import connected_components

from analytics import queries
from analytics.access import Scope
from core.units import PRE2025, Y2025

Cell = tuple[str, str, int]  # unit_id, indicator, year
BIG = 10**7  # no count is larger: the bound of a "0 or at least 5" disjunction
# How the parts of a total break it down, as the catalogue defines them (an attacker reads definitions too):
# parts of one breakdown add up to the total at most (exactly where the figures do), different breakdowns overlap.
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
}


# Rules whose compared value is another cell (another year, the whole of a part); the others compare with a
# sum or an average of cells (the page hides it for a violence figure) or a published figure.
COMPARED_CELL = {"stock_jump", "part_exceeds_whole"}
# Maps show the same cells as the tables, through the same control: by default only the maps' first choices.
MAP_CODES = ("dv_cases", "dv_cases_per_1000_households")


@dataclass
class Seen:
    """What one reader saw: shown values, and hidden cells with the label each carried."""

    shown: dict[Cell, float] = field(default_factory=dict)
    hidden: dict[Cell, str] = field(default_factory=dict)
    statistics: list[str] = field(default_factory=list)  # findings' words about hidden cells

    def add(self, rows: pd.DataFrame, sensitive: set[str]) -> None:
        if rows.empty:
            return
        frame = rows[rows["indicator"].isin(sensitive) & rows["year"].notna()]
        has_num = "numerator" in frame
        for r in frame.to_dict("records"):
            cell = (r["unit_id"], r["indicator"], int(r["year"]))
            ratio = has_num and (pd.notna(r.get("denominator")) or pd.notna(r.get("numerator")))
            if r.get("suppressed"):
                self.hidden.setdefault(cell, str(r.get("hidden_as") or ""))
            else:
                value = r["numerator"] if ratio else r["value"]
                if pd.notna(value):
                    self.shown[cell] = float(value)
            before = r.get("prev_numerator") if ratio else r.get("prev_value")
            if before is not None and pd.notna(before):
                self.shown[(r["unit_id"], r["indicator"], int(r["year"]) - 1)] = float(before)


def see(scope: Scope, provinces: Iterable[str] | None = None, every_map: bool = False) -> Seen:
    """Everything `scope` sees of every province (or the details of only `provinces`) through analytics.queries:
    each unit's table over all its years (the data page and its downloads, every topic page's cards, trends and
    changes on last year), each province's districts or communes year by year (rankings), the maps (of every
    sensitive indicator with `every_map`, else of DV cases and their rate), and the data-quality findings, in
    both unit systems."""
    seen = Seen()
    meta = queries.indicators()
    sensitive = set(meta.index[meta["sensitive"].astype(bool)])
    counts = sensitive - set(meta.index[meta["kind"].eq("ratio")])  # a finding on a rate prints the rate
    wanted = None if provinces is None else set(provinces)
    for system in (PRE2025, Y2025):
        for code in sorted(sensitive) if every_map else MAP_CODES:
            for year in queries.map_years(system, code):
                seen.add(queries.province_map(system, code, year, scope), sensitive)
        for province in queries.provinces_with_data(system)["unit_id"]:
            span = queries.years(province)
            if span is None:
                continue
            first, last = span
            seen.add(queries.unit_table(province, first, last, scope), sensitive)
            if wanted is not None and province not in wanted:
                continue
            for unit in queries.sub_units(province, scope)["unit_id"]:
                seen.add(queries.unit_table(unit, first, last, scope), sensitive)
            for year in range(first, last + 1):
                seen.add(queries.by_sub_unit(province, tuple(sorted(sensitive)), year, scope), sensitive)
                for code in sorted(sensitive) if every_map else MAP_CODES:
                    seen.add(queries.sub_unit_map(province, code, year, scope), sensitive)
            found = queries.findings(queries.quality_scope(province), first, last, scope)
            for r in found.to_dict("records"):
                if r["hidden"]:
                    continue  # the page prints no value of a hidden finding (tests/test_quality_page.py)
                if r["indicator"] in counts and pd.notna(r["value"]):
                    seen.shown[(r["unit_id"], r["indicator"], int(r["year"]))] = float(r["value"])
                other = r.get("other_indicator") or r["indicator"]
                year = r.get("other_year") if pd.notna(r.get("other_year")) else r["year"]
                if other in counts and pd.notna(r.get("other_value")) and r["rule"] in COMPARED_CELL:
                    seen.shown[(r["unit_id"], other, int(year))] = float(r["other_value"])
    for cell in seen.shown:
        seen.hidden.pop(cell, None)  # shown somewhere: not hidden from this reader
    return seen


def truth(warehouse: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The true sensitive cells (a ratio's value is its numerator), the catalogue and the crosswalk."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cells = con.execute("""
            SELECT m.unit_id, m.province_id, m.level, m.counted, m.units_reported, m.units_total, m.indicator,
                   i.kind, i.parent, i.numerator AS num_code, m.year, coalesce(m.numerator, m.value) AS value
            FROM mart m JOIN indicator i ON i.code = m.indicator WHERE i.sensitive""").df()
        catalogue = con.execute("SELECT code, parent, numerator, kind FROM indicator WHERE sensitive").df()
        crosswalk = con.execute("""
            SELECT from_unit, to_unit FROM unit_crosswalk
            WHERE from_unit IN (SELECT unit_id FROM unit WHERE level = 'P')""").df()
    return cells.drop_duplicates(["unit_id", "indicator", "year"]).reset_index(drop=True), catalogue, crosswalk


@dataclass
class Verdict:
    """A hidden cell's true value and how far the attacker got: `low` and `high` are values integer solutions
    give it (the exact minimum and maximum wherever the promise fails; where it holds, the search stops once
    a solution shows 0 or 1 and one shows the threshold)."""

    cell: Cell
    value: int
    low: int
    high: int
    cap: int  # the most a shown total containing the cell allows
    label: str

    def narrow(self, threshold: int) -> bool:
        """Narrower than promised: cannot be 1, or cannot reach the threshold (nor the total that bounds it)."""
        return self.low > 1 or self.high < min(threshold, self.cap)


def attack(warehouse: Path, seen: Seen, threshold: int, targets: Iterable[Cell] | None = None) -> list[Verdict]:
    """Each hidden cell's feasible range (min and max by integer LP) given what was seen: shown values fixed,
    sums over districts and former provinces, parts within their totals, a rate's numerator summing its units,
    and what labels say ("<5": 1 to 4; another label beside "<5": 0 or at least 5; "Ẩn" alone: nothing)."""
    cells, catalogue, crosswalk = truth(warehouse)
    index = {
        (u, i, int(y)): n
        for n, (u, i, y) in enumerate(zip(cells["unit_id"], cells["indicator"], cells["year"], strict=True))
    }
    value = cells["value"].round().astype(int).to_numpy()
    rows: list[tuple[dict[int, float], float, float]] = []  # coefficients, lower, upper

    def equal(members: list[int], total: int) -> None:
        rows.append(({**{m: 1.0 for m in members}, total: -1.0}, 0, 0))

    def at_most(members: list[int], total: int) -> None:
        rows.append(({**{m: 1.0 for m in members}, total: -1.0}, -np.inf, 0))

    ratio = cells["kind"].eq("ratio")
    leaf = cells["level"].ne("P")
    # Districts (communes) add up to their province; a rate's province numerator adds up its units' numerators.
    for (province, indicator, year), part in cells[leaf].groupby(["province_id", "indicator", "year"]):
        total = index.get((province, indicator, int(year)))
        if total is not None and cells.at[total, "counted"] != "P":
            equal(part.index.tolist(), total)
    # A unit's rate numerator is its count.
    rate_of = []
    for r in cells.index[ratio & leaf]:
        count = index.get((cells.at[r, "unit_id"], cells.at[r, "num_code"], int(cells.at[r, "year"])))
        if count is not None:
            equal([count], r)
            rate_of.append((count, r))
    # Former provinces add up to the 2025 province they formed.
    formed = crosswalk.groupby("to_unit")["from_unit"].agg(list).to_dict()
    for n in cells.index[~leaf & cells["counted"].eq("P")]:
        unit, indicator, year = cells.at[n, "unit_id"], cells.at[n, "indicator"], int(cells.at[n, "year"])
        members = [index[(f, indicator, year)] for f in formed.get(unit, []) if (f, indicator, year) in index]
        equal(members, n)
    # Parts within their total: a breakdown adds up exactly where the figures do, else at most.
    parts = cells[cells["parent"].notna() & cells["parent"].isin(catalogue["code"])]
    for (unit, parent, year), group in parts.groupby(["unit_id", "parent", "year"]):
        total = index.get((unit, parent, int(year)))
        if total is None:
            continue
        kinds = group["indicator"].map(lambda c: BREAKDOWN.get(c, c))
        for _, members in group.groupby(kinds):
            s = int(value[members.index].sum())
            if s == value[total]:
                equal(members.index.tolist(), total)
            elif s < value[total]:
                at_most(members.index.tolist(), total)
            else:  # figures that do not add up: only each part within the total, where it is
                for m in members.index:
                    if value[m] <= value[total]:
                        at_most([m], total)

    n = len(cells)
    lower = np.zeros(n)
    upper = np.full(n, float(BIG))  # finite, so that "no bound" comes back as BIG rather than unbounded
    for cell, v in seen.shown.items():
        if cell in index:
            lower[index[cell]] = upper[index[cell]] = round(v)
    labels = {index[c]: label for c, label in seen.hidden.items() if c in index}
    # Labels: "<k" bounds a cell to 1..k-1; where "<k" labels exist, any other label on a count says "0 or >= k".
    small_label = re.compile(r"^<(\d+)$")
    binaries: dict[int, int] = {}
    limit = next((int(m.group(1)) for lab in labels.values() if (m := small_label.match(lab))), None)
    for i, label in labels.items():
        if (m := small_label.match(label)) is not None:
            lower[i], upper[i] = 1, int(m.group(1)) - 1
        elif limit is not None and not ratio[i]:
            binaries[i] = n + len(binaries)
    for i, b in binaries.items():
        rows.append(({i: 1.0, b: -float(limit)}, 0, np.inf))  # x >= limit * b
        rows.append(({i: 1.0, b: -float(BIG)}, -np.inf, 0))  # x <= BIG * b
    size = n + len(binaries)
    lower = np.concatenate([lower, np.zeros(len(binaries))])
    upper = np.concatenate([upper, np.ones(len(binaries))])

    r_idx, c_idx, data, lo_b, hi_b = [], [], [], [], []
    for k, (coefs, lo, hi) in enumerate(rows):
        for c, v in coefs.items():
            r_idx.append(k)
            c_idx.append(c)
            data.append(v)
        lo_b.append(lo)
        hi_b.append(hi)
    matrix = coo_matrix((data, (r_idx, c_idx)), shape=(len(rows), size)).tocsr()
    # Cells tied by a constraint form a component; each is solved on its own.
    links = coo_matrix((np.ones(len(r_idx)), (np.array(c_idx), np.array(r_idx) + size)), shape=(size + len(rows),) * 2)
    _, component = connected_components(links, directed=False)
    by_component: dict[int, list[int]] = defaultdict(list)
    for v in range(size):
        by_component[component[v]].append(v)
    row_component = component[size:]

    # The most a shown total containing a cell allows (a province figure of 2 caps its districts at 2).
    cap = np.full(n, BIG)
    for coefs, _, _ in rows:
        totals = [c for c, v in coefs.items() if v < 0 and c < n and lower[c] == upper[c]]
        for t in totals:
            for c, v in coefs.items():
                if v > 0 and c < n:
                    cap[c] = min(cap[c], int(lower[t]))
    for count, rate in rate_of:  # a unit's count is capped where its rate's numerator is
        cap[count] = min(cap[count], cap[rate])

    wanted = [index[c] for c in (targets if targets is not None else seen.hidden) if c in index and c in seen.hidden]
    low = np.full(size, BIG)  # the least and most each cell was found at, in integer solutions
    high = np.full(size, -1)
    built: dict[int, tuple] = {}
    verdicts = []
    for target in wanted:
        comp = component[target]
        if comp not in built:
            variables = np.array(by_component[comp])
            cons = np.flatnonzero(row_component == comp)
            sub = matrix[cons][:, variables]
            built[comp] = (variables, sub, np.array(lo_b)[cons], np.array(hi_b)[cons])
        variables, sub, lo_c, hi_c = built[comp]
        position = int(np.flatnonzero(variables == target)[0])
        goal = min(threshold, cap[target])
        for sign in (1, -1):
            # A solution found for another cell may already show this one at 0 or 1 (at the threshold): an
            # integer solution is a witness. Otherwise the LP relaxation, whose optimum is the integer one when
            # it lands on whole numbers (it nearly always does here: sums of counts), else the integer program.
            if (sign == 1 and low[target] <= 1) or (sign == -1 and high[target] >= goal):
                continue
            c = np.zeros(len(variables))
            c[position] = sign
            x = _solve(c, sub, lo_c, hi_c, lower[variables], upper[variables])
            assert x is not None, (cells.loc[target, ["unit_id", "indicator", "year"]].tolist(), "infeasible")
            low[variables] = np.minimum(low[variables], x)
            high[variables] = np.maximum(high[variables], x)
        verdicts.append(
            Verdict(
                (cells.at[target, "unit_id"], cells.at[target, "indicator"], int(cells.at[target, "year"])),
                int(value[target]),
                int(low[target]),
                int(high[target]),
                int(cap[target]),
                labels.get(target, ""),
            )
        )
    return verdicts


def _solve(
    c: np.ndarray, matrix: csr_matrix, lo: np.ndarray, hi: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray | None:
    """An integer solution minimising c·x: the LP relaxation's when whole, else scipy's milp (HiGHS)."""
    eq = lo == hi
    le_hi = ~eq & np.isfinite(hi)
    ge_lo = ~eq & np.isfinite(lo)
    a_ub = vstack([matrix[le_hi], -matrix[ge_lo]]) if (le_hi.any() or ge_lo.any()) else None
    b_ub = np.concatenate([hi[le_hi], -lo[ge_lo]]) if a_ub is not None else None
    relaxed = linprog(
        c,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=matrix[eq] if eq.any() else None,
        b_eq=lo[eq] if eq.any() else None,
        bounds=np.column_stack([lower, upper]),
        method="highs",
    )
    if relaxed.status == 0 and np.allclose(relaxed.x, np.round(relaxed.x), atol=1e-7):
        return np.round(relaxed.x).astype(np.int64)
    constraints = [LinearConstraint(matrix, lo, hi)] if matrix.shape[0] else []
    found = milp(c, integrality=np.ones(len(c)), bounds=Bounds(lower, upper), constraints=constraints)
    return np.round(found.x).astype(np.int64) if found.success else None


def promised(cells: pd.DataFrame, threshold: int) -> set[Cell]:
    """The cells disclosure control promises to keep within their whole small range: counts from 1 to the
    threshold below province level, and province figures only one district or commune reported."""
    single = (
        cells["level"].eq("P") & cells["units_reported"].eq(1) & cells["units_total"].gt(1) & cells["counted"].ne("P")
    )
    small = (cells["level"].ne("P") | single) & cells["value"].between(1, threshold) & cells["kind"].ne("ratio")
    found = cells[small]
    return set(zip(found["unit_id"], found["indicator"], found["year"].astype(int), strict=True))


# The plan this project had before issue 26 (sum by sum, the parts of a total in one group), kept so that a
# test can show the attacker catches what it let through.
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


def sum_by_sum_plan(
    cells: pd.DataFrame, catalogue: pd.DataFrame, crosswalk: pd.DataFrame, threshold: int
) -> pd.DataFrame:
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
