"""The pages as Streamlit runs them (AppTest), on a real warehouse built from the fixture workbooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.access import local
from analytics.export import csv_bytes, tidy
from tests.helpers import chart_traces, metric_cards

ROOT = Path(__file__).resolve().parent.parent
VP, PHUC_YEN = "pre2025:P:26", "pre2025:D:244"


@pytest.fixture
def fresh(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The overview as a first visit finds it."""
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def app(fresh: AppTest) -> AppTest:
    """The overview under the units before 7/2025, where the fixture's district reports are."""
    fresh.radio(key="units").set_value("pre2025").run()
    assert not fresh.exception
    return fresh


def test_a_first_visit_shows_today_s_units_and_latest_years(fresh: AppTest) -> None:
    assert fresh.title[0].value == "Tổng quan"
    assert fresh.radio(key="units").value == "y2025"  # the 34 provinces are in force since 1 July 2025
    assert fresh.selectbox(key="province").options == ["Phú Thọ", "Quảng Ngãi"]
    assert fresh.selectbox(key="province").value == "y2025:P:25"
    assert fresh.slider(key="years").value == (2023, 2024)  # through the latest year with data
    assert "Tỉnh Phú Thọ · 2023–2024 · đơn vị từ 7/2025" in [c.value for c in fresh.caption]
    assert not fresh.warning  # reported data: no "illustrative" banner
    assert dict(fresh.query_params) == {"lang": "vi", "units": "y2025", "province": "phu-tho", "years": "2023-2024"}


def test_home_under_the_former_units_lands_on_the_province_of_the_same_name(app: AppTest) -> None:
    assert app.selectbox(key="province").options == ["Hòa Bình", "Kon Tum", "Phú Thọ", "Vĩnh Phúc"]
    assert app.selectbox(key="province").value == "pre2025:P:25"  # from the 2025 Phú Thọ, the former Phú Thọ
    assert metric_cards(app)["Đường dây nóng"] == ("7", "một phần")  # 1 of the former Phú Thọ's 13 districts
    assert ":orange[Một phần: 1/13 huyện đã báo cáo]" in [c.value for c in app.caption]


def test_home_kpis_for_a_province(app: AppTest) -> None:
    app.selectbox(key="province").select(VP).run()
    assert app.slider(key="years").value == (2023, 2024)
    # Three of nine districts reported in 2024, two in 2023: parts of Vĩnh Phúc, said so, never compared.
    assert metric_cards(app) == {
        "CLB gia đình phát triển bền vững": ("13", "một phần"),
        "CLB, nhóm phòng, chống BLGĐ": ("–", ""),
        "Địa chỉ tin cậy": ("55", "một phần"),
        "Đường dây nóng": ("45", "một phần"),
        "Vụ bạo lực gia đình": ("9", "một phần"),
        "Lượt người được tập huấn": ("1.334", "một phần"),
    }
    captions = [c.value for c in app.caption]
    assert ":orange[Một phần: 3/9 huyện đã báo cáo]" in captions
    assert "chưa báo cáo" in captions
    assert "Tỉnh Vĩnh Phúc · 2023–2024 · đơn vị trước 7/2025" in captions
    assert any(c.startswith(":orange[Số có ghi «một phần» chỉ cộng các đơn vị đã báo cáo") for c in captions)


def test_small_sensitive_counts_are_hidden_below_province(app: AppTest) -> None:
    app.selectbox(key="province").select(VP).run()
    app.selectbox(key="district").select(PHUC_YEN).run()
    metrics = metric_cards(app)
    assert metrics["Vụ bạo lực gia đình"] == ("Ẩn", "")  # 3 cases in Phúc Yên
    assert metrics["Đường dây nóng"] == ("12", "+2 so với 2023")
    assert any("mọi ô bị ẩn đều ghi là “Ẩn”" in c.value for c in app.caption)
    # Every form of violence hidden in both years: no chart, a line saying why.
    assert "Các số đều được ẩn để bảo vệ nạn nhân." in [c.value for c in app.caption]
    assert len(app.get("plotly_chart")) == 3  # the network trend; the country on a map and in its series


def test_english(app: AppTest) -> None:
    app.selectbox(key="province").select(VP).run()
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Overview"
    assert metric_cards(app)["Training participants"] == ("1,334", "partial")
    assert app.selectbox(key="district").options[0] == "Whole province"
    assert json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["separators"] == ".,"
    assert set(chart_traces(app, 0)) == {
        "Sustainable family development clubs",
        "Trusted addresses in the community",
        "Hotlines",
        "Partial (not every unit reported)",  # what the open markers mean: 2 and 3 of 9 districts reported
    }


