"""The import page (AppTest): off by default; when on, an upload is checked, previewed against the warehouse
and loaded only on confirmation, after which every page shows the new figures."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.fmt import literal
from core import audit
from etl.build import build
from etl.template import write_workbook
from tests.conftest import FIXTURE_VALUES

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/12_nhap_du_lieu.py"
VP = "pre2025:P:26"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data(tmp_path: Path, fixture_reports: list[Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data/ folder of its own (loads write to it) with the fixture reports, built."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    for path in fixture_reports:
        shutil.copy(path, data / "reports")
    build(data, data / "warehouse.duckdb")
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("WAREHOUSE_PATH", str(data / "warehouse.duckdb"))
    return data


def _open(lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    if lang != "vi":
        at.radio(key="lang").set_value(lang).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader(key="upload").set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


def _corrected(tmp_path: Path, change: dict) -> Path:
    """Vĩnh Phúc 2024 as in the fixture, with some values changed (None removes one)."""
    values = {k: dict(v) for k, v in FIXTURE_VALUES.items() if k[0] == 2024}
    for (unit, code), value in change.items():
        if value is None:
            values[(2024, unit)].pop(code)
        else:
            values[(2024, unit)][code] = value
    return write_workbook(tmp_path / "vinh-phuc-2024.xlsx", "Vĩnh Phúc", [2024], values)


def test_the_page_is_off_unless_turned_on(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_IMPORT", raising=False)
    at = _open()
    assert "Trang nhập dữ liệu đang tắt" in at.info[0].value
    assert not at.file_uploader
    assert "Nhập dữ liệu" not in [link.label for link in at.get("page_link")]


def test_preview_then_confirm_then_every_page_shows_it(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    upload = _corrected(tmp_path, {("pre2025:D:251", "hotlines"): 11, ("pre2025:D:244", "training_classes"): None})
    at = _open()
    assert "Nhập dữ liệu" in [link.label for link in at.get("page_link")]
    _upload(at, upload)
    assert [s.value for s in at.success] == ["Tệp hợp lệ: Tỉnh Vĩnh Phúc 2024 (31 giá trị)."]
    assert {m.label: m.value for m in at.metric} == {"Thay đổi": "1", "Mới": "0", "Bỏ đi": "1", "Không đổi": "30"}
    preview = at.dataframe[0].value
    assert preview.iloc[0].tolist() == ["Thay đổi", 2024, "Huyện Yên Lạc", "Số đường dây nóng", "9", "11"]
    assert preview.iloc[1].tolist()[:4] == ["Bỏ đi", 2024, "Thành phố Phúc Yên", "Số lớp tập huấn công tác gia đình"]
    # Nothing is loaded before the confirmation.
    before = _sha(data / "warehouse.duckdb")
    assert not (data / "reports" / "loads.csv").exists()

    at.button[0].click().run()
    assert not at.exception
    # The file name is someone else's text: shown as written, never as Markdown.
    loaded = f"Đã nạp {literal('vinh-phuc-2024.xlsx')}. Các trang đã hiển thị số liệu mới."
    assert [s.value for s in at.success][-1] == loaded
    assert [e["event"] for e in audit.read(data / "audit.jsonl")] == ["load"]
    assert _sha(data / "warehouse.duckdb") != before
    at.switch_page("dashboard.py").run()
    at.radio(key="units").set_value("pre2025").run()  # the app opens on today's units; Vĩnh Phúc is history
    at.selectbox(key="province").select(VP).run()
    assert {m.label: m.value for m in at.metric}["Đường dây nóng"] == "47"  # 24 + 12 + 11, no restart


def test_a_file_with_errors_shows_them_and_cannot_be_loaded(data: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    upload = _corrected(tmp_path, {("pre2025:D:243", "dv_cases_physical"): 9})  # more than the 6 cases
    before = _sha(data / "warehouse.duckdb")
    at = _upload(_open("en"), upload)
    assert (
        at.error[0].value
        == "1 errors: nothing can be loaded. Fix the file and upload it again; the warehouse is unchanged."
    )
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["Severity", "Sheet", "Row", "Column", "Problem", "Expected", "Found"]
    assert problems.iloc[0][["Severity", "Sheet", "Row"]].tolist() == ["Error", "Năm 2024", 19]  # Vĩnh Yên, last
    assert problems.iloc[0]["Problem"] == "'Cases of physical violence' is larger than 'Domestic-violence cases'"
    assert problems.iloc[0]["Expected"] == "at most 6"
    assert not at.button  # no confirmation to give
    assert _sha(data / "warehouse.duckdb") == before


def test_the_blank_template_downloads(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    at = _open()
    assert [b.label for b in at.download_button] == ["Tải mẫu Excel"]
    at.number_input(key="imp_year").set_value(2026).run()
    assert not at.exception
    assert "Phú Thọ" in at.selectbox(key="imp_province").options  # the 2025 provinces for a 2026 report
    assert "Vĩnh Phúc" not in at.selectbox(key="imp_province").options


def test_figures_from_a_text_are_reviewed_then_loaded(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    at = _open()
    at.segmented_control(key="imp_mode").set_value("text").run()
    assert not at.exception, at.exception
    assert at.main.caption[-1].value == "Dán hoặc tải lên văn bản để tìm số liệu."
    at.text_input(key="ext_source").set_value("Báo cáo 119/BC-UBND").run()
    at.text_area(key="ext_text").set_value(
        "Ngày 05/01/2025\nNăm 2024, toàn tỉnh Vĩnh Phúc có 229 đường dây nóng, 707 địa chỉ tin cậy; "
        "Chỉ thị số 146. Số lượt xem: 430"
    ).run()
    assert not at.exception, at.exception
    assert "2 số liệu đề xuất" in at.main.caption[-1].value
    (button,) = [b for b in at.button if b.label.startswith("Nạp")]
    assert button.label == "Nạp 2 số liệu đã nhận"
    button.click().run()
    assert not at.exception, at.exception
    assert at.success[-1].value.startswith(f"Đã nạp 2 số liệu từ «{literal('Báo cáo 119/BC-UBND')}»")
    at.switch_page("pages/11_nguon_so_lieu.py").run()  # listed with the published figures, sentence kept
    table = at.dataframe[0].value
    mine = table[table["Loại nguồn"] == "Trích từ văn bản"]
    assert mine[["Năm", "Đơn vị", "Chỉ tiêu", "Giá trị", "Nguồn"]].values.tolist() == [
        [2024, "Tỉnh Vĩnh Phúc", "Số đường dây nóng", "229", "Báo cáo 119/BC-UBND"],
        [2024, "Tỉnh Vĩnh Phúc", "Số địa chỉ tin cậy ở cộng đồng", "707", "Báo cáo 119/BC-UBND"],
    ]
    assert mine["Trích dẫn"].iloc[0].startswith("Năm 2024, toàn tỉnh Vĩnh Phúc có 229 đường dây nóng")


def test_a_text_without_our_figures_says_so(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    at = _open("en")
    at.segmented_control(key="imp_mode").set_value("text").run()
    at.text_area(key="ext_text").set_value("Chỉ thị số 146 ngày 22/11/2017. Số lượt xem: 430").run()
    assert not at.exception, at.exception
    assert at.info[-1].value == "No figure of the indicator catalogue was found in this text."


def test_a_review_with_problems_names_them_where_they_are(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    before = _sha(data / "warehouse.duckdb")
    at = _open("en")
    at.segmented_control(key="imp_mode").set_value("text").run()
    at.text_area(key="ext_text").set_value("Năm 2024 toàn tỉnh có 229 đường dây nóng.").run()  # no province, no source
    [b for b in at.button if b.label.startswith("Load")][0].click().run()
    assert not at.exception, at.exception
    assert at.error[-1].value == "Could not load; the warehouse is unchanged."
    problems = at.dataframe[-1].value
    assert list(problems.columns) == ["Severity", "Row", "Column", "Problem", "Expected", "Found"]
    assert problems[["Column", "Problem"]].values.tolist() == [
        ["", "no source given (link or title)"],  # the whole text: no row
        ["Province/District/commune", "no province given"],
    ]
    assert problems["Row"].isna().tolist() == [True, False] and problems["Row"].iloc[1] == 1
    assert _sha(data / "warehouse.duckdb") == before


def test_an_officer_loads_only_their_own_provinces(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_IMPORT", "on")
    rules = tmp_path / "access.toml"
    rules.write_text(
        '[users."mai@kontum.gov.vn"]\nrole = "officer"\nprovinces = ["Kon Tum"]\n'
        '[users."lan@kontum.gov.vn"]\nrole = "province"\nprovinces = ["Kon Tum"]\n',
        encoding="utf-8",
    )
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-secret-for-the-tests-only",
        "client_id": "dashboard",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
        "access_file": str(rules),
    }

    def signed_in(email: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets["auth"] = auth
        at.user = {"is_logged_in": True, "email": email, "email_verified": True}
        at.switch_page(PAGE).run()
        assert not at.exception, at.exception
        return at

    at = signed_in("lan@kontum.gov.vn")  # sees Kon Tum's districts, loads nothing
    assert not at.file_uploader and "Nhập dữ liệu" not in [link.label for link in at.get("page_link")]
    at = signed_in("mai@kontum.gov.vn")
    # Kon Tum is no province after the reform: no template for this year's default, 2025.
    assert any("không có tỉnh nào bạn được nhập" in c.value for c in at.main.caption)
    at.number_input(key="imp_year").set_value(2024).run()
    assert at.selectbox(key="imp_province").options == ["Kon Tum"]  # the template of their province only
    before = _sha(data / "warehouse.duckdb")
    _upload(at, _corrected(tmp_path, {("pre2025:D:251", "hotlines"): 11}))  # a Vĩnh Phúc report
    assert "Bạn không được nhập số liệu của Tỉnh Vĩnh Phúc" in at.error[0].value
    assert not at.main.button and not at.dataframe  # no preview of another province's figures, nothing to confirm
    assert _sha(data / "warehouse.duckdb") == before


def test_figures_from_a_text_only_for_the_reader_s_own_provinces() -> None:
    from analytics.access import Scope, local
    from analytics.imports import outside_scope

    officer = Scope("mai@kontum.gov.vn", "officer", imports=frozenset({"pre2025:P:62"}))
    names = pd.Series(["Kon Tum", "Vĩnh Phúc", "Toàn quốc", "Tỉnh Atlantis", ""])
    # Another province, the whole country and a name that matches nothing are refused, never skipped.
    assert outside_scope(names, officer) == {"Vĩnh Phúc", "Toàn quốc", "Tỉnh Atlantis"}
    assert outside_scope(names, local(4)) == {"Tỉnh Atlantis"}  # an administrator publishes national figures
