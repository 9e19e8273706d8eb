"""The attacker as a test: everything each role can see, read as equations and bounds; no hidden small count may
come out narrower than its whole range (1 to the threshold), worked out by integer linear programming."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from analytics import disclosure
from analytics.access import Scope, local, with_predecessors
from etl.build import build
from etl.template import write_workbook
from tests.attacker import Verdict, attack, promised, see, sum_by_sum_plan, truth

T = 4
VP, PHU_THO_2025, BAC_NINH = "pre2025:P:26", "y2025:P:25", "pre2025:P:27"
# Perpetrators of Vĩnh Phúc's districts, 2024: Vĩnh Yên's one woman is small, and so are two handling counts.
PERPETRATORS = {
    (2024, "pre2025:D:243"): {"perpetrators_total": 6, "perpetrators_male": 5, "perpetrators_female": 1,
                              "handled_criticism": 2},
    (2024, "pre2025:D:244"): {"perpetrators_total": 12, "perpetrators_male": 7, "perpetrators_female": 5,
                              "handled_criticism": 3},
    (2024, "pre2025:D:251"): {"perpetrators_total": 9, "perpetrators_male": 9, "perpetrators_female": 0,
                              "handled_criticism": 9},
}  # fmt: skip


def _roles(detail: set[str]) -> dict[str, Scope]:
    """A viewer, a province user and an officer of `detail` (switch off: small counts covered), an admin with
    the switch off."""
    provinces = with_predecessors(detail)
    return {
        "viewer": Scope("viewer@example.vn", "viewer", threshold=T),
        "province": Scope("lan@example.vn", "province", detail=provinces, threshold=T),
        "officer": Scope("hung@example.vn", "officer", provinces, frozenset(), provinces, threshold=T),
        "admin": replace(local(T), raw=frozenset()),
    }


def _narrow(warehouse: Path, scope: Scope, provinces: set[str] | None = None) -> tuple[list[Verdict], int]:
    """The promised cells this reader finds narrower than promised, and how many hidden small counts were tried."""
    seen = see(scope, provinces)
    cells, _, _ = truth(warehouse)
    targets = [c for c in seen.hidden if c in promised(cells, T)]
    verdicts = attack(warehouse, seen, T, targets)
    return [v for v in verdicts if v.narrow(T)], len(targets)


@pytest.fixture
def use(monkeypatch: pytest.MonkeyPatch):
    def point(warehouse: Path) -> Path:
        monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
        return warehouse

    return point


@pytest.fixture(scope="module")
def perpetrators(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("perpetrators") / "data"
    (data / "reports").mkdir(parents=True)
    write_workbook(data / "reports" / "vp.xlsx", "Vĩnh Phúc", [2024], PERPETRATORS)
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture(scope="module")
def perpetrators_old(tmp_path_factory: pytest.TempPathFactory, perpetrators: Path) -> Path:
    """The same warehouse under another name, so the old plan's cache is its own."""
    copy = tmp_path_factory.mktemp("old") / "warehouse.duckdb"
    shutil.copy(perpetrators, copy)
    return copy


def test_the_attacker_catches_the_old_leak_of_a_sex_breakdown(
    perpetrators_old: Path, use, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 26 (a): the old plan put perpetrators by sex in one group with the handling counts; one of those was
    hidden anyway, so no second sex cell was, and total − men gives the one woman."""
    use(perpetrators_old)
    monkeypatch.setattr(disclosure, "plan", sum_by_sum_plan)
    narrow, tried = _narrow(perpetrators_old, _roles({VP})["province"])
    found = {v.cell: (v.low, v.high) for v in narrow}
    assert found[("pre2025:D:243", "perpetrators_female", 2024)] == (1, 1)  # worked out exactly
    assert tried == 3


def test_the_same_figures_hold_under_the_new_plan(perpetrators: Path, use) -> None:
    use(perpetrators)
    for scope in _roles({VP}).values():
        narrow, _ = _narrow(perpetrators, scope)
        assert narrow == []
    seen = see(_roles({VP})["province"])
    # Vĩnh Yên's and Phúc Yên's whole perpetrator rows are hidden, one label for every cell.
    assert {c for c in seen.hidden if c[0] == "pre2025:D:243"} == {
        ("pre2025:D:243", code, 2024)
        for code in ("perpetrators_total", "perpetrators_male", "perpetrators_female", "handled_criticism")
    }
    assert set(seen.hidden.values()) == {""}
    assert seen.shown[("pre2025:D:251", "perpetrators_total", 2024)] == 9


@pytest.mark.parametrize("role", ["viewer", "province", "officer", "admin"])
def test_no_role_narrows_a_hidden_count_in_the_fixture_warehouse(fixture_warehouse: Path, use, role: str) -> None:
    use(fixture_warehouse)
    narrow, tried = _narrow(fixture_warehouse, _roles({PHU_THO_2025})[role])
    assert narrow == []
    assert tried == {"viewer": 4, "province": 13, "officer": 13, "admin": 13}[role]


@pytest.mark.slow  # about a minute and a half on two cores
def test_no_province_user_narrows_a_hidden_count_in_the_bundled_data(sample_warehouse: Path, use) -> None:
    """Bắc Ninh's user, every page and year: issue 26 (b) was there (7 cases, seven districts "<5", one 0)."""
    use(sample_warehouse)
    narrow, tried = _narrow(sample_warehouse, _roles({BAC_NINH})["province"], {BAC_NINH})
    assert narrow == []
    assert tried == 720


@pytest.mark.slow
def test_no_role_narrows_a_hidden_count_anywhere_in_the_bundled_data(sample_warehouse: Path, use) -> None:
    """Every province of the bundled data, with the admin's eyes (switch off): one cell comes out narrower, and
    it is the data's own slip: Ninh Bình 2020's victims by sex add up to more than its victims (the quality page
    reports it), and the province figures, shown by design, then say some district's men number at least 3."""
    use(sample_warehouse)
    narrow, tried = _narrow(sample_warehouse, _roles(set())["admin"])
    assert [(v.cell, v.value, v.low) for v in narrow] == [(("pre2025:D:376", "victims_male", 2020), 4, 3)]
    assert tried == 12552  # every former province of the five 2025 provinces, and their communes from 2025


@pytest.mark.slow
def test_no_province_user_narrows_a_hidden_count_in_a_slice_of_the_national_sample(
    tmp_path: Path, use
) -> None:  # fmt: skip
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = [sys.executable, "-m", "etl"]
    subprocess.run([*run, "sample", "--scale", "national", "--years", "2024-2025", "-o", str(data / "sample")],
                   check=True, env=env, capture_output=True)  # fmt: skip
    subprocess.run([*run, "build", "--data-dir", str(data), "--warehouse", str(data / "warehouse.duckdb")],
                   check=True, env=env, capture_output=True)  # fmt: skip
    warehouse = use(data / "warehouse.duckdb")
    # A merged province (Phú Thọ: Vĩnh Phúc, Phú Thọ, Hòa Bình) across the reform, and Hà Nội.
    detail = {PHU_THO_2025, "y2025:P:01"}
    narrow, tried = _narrow(warehouse, _roles(detail)["province"], with_predecessors(detail))
    assert narrow == []
    assert tried > 1000