def test_trend_chart_figures(app: AppTest) -> None:
    app.selectbox(key="province").select(VP).run()
    assert chart_traces(app, 0)["Số đường dây nóng"] == {"x": [2023, 2024], "y": [30.0, 45.0]}
    assert json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["separators"] == ",."
    # Only Vĩnh Yên reported psychological violence (4, then 3): the province figure is its figure, hidden.
    # Physical violence (7, then 6) is hidden with it: the forms add up to the cases (11, then 9), which are
    # shown, so 11 - 7 would give the 4 away. No chart, a line saying why.
    assert "Các số đều được ẩn để bảo vệ nạn nhân." in [c.value for c in app.caption]
    assert len(app.get("plotly_chart")) == 3  # the network trend; the country on a map and in its series


def test_filters_survive_a_page_switch(app: AppTest) -> None:
    app.selectbox(key="province").select(VP).run()
    app.selectbox(key="district").select(PHUC_YEN).run()
    app.switch_page("pages/9_du_lieu.py").run()
    assert not app.exception
    assert app.title[0].value == "Dữ liệu & tải về"
    assert not app.warning  # no widget-state warnings after the switch
    assert app.selectbox(key="province").value == VP
    assert app.selectbox(key="district").value == PHUC_YEN
    table = app.dataframe[0].value
    assert list(table.columns) == ["Năm", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Loại số liệu", "Ghi chú"]
    dv = table[table["Chỉ tiêu"] == "Tổng số vụ bạo lực gia đình"]
    assert dv["Giá trị"].isna().all() and set(dv["Ghi chú"]) == {
        "Ẩn để bảo vệ nạn nhân: một số nhỏ, hoặc một số có thể dùng để tính ra số nhỏ"
    }


def test_csv_export_has_bom_and_vietnamese_headers(
    fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch, app: AppTest
) -> None:
    from analytics import queries

    frame = queries.values(VP, ("hotlines", "dv_cases"), 2023, 2024, local(4))
    data = csv_bytes(tidy(frame, queries.indicators(), "Tỉnh Vĩnh Phúc", "vi"))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Đơn vị,Năm,Chỉ tiêu,Giá trị,Đơn vị tính,Loại số liệu,Ghi chú"
    assert (
        'Tỉnh Vĩnh Phúc,2024,Số đường dây nóng,45,đường dây,"Báo cáo, một phần",Một phần: 3/9 huyện đã báo cáo' in lines
    )
    assert len(lines) == 5


def test_empty_warehouse_explains_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.build import build

    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    monkeypatch.setenv("WAREHOUSE_PATH", str(build(data, data / "empty.duckdb").warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert "Chưa có số liệu" in at.info[0].value


def test_download_buttons_and_xlsx_about_sheet(app: AppTest) -> None:
    import io

    import pandas as pd

    from analytics import queries
    from analytics.export import xlsx_bytes

    app.selectbox(key="province").select(VP).run()
    # One pair under the network chart and the map, one for the whole page (every form of violence is hidden).
    # The brief and the report under the filters, on every page.
    assert [b.label for b in app.sidebar.download_button] == ["Tải bản tóm tắt (PDF)", "Tải báo cáo (Word)"]
    assert [b.label for b in app.main.download_button] == ["Tải CSV", "Tải Excel"] * 3
    frame = queries.values(VP, ("hotlines",), 2023, 2024, local(4))
    table = tidy(frame, queries.indicators(), "Tỉnh Vĩnh Phúc", "vi")
    about = [("Bộ lọc", "Tỉnh Vĩnh Phúc; 2023–2024"), ("Bảo vệ số liệu nhạy cảm", "ẩn <5")]
    sheets = pd.read_excel(io.BytesIO(xlsx_bytes(table, about, "vi")), sheet_name=None, header=None, engine="calamine")
    assert list(sheets) == ["Theo năm", "Dữ liệu chi tiết", "Ghi chú"]  # named by what they hold (issue 23)
    assert sheets["Dữ liệu chi tiết"].iloc[2].tolist()[:4] == ["Tỉnh Vĩnh Phúc", 2024, "Số đường dây nóng", 45]
    assert sheets["Ghi chú"].iloc[0].tolist() == ["Bộ lọc", "Tỉnh Vĩnh Phúc; 2023–2024"]


def test_a_running_app_picks_up_a_new_build(
    tmp_path: Path, fixture_reports: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    from etl.build import build

    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(fixture_reports[1], data / "reports")
    warehouse = build(data, data / "w.duckdb").warehouse
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert at.selectbox(key="province").options == ["Quảng Ngãi"]  # Kon Tum's 2025 province
    shutil.copy(fixture_reports[0], data / "reports")
    build(data, warehouse)
    os.utime(warehouse, (1, 2_000_000_000))  # a distinct mtime even within the file system's resolution
    at.run()
    assert not at.exception
    assert at.selectbox(key="province").options == ["Phú Thọ", "Quảng Ngãi"]


def test_a_report_after_the_reform_is_shown_by_commune(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.units import UnitIndex
    from etl.build import build
    from etl.template import write_workbook

    index = UnitIndex.load()
    phu_tho = index.province("Phú Thọ", 2026)
    commune = index.children(phu_tho.unit_id, "C")[0]
    data = tmp_path / "data"
    write_workbook(
        data / "reports" / "phu-tho-2026.xlsx",
        "Phú Thọ",
        [2026],
        {(2026, commune.unit_id): {"hotlines": 2, "dv_cases": 1}},
    )
    monkeypatch.setenv("WAREHOUSE_PATH", str(build(data, data / "w.duckdb").warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.radio(key="units").value == "y2025"  # the only system with data
    assert at.selectbox(key="province").options == ["Phú Thọ"]
    assert at.selectbox(key="district").label == "Xã/phường"
    assert metric_cards(at)["Đường dây nóng"] == ("2", "một phần")  # one commune of 148
    assert metric_cards(at)["Vụ bạo lực gia đình"] == ("Ẩn", "")  # one commune reported: its count, hidden
    assert ":orange[Một phần: 1/148 xã đã báo cáo]" in [c.value for c in at.caption]

    # On the map: the commune that reported is a circle at its coordinates; the province's cases are its.
    at.switch_page("pages/1_ban_do.py").run()
    at.selectbox(key="map_indicator").select("hotlines").run()
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert "Các xã đã báo cáo của Tỉnh Phú Thọ" in spec["layout"]["title"]["text"]
    circles = next(trace for trace in spec["data"] if trace["name"] == "Số đường dây nóng")
    assert circles["customdata"] == [commune.unit_id] and circles["text"] == [commune.short_name]
    at.selectbox(key="map_indicator").select("dv_cases").run()
    national = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    grey = next(trace for trace in national if trace["name"] == "Không có số liệu")
    assert (
        "<b>Phú Thọ</b><br>Ẩn để bảo vệ nạn nhân: một số nhỏ, hoặc một số có thể dùng để tính ra số nhỏ"
        in grey["hovertext"]
    )


def test_fresh_clone_builds_the_warehouse_on_first_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "built-on-start.duckdb"
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    assert warehouse.exists()
    # The bundled samples (plus whatever a developer has loaded under data/reports/).
    # Today's units first: the five 2025 provinces, with the history of the provinces they were formed from.
    assert {"Bắc Ninh", "Hà Nội", "Ninh Bình", "Phú Thọ", "Quảng Ngãi"} <= set(at.selectbox(key="province").options)
    assert at.slider(key="years").value == (2016, 2026)  # by district to 2024, by commune from 2025


def test_2025_units_roll_up_the_former_provinces_and_say_which(app: AppTest) -> None:
    app.selectbox(key="province").select(VP).run()
    app.radio(key="units").set_value("y2025").run()
    assert not app.exception
    assert app.selectbox(key="province").value == "y2025:P:25"
    assert app.selectbox(key="province").options == ["Phú Thọ", "Quảng Ngãi"]
    assert "Tỉnh Vĩnh Phúc đã hợp nhất vào Tỉnh Phú Thọ từ 01/7/2025" in app.info[0].value
    assert len(app.selectbox) == 1  # no district filter: districts ended with the reform, no commune reports
    # Vĩnh Phúc 45 + Phú Thọ 7 in 2024; Vĩnh Phúc 30 + Hòa Bình 5 in 2023: parts of Phú Thọ, not its figures.
    assert metric_cards(app)["Đường dây nóng"] == ("52", "một phần")
    assert metric_cards(app)["Địa chỉ tin cậy"] == ("55", "một phần")  # Vĩnh Phúc's alone
    captions = [c.value for c in app.caption]
    assert ":orange[Một phần: chỉ có Phú Thọ, Vĩnh Phúc (2/3 tỉnh cũ)]" in captions
    assert ":orange[Một phần: chỉ có Vĩnh Phúc (1/3 tỉnh cũ)]" in captions
    assert any("được cộng từ các tỉnh cũ (Hòa Bình, Phú Thọ, Vĩnh Phúc)" in c for c in captions)
    # The quality line counts the former provinces that sent nothing, year by year.
    links = [link.proto.label for link in app.get("page_link") if link.proto.page.endswith("chat_luong_du_lieu")]
    assert links[0].startswith(
        "Chất lượng dữ liệu: 1/3 tỉnh cũ không có số liệu năm 2024 (Hòa Bình) · "
        "1/3 tỉnh cũ không có số liệu năm 2023 (Phú Thọ)"
    )
    # Back to the former units: the former province with data.
    app.radio(key="units").set_value("pre2025").run()
    assert app.selectbox(key="province").value == VP


def test_a_warehouse_built_by_older_code_is_rebuilt(
    tmp_path: Path, fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import duckdb

    stale = tmp_path / "stale.duckdb"
    shutil.copy(fixture_warehouse, stale)
    with duckdb.connect(str(stale)) as con:
        con.execute("UPDATE build_info SET code_version = 'older'")
    monkeypatch.setenv("WAREHOUSE_PATH", str(stale))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    assert "Hà Nội" in at.selectbox(key="province").options  # rebuilt from data/, samples included


def test_rankings_label_every_bar_and_say_per_ten_communes_in_words(app: AppTest) -> None:
    """The district ranking writes each value on its bar, the Vietnamese way, and a rate's unit in words ("trên 10
    xã", not "/10 xã", which reads as so many out of ten)."""
    app.selectbox(key="province").select(VP).run()
    app.switch_page(str(ROOT / "pages" / "4_duong_day_nong.py")).run()
    assert not app.exception
    ranking = json.loads(app.get("plotly_chart")[-1].proto.spec)
    bars = ranking["data"][0]
    assert (bars["y"], bars["text"]) == (["Yên Lạc", "Phúc Yên", "Vĩnh Yên"], ["9", "12", "24"])
    app.selectbox(key="rank_hotlines").select("trusted_addresses_per_10_communes").run()
    ranking = json.loads(app.get("plotly_chart")[-1].proto.spec)
    bars = ranking["data"][0]
    # Vĩnh Yên 55 addresses over 9 communes, Phúc Yên 0 over 10; Yên Lạc gave neither.
    assert dict(zip(bars["y"], bars["text"], strict=True)) == {"Phúc Yên": "0,00", "Vĩnh Yên": "61,11"}
    assert ranking["layout"]["xaxis"]["title"]["text"] == "địa chỉ trên 10 xã"


def test_notes_and_issuers_are_said_in_the_reader_s_language(app: AppTest) -> None:
    """The compilers' notes on published figures ("approx.", "rounded", "later-revised national figure") read in
    Vietnamese; a plan's issuer reads in English in English mode."""
    app.switch_page(str(ROOT / "pages" / "11_nguon_so_lieu.py")).run()
    table = app.dataframe[0].value
    said = " ".join(table["Đơn vị tính"]) + " ".join(table["Chỉ tiêu"])
    assert not [w for w in ("approx.", "rounded", "later-revised") if w in said]
    assert "trẻ em (làm tròn)" in set(table["Đơn vị tính"])
    assert 'vụ (ước tính, "hơn")' in set(table["Đơn vị tính"])
    assert (
        "Tổng số vụ bạo lực gia đình, số liệu toàn quốc được điều chỉnh về sau; khác với số 53.152 công bố năm 2014"
        in set(table["Chỉ tiêu"])
    )
    app.radio(key="lang").set_value("en").run()
    table = app.dataframe[0].value
    assert "cases" in set(table["Unit of measure"])  # an indicator's own unit, in English
    app.switch_page(str(ROOT / "pages" / "8_ke_hoach.py")).run()
    app.selectbox(key="province").select(VP).run()
    plans = " ".join(c.value for c in app.caption)
    assert "(Prime Minister)" in plans and "Thủ tướng" not in plans
