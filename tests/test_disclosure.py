"""Disclosure control on a real warehouse with known answers: small counts, their complements, rates, and
what differencing what the pages show can and cannot recover."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from analytics import queries
from analytics.access import Scope, local
from etl.build import build
from etl.template import write_workbook

VP = "pre2025:P:26"
VINH_YEN, PHUC_YEN, YEN_LAC, VINH_TUONG, BINH_XUYEN = (f"pre2025:D:{c}" for c in (243, 244, 251, 252, 249))
VALUES = {
    # 2024: Phúc Yên's 3 cases are small. The province's 21 is shown, so one more district must go: the
    # smallest non-zero one, Vĩnh Yên's 6 (Yên Lạc's 0 would give nothing away by hiding it).
    (2024, VINH_YEN): {"dv_cases": 6, "dv_cases_physical": 6, "households_total": 40000},
    (2024, PHUC_YEN): {"dv_cases": 3, "dv_cases_physical": 3, "households_total": 30000},
    (2024, YEN_LAC): {"dv_cases": 0, "households_total": 20000},
    (2024, VINH_TUONG): {"dv_cases": 12, "dv_cases_physical": 12, "households_total": 50000},
    (2024, BINH_XUYEN): {"hotlines": 5},
    # 2023: Vĩnh Yên's 2 is small; Phúc Yên's 7 is the complement; Vĩnh Tường's 15 stays.
    (2023, VINH_YEN): {"dv_cases": 2},
    (2023, PHUC_YEN): {"dv_cases": 7},
    (2023, VINH_TUONG): {"dv_cases": 15},
}
VIEWER = Scope("viewer@example.vn", "viewer", threshold=4)
PROVINCE = Scope("lan@example.vn", "province", detail=frozenset({VP}), threshold=4)
OFFICER = Scope("hung@example.vn", "officer", frozenset({VP}), frozenset({VP}), frozenset({VP}), threshold=4)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("disclosure") / "data"
    (data / "reports").mkdir(parents=True)
    write_workbook(data / "reports" / "vp.xlsx", "Vĩnh Phúc", [2023, 2024], VALUES)
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture(autouse=True)
def _use(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))


def _districts(scope: Scope, code: str = "dv_cases", year: int = 2024) -> dict[str, tuple]:
    """What the district ranking shows: unit -> (value, label when hidden)."""
    rows = queries.by_sub_unit(VP, (code,), year, scope)
    return {
        r.unit_id: (None if pd.isna(r.value) else r.value, r.hidden_as if r.suppressed else None)
        for r in rows.itertuples()
    }


def _province(scope: Scope, code: str, year: int) -> pd.Series:
    rows = queries.values(VP, (code,), year, year, scope)
    return rows.iloc[0]


def test_small_counts_show_as_under_5_and_one_more_cell_hides_them() -> None:
    assert _districts(PROVINCE) == {
        VINH_YEN: (None, ""),  # the complement: hidden, without claiming to be small
        PHUC_YEN: (None, "<5"),
        YEN_LAC: (0, None),  # zero stays zero
        VINH_TUONG: (12, None),
    }
    assert _districts(PROVINCE, year=2023) == {VINH_YEN: (None, "<5"), PHUC_YEN: (None, ""), VINH_TUONG: (15, None)}
    # The province figure is not below province level: shown.
    assert _province(PROVINCE, "dv_cases", 2024)["value"] == 21


def test_differencing_the_province_total_and_the_districts_recovers_nothing() -> None:
    """The attack: take the province figure from one page, the districts from another, and subtract."""
    for year, small in ((2024, 3), (2023, 2)):
        total = _province(PROVINCE, "dv_cases", year)["value"]
        shown = _districts(PROVINCE, year=year)
        unknown = [u for u, (v, _) in shown.items() if v is None]
        left = total - sum(v for v, _ in shown.values() if v is not None)
        assert len(unknown) == 2  # two unknowns, one equation
        assert left != small and left > 4  # what is left is a sum of two, not the small count
    # Row totals: a district's forms add up to its cases, so the form is hidden with the count.
    physical = _districts(PROVINCE, "dv_cases_physical")
    assert physical[PHUC_YEN] == (None, "<5") and physical[VINH_YEN][0] is None and physical[VINH_TUONG] == (12, None)
    # The same cell is hidden in every view: a district's own page, its map circle, its table.
    for view in (
        queries.values(VINH_YEN, ("dv_cases",), 2024, 2024, PROVINCE),
        queries.unit_table(VINH_YEN, 2024, 2024, PROVINCE, ("dv_cases",)),
        queries.sub_unit_map(VP, "dv_cases", 2024, PROVINCE).query("unit_id == @VINH_YEN"),
    ):
        assert view["value"].isna().all() and view["suppressed"].all()


def test_last_year_is_hidden_when_it_was_hidden() -> None:
    """The change on last year must not give last year's hidden value away."""
    row = queries.values(VINH_TUONG, ("dv_cases",), 2024, 2024, PROVINCE).iloc[0]
    assert (row["value"], row["prev_value"]) == (12, 15)
    row = queries.values(PHUC_YEN, ("dv_cases",), 2024, 2024, PROVINCE).iloc[0]
    assert pd.isna(row["prev_value"])  # 7 in 2023, hidden as the complement of Vĩnh Yên's 2


