"""Shared fixtures: small hostile report workbooks and real warehouses built from them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.units import UnitIndex
from etl.build import build
from etl.template import write_workbook

ROOT = Path(__file__).resolve().parent.parent

# Known figures for the fixture warehouse: Vĩnh Phúc 2023–2024 (by district), Kon Tum 2024, Phú Thọ 2024,
# Hòa Bình 2023.
VP = {"Thành phố Vĩnh Yên": "243", "Thành phố Phúc Yên": "244", "Huyện Yên Lạc": "251"}
FIXTURE_VALUES = {
    (2023, "pre2025:D:243"): {
        "hotlines": 20,
        "trusted_addresses": 50,
        "dv_cases": 9,
        "dv_cases_physical": 5,
        "dv_cases_mental": 4,
        "clubs_sustainable_family": 7,
        "training_participants": 300,
        "communes_total": 9,
        "communes_with_model": 5,
    },
    (2023, "pre2025:D:244"): {
        "hotlines": 10,
        "trusted_addresses": 30,
        "dv_cases": 2,
        "dv_cases_physical": 2,
        "clubs_sustainable_family": 3,
        "training_participants": 120,
        "communes_total": 10,  # but not how many have a model: left out of the 2023 share
    },
    (2024, "pre2025:D:243"): {
        "hotlines": 24,
        "trusted_addresses": 55,
        "dv_cases": 6,
        "dv_cases_physical": 3,
        "dv_cases_mental": 3,
        "clubs_sustainable_family": 8,
        "training_participants": 1234,
        "training_classes": 4,
        "communes_total": 9,
        "communes_with_model": 6,
        "officials_family_work": 10,
        "officials_trained": 8,
        "households_total": 40000,
        "children_total": 20000,
        "children_under6": 7000,
        "children_special": 150,
        "child_abuse_cases": 2,
    },
    (2024, "pre2025:D:244"): {
        "hotlines": 12,
        "trusted_addresses": 0,
        "dv_cases": 3,
        "dv_cases_physical": 3,
        "clubs_sustainable_family": 3,
        "training_participants": 100,
        "training_classes": 2,
        "communes_total": 10,
        "communes_with_model": 4,
        "officials_family_work": 12,
        "officials_trained": 12,
        "households_total": 30000,
    },
    (2024, "pre2025:D:251"): {"hotlines": 9, "dv_cases": 0, "clubs_sustainable_family": 2},
}
KON_TUM = {(2024, "pre2025:D:608"): {"hotlines": 31, "dv_cases": 12}}
# Two more provinces that merged with Vĩnh Phúc into the 2025 Phú Thọ, reporting different years.
PHU_THO = {
    (2024, "pre2025:D:235"): {
        "hotlines": 7,
        "dv_cases": 4,
        "dv_models": 5,
        "communes_total": 20,
        "communes_with_model": 12,
        "households_total": 30000,
    }
}
HOA_BINH = {(2023, "pre2025:D:154"): {"hotlines": 5}}


@pytest.fixture(scope="session")
def index() -> UnitIndex:
    return UnitIndex.load()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data/ folder (no samples): tests decide exactly what is in the warehouse."""
    (tmp_path / "data" / "reports").mkdir(parents=True)
    return tmp_path / "data"


@pytest.fixture(scope="session")
def fixture_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("reports")
    return [
        write_workbook(folder / "vinh-phuc.xlsx", "Vĩnh Phúc", [2023, 2024], FIXTURE_VALUES),
        write_workbook(folder / "kon-tum.xlsx", "Kon Tum", [2024], KON_TUM),
        write_workbook(folder / "phu-tho.xlsx", "Phú Thọ", [2024], PHU_THO),
        write_workbook(folder / "hoa-binh.xlsx", "Hòa Bình", [2023], HOA_BINH),
    ]


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory, fixture_reports: list[Path]) -> Path:
    """A real warehouse built from the two fixture workbooks (reported, not illustrative)."""
    data = tmp_path_factory.mktemp("wh") / "data"
    (data / "reports").mkdir(parents=True)
    for path in fixture_reports:
        shutil.copy(path, data / "reports" / path.name)
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture(scope="session")
def whole_warehouse(tmp_path_factory: pytest.TempPathFactory, index: UnitIndex) -> Path:
    """Bắc Kạn, every one of its 8 districts reporting hotlines in 2023 (2 each) and 2024 (3 each): a province
    figure that is whole, so the province's own figure and its change on the year before; 10 DV cases each."""
    data = tmp_path_factory.mktemp("whole") / "data"
    districts = index.children("pre2025:P:06", "D")
    values = {(year, d.unit_id): {"hotlines": year - 2021, "dv_cases": 10} for year in (2023, 2024) for d in districts}
    write_workbook(data / "reports" / "bac-kan.xlsx", "Bắc Kạn", [2023, 2024], values)
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse the app ships with: the five illustrative provinces."""
    data = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(ROOT / "data" / "sample", data / "sample")
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """Write a template workbook with values, for tests to damage."""

    def make(
        province: str = "Vĩnh Phúc",
        years: list[int] | None = None,
        values: dict | None = None,
        name: str = "report.xlsx",
    ) -> Path:
        return write_workbook(tmp_path / name, province, years or [2024], values or {})

    return make


# How the browser tests start Chromium: Debian's package, never Playwright's own download, and none of the
# background connections a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium (CHROMIUM_PATH, else `chromium` on the PATH), for the tests of one module."""
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium not found: install Debian's chromium package (./tasks.sh test does) or set CHROMIUM_PATH")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