def test_rates_follow_their_counts_and_small_numerators_are_unstable() -> None:
    rates = queries.by_sub_unit(VP, ("dv_cases_per_1000_households",), 2024, PROVINCE).set_index("unit_id")
    assert rates.loc[PHUC_YEN, "suppressed"] and rates.loc[VINH_YEN, "suppressed"]  # small, and complement
    assert pd.isna(rates.loc[VINH_YEN, "numerator"]) and rates.loc[VINH_YEN, "hidden_as"] == ""
    assert rates.loc[VINH_TUONG, "value"] == pytest.approx(12 / 50_000 * 1000)
    assert rates.loc[VINH_TUONG, "unstable"] and rates.loc[YEN_LAC, "unstable"]  # 12 and 0 cases
    province = _province(PROVINCE, "dv_cases_per_1000_households", 2024)
    assert province["value"] == pytest.approx(21 / 140_000 * 1000) and not province["unstable"]  # 21 cases


def test_the_threshold_is_a_setting() -> None:
    nine = Scope("lan@example.vn", "province", detail=frozenset({VP}), threshold=9)
    # 3 and 6 are both small now: two cells hidden, no complement needed; 12 stays.
    assert _districts(nine) == {VINH_YEN: (None, "<10"), PHUC_YEN: (None, "<10"), YEN_LAC: (0, None),
                                VINH_TUONG: (12, None)}  # fmt: skip


def test_officers_see_their_province_uncovered_and_marked() -> None:
    rows = queries.by_sub_unit(VP, ("dv_cases",), 2024, OFFICER).set_index("unit_id")
    assert rows["value"].to_dict() == {VINH_YEN: 6, PHUC_YEN: 3, YEN_LAC: 0, VINH_TUONG: 12}
    assert not rows["suppressed"].any()
    assert rows["unprotected"].to_dict() == {VINH_YEN: True, PHUC_YEN: True, YEN_LAC: False, VINH_TUONG: False}
    # The province role sees the detail, covered.
    assert queries.by_sub_unit(VP, ("dv_cases",), 2024, PROVINCE)["suppressed"].sum() == 2


def test_viewers_see_province_figures_only() -> None:
    assert queries.by_sub_unit(VP, ("dv_cases", "hotlines"), 2024, VIEWER).empty
    assert queries.values(PHUC_YEN, ("hotlines", "dv_cases"), 2023, 2024, VIEWER).empty
    assert queries.unit_table(VINH_TUONG, 2023, 2024, VIEWER).empty
    assert queries.sub_unit_map(VP, "dv_cases", 2024, VIEWER).empty
    assert queries.sub_units(VP, VIEWER).empty
    assert queries.findings([VP], 2023, 2024, VIEWER)["level"].eq("P").all()
    assert queries.completeness([VP], 2023, 2024, VIEWER).empty
    with pytest.raises(PermissionError):
        queries.observed(VP, 2024, VIEWER)
    assert _province(VIEWER, "dv_cases", 2024)["value"] == 21
    assert queries.province_map("pre2025", "dv_cases", 2024, VIEWER).set_index("unit_id").loc[VP, "value"] == 21


def test_the_laptop_user_sees_every_district_covered_until_they_ask() -> None:
    # The pages take the uncovered rights away until the "show uncovered" switch is on.
    assert _districts(replace(local(4), raw=frozenset())) == _districts(PROVINCE)
    assert _districts(local(4))[PHUC_YEN] == (3, None)
