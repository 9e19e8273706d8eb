"""Every topic page as Streamlit runs it (AppTest), in both languages and both unit systems, on the fixture
warehouse; expected values are worked out by hand from tests/conftest.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.frame import PAGES
from core.i18n import t
from core.units import name_in
from tests.helpers import chart_traces, metric_cards, trace_array

ROOT = Path(__file__).resolve().parent.parent
VP, PHU_THO_2025, PHUC_YEN = "pre2025:P:26", "y2025:P:25", "pre2025:D:244"
KON_TUM, HOA_BINH = "pre2025:P:62", "pre2025:P:17"


@pytest.fixture
def open_page(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    """Open a page the way a reader gets there: choose the province, units and language, then the page."""
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))

    def go(
        page: str, province: str = VP, units: str = "pre2025", lang: str = "vi", district: str | None = None
    ) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
        # A first visit opens on today's units; the province is chosen under the former ones, then the units.
        at.radio(key="units").set_value("pre2025").run()
        at.selectbox(key="province").select(province).run()
        if units != "pre2025":
            at.radio(key="units").set_value(units).run()
        if lang != "vi":
            at.radio(key="lang").set_value(lang).run()
        if page != "dashboard.py":
            at.switch_page(page).run()
        if district:
            at.selectbox(key="district").select(district).run()
        assert not at.exception, at.exception
        return at

    return go


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _targets(spec: dict) -> list[float]:
    """The target lines drawn on a chart (dashed horizontal shapes)."""
    return sorted(s["y0"] for s in spec["layout"].get("shapes", []))


# Pages that follow the province filter (the sources page lists every published figure, its own way).
FILTERED = [(path, key) for path, key, _ in PAGES if path != "pages/11_nguon_so_lieu.py"]


@pytest.mark.parametrize("units", ["pre2025", "y2025"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("page", "title_key"), FILTERED)
def test_every_page_in_both_languages_and_unit_systems(open_page, page: str, title_key: str, lang: str, units: str):
    at = open_page(page, units=units, lang=lang)
    assert at.title[0].value == t(title_key, lang)
    # Named as the language says it: "Tỉnh Vĩnh Phúc", "Vĩnh Phúc province".
    province = name_in("Tỉnh Vĩnh Phúc" if units == "pre2025" else "Tỉnh Phú Thọ", lang)
    national = t("sources_national_chart", lang)  # the overview's country series, for scale
    specs = [spec for spec in _specs(at) if spec["layout"]["title"]["text"] != national]
    # The data page is a table; the 2025 Phú Thọ's violence figures would all give a small count away.
    assert specs or page == "pages/9_du_lieu.py" or (page == "pages/5_bao_luc.py" and units == "y2025")
    for spec in specs:
        # Every title names its unit: the province, or the country on a map of all provinces.
        national_map = any(trace.get("name") == t("map_archipelagos", lang) for trace in spec["data"])
        # Read as one line: a title wraps at words, and a name may fall across two.
        said = re.sub(r"(</sup>)?<br>(<sup>)?", " ", spec["layout"]["title"]["text"])
        assert (t("national_heading", lang) if national_map else province) in said
        assert spec["layout"]["separators"] == (",." if lang == "vi" else ".,")
        for trace in spec["data"]:
            assert "_" not in trace["name"], trace["name"]  # names, never indicator codes
    shown = [v for pair in metric_cards(at).values() for v in pair] + _captions(at)
    assert not [s for s in shown if "nan" in s.lower().split() or "None" in s]
    if units == "y2025":
        assert any("cộng từ các tỉnh cũ" in c or "summed over the former provinces" in c for c in _captions(at))
    # One page-level CSV and Excel, and a pair under every chart that has something to download.
    assert len(at.main.download_button) == 2 * (sum(1 for spec in specs if spec["data"]) + 1)
    # The brief and the Word report under the filters, on every page with filters.
    brief = (
        ("Tải bản tóm tắt (PDF)", "Tải báo cáo (Word)")
        if lang == "vi"
        else ("Download the brief (PDF)", "Download the report (Word)")
    )
    assert tuple(b.label for b in at.sidebar.download_button) == brief


def test_models_share_of_communes_against_the_national_targets(open_page) -> None:
    at = open_page("pages/3_mo_hinh.py")
    metrics = metric_cards(at)
    # 2024: (6 + 4) of (9 + 10) communes; 2023: only Vĩnh Yên gave both parts, 5 of 9.
    # Parts of Vĩnh Phúc (2 and 3 of its 9 districts): said so, and not compared with each other.
    assert metrics["Xã có mô hình phòng, chống BLGĐ"] == ("52,6%", "một phần")
    assert metrics["CLB gia đình phát triển bền vững"] == ("13", "một phần")
    assert metrics["Mô hình phòng, chống BLGĐ"] == ("–", "")
    assert {"10/19 xã", ":orange[Một phần: 2/9 huyện đã báo cáo]"} <= set(_captions(at))
    coverage = _specs(at)[1]
    assert [round(v, 2) for v in chart_traces(at, 1)["Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình"]["y"]] == [
        55.56,
        52.63,
    ]
    assert _targets(coverage) == [95.0, 100.0]  # QĐ 45 for 2025 and QĐ 2238 for 2030; Kon Tum's plan is not here
    assert "Nguồn số liệu: báo cáo" in _captions(at)


def test_models_rolled_up_into_the_2025_province(open_page) -> None:
    at = open_page("pages/3_mo_hinh.py", units="y2025")
    metrics = metric_cards(at)
    # 2024: Vĩnh Phúc 10/19 + Phú Thọ 12/20 = 22/39; 2023: Vĩnh Phúc's 5/9 alone.
    assert metrics["Xã có mô hình phòng, chống BLGĐ"] == ("56,4%", "một phần")
    assert metrics["Mô hình phòng, chống BLGĐ"] == ("5", "một phần")  # Phú Thọ's, the only one reported
    assert {"22/39 xã", ":orange[Một phần: chỉ có Phú Thọ, Vĩnh Phúc (2/3 tỉnh cũ)]"} <= set(_captions(at))
    assert chart_traces(at, 2)["Số mô hình phòng, chống bạo lực gia đình trên 10 xã"] == {"x": [2024], "y": [2.5]}
    # No commune reports after the reform: nothing to compare, and it says so.
    assert t("ranking_empty", "vi") in _captions(at)


def test_hotlines_in_english_with_rates_and_a_ranking(open_page) -> None:
    at = open_page("pages/4_duong_day_nong.py", lang="en")
    metrics = metric_cards(at)
    assert metrics["Hotlines"] == ("45", "partial")
    # 55 addresses in 19 communes (2 of 9 districts gave both), against 80 in 19 the year before: not compared.
    assert metrics["Trusted addresses per 10 communes"] == ("28.95", "partial")
    assert metrics["Communes with a hotline"] == ("–", "")
    assert "55 addresses / 19 communes" in _captions(at)
    ranking = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"][0]
    assert ranking["y"] == ["Yên Lạc", "Phúc Yên", "Vĩnh Yên"]
    assert ranking["customdata"] == ["pre2025:D:251", PHUC_YEN, "pre2025:D:243"]  # a bar leads to its district
    assert chart_traces(at, len(at.get("plotly_chart")) - 1)["Hotlines"]["x"] == [9, 12, 24]


def test_hotlines_summed_over_the_former_provinces(open_page) -> None:
    at = open_page("pages/4_duong_day_nong.py", units="y2025")
    assert chart_traces(at, 0)["Số đường dây nóng"] == {"x": [2023, 2024], "y": [35.0, 52.0]}  # 30 + 5, 45 + 7


def test_violence_rate_and_ranking_hide_small_counts(open_page) -> None:
    at = open_page("pages/5_bao_luc.py")
    metrics = metric_cards(at)
    assert metrics["Vụ bạo lực gia đình"] == ("9", "một phần")
    assert metrics["Vụ trên 1.000 hộ"] == ("0,13", "một phần")  # 9 cases in 70.000 households; none in 2023
    assert "9 vụ / 70.000 hộ" in _captions(at)
    assert "Tỷ lệ tính trên dưới 20 vụ thay đổi nhiều do ngẫu nhiên; không nên so sánh hay xếp hạng theo tỷ lệ đó." in (
        _captions(at)
    )  # 9 cases
    # Phúc Yên's 3 is hidden; Vĩnh Yên's 6 too, or 9 - 6 - 0 would give the 3 away. Yên Lạc's 0 stays 0.
    ranking = _specs(at)[-1]["data"][0]
    assert ranking["y"] == ["Phúc Yên", "Vĩnh Yên", "Yên Lạc"]
    assert chart_traces(at, len(_specs(at)) - 1)["Tổng số vụ bạo lực gia đình"]["x"] == [None, None, 0]
    assert ranking["text"] == ["Ẩn", "Ẩn", "0"]  # one label for the small count and its complement


def test_violence_for_a_district_with_few_cases(open_page) -> None:
    at = open_page("pages/5_bao_luc.py", district=PHUC_YEN)
    metrics = metric_cards(at)
    assert metrics["Vụ bạo lực gia đình"] == ("Ẩn", "")
    assert metrics["Vụ trên 1.000 hộ"] == ("Ẩn", "")  # the rate is hidden because its count is
    assert "Ẩn: tính trên số vụ được ẩn (bảo vệ nạn nhân)" in _captions(at)
    assert _captions(at).count("Các số đều được ẩn để bảo vệ nạn nhân.") == 2  # forms, rate
    assert _captions(at).count("Chưa có đơn vị nào báo cáo chỉ tiêu này trong giai đoạn đã chọn.") == 3
    assert not at.get("plotly_chart")
    assert t("ranking_heading", "vi", year=2024) not in [s.value for s in at.subheader]  # one district: no ranking


def test_training_share_of_officials_against_the_target(open_page) -> None:
    at = open_page("pages/6_tap_huan.py")
    metrics = metric_cards(at)
    assert metrics["Tỷ lệ cán bộ được tập huấn"] == ("90,9%", "một phần")  # (8 + 12) of (10 + 12)
    assert metrics["Lớp tập huấn"] == ("6", "một phần")
    assert metrics["Lượt người được tập huấn"] == ("1.334", "một phần")
    assert "20/22 người" in _captions(at)
    assert chart_traces(at, 0)["Số lớp tập huấn công tác gia đình"] == {"x": [2024], "y": [6.0]}
    assert _targets(_specs(at)[2]) == [90.0]  # QĐ 45: 90% trained by 2025


def test_children_page_names_the_111_hotline(open_page) -> None:
    at = open_page("pages/7_tre_em.py")
    metrics = metric_cards(at)
    assert metrics["Trẻ em dưới 16 tuổi"] == ("20.000", "một phần")  # Vĩnh Yên's alone
    assert metrics["Trẻ em có hoàn cảnh đặc biệt"] == ("150", "một phần")
    assert metrics["Vụ xâm hại trẻ em"] == ("Ẩn", "")  # 2, all in Vĩnh Yên: a district's count, hidden
    assert any("111" in i.value for i in at.info)


def test_plans_scorecard_for_vinh_phuc(open_page) -> None:
    at = open_page("pages/8_ke_hoach.py")
    card = at.dataframe[0].value
    rows = {
        (r["Kế hoạch"], r["Mục tiêu (năm)"]): (r["Kết quả"], r["Năm số liệu"], r["Đánh giá"])
        for _, r in card.iterrows()
    }
    assert rows == {
        ("QĐ 45", "≥ 95% (2025)"): ("52,6% (một phần)", "2024", "Chưa đạt (tạm tính)"),
        ("QĐ 45", "≥ 90% (2025)"): ("90,9% (một phần)", "2024", "Đạt (tạm tính)"),
        ("QĐ 45", "≥ 40% (2025)"): ("–", "–", "Chưa có chỉ số đo lường"),
        ("QĐ 2238", "≥ 100% (2030)"): ("52,6% (một phần)", "2024", "Chưa đạt (tạm tính)"),
    }
    assert [_targets(spec) for spec in _specs(at)] == [[95.0, 100.0], [90.0]]


def test_plans_scorecard_for_kon_tum_in_english(open_page) -> None:
    at = open_page("pages/8_ke_hoach.py", province=KON_TUM, lang="en")
    card = at.dataframe[0].value
    own = card[card["Plan"] == "KH 925"]
    assert len(own) == 6  # Kon Tum's 2024 plan, then the national ones
    assert list(card["Plan"])[:6] == ["KH 925"] * 6
    change = own[own["Goal (year)"] == "down at least 10% on the year before (2024)"].iloc[0]
    assert (change["Result"], change["Assessment"]) == ("–", "No data")  # no 2023 figure to compare with
    assert set(own["Assessment"]) == {"No data", "No indicator measures it"}


def test_a_province_without_the_topic_explains_itself(open_page) -> None:
    # Hòa Bình reported hotlines only.
    for lang, message in (("vi", "Không có số liệu cho lựa chọn này."), ("en", "No data for this selection.")):
        at = open_page("pages/3_mo_hinh.py", province=HOA_BINH, lang=lang)
        assert [i.value for i in at.info] == [message]
        assert not at.get("plotly_chart")


def test_switching_units_back_returns_to_the_province_chosen(open_page) -> None:
    at = open_page("pages/5_bao_luc.py", units="y2025")
    assert at.selectbox(key="province").value == PHU_THO_2025
    at.radio(key="units").set_value("pre2025").run()
    assert at.selectbox(key="province").value == VP  # not the former Phú Thọ


def test_history_and_commune_reports_on_one_page(
    tmp_path: Path, fixture_reports: list[Path], index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Phú Thọ after the reform: 2023–2024 rolled up from three former provinces, 2026 from its communes."""
    import shutil

    from etl.build import build
    from etl.template import write_workbook

    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    for path in fixture_reports:
        shutil.copy(path, data / "reports")
    communes = index.children(PHU_THO_2025, "C")[:2]
    write_workbook(
        data / "reports" / "phu-tho-2026.xlsx",
        "Phú Thọ",
        [2026],
        {(2026, communes[0].unit_id): {"hotlines": 3}, (2026, communes[1].unit_id): {"hotlines": 1}},
    )
    monkeypatch.setenv("WAREHOUSE_PATH", str(build(data, data / "w.duckdb").warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.radio(key="units").set_value("y2025").run()
    at.selectbox(key="province").select(PHU_THO_2025).run()
    at.switch_page("pages/4_duong_day_nong.py").run()
    assert not at.exception
    assert at.slider(key="years").value == (2023, 2026)
    # 2025 was not reported: a gap, and no change shown against a year that is missing.
    assert chart_traces(at, 0)["Số đường dây nóng"] == {"x": [2023, 2024, 2025, 2026], "y": [35.0, 52.0, None, 4.0]}
    assert metric_cards(at)["Đường dây nóng"] == ("4", "một phần")
    assert ":orange[Một phần: 2/148 xã đã báo cáo]" in _captions(at)
    # The ranking compares communes, and a commune can be chosen in the sidebar.
    ranking = _specs(at)[-1]["data"][0]
    assert sorted(ranking["customdata"]) == sorted(c.unit_id for c in communes)
    assert at.selectbox(key="district").label == "Xã/phường"
    at.selectbox(key="district").select(communes[0].unit_id).run()
    assert metric_cards(at)["Đường dây nóng"] == ("3", "")


def test_a_province_figure_from_a_single_district_is_protected_like_one(open_page) -> None:
    # Phú Thọ (before the reform): 4 cases, all from Cẩm Khê, the only one of 13 districts to report.
    at = open_page("pages/5_bao_luc.py", province="pre2025:P:25")
    metrics = metric_cards(at)
    assert metrics["Vụ bạo lực gia đình"] == ("Ẩn", "")
    assert metrics["Vụ trên 1.000 hộ"] == ("Ẩn", "")
    assert not [c for c in _captions(at) if "30.000 hộ" in c]
    # Summed with Vĩnh Phúc's 9 into the 2025 Phú Thọ, 13 would give the 4 away (13 - 9): the sum is hidden.
    at = open_page("pages/5_bao_luc.py", units="y2025")
    assert metric_cards(at)["Vụ bạo lực gia đình"] == ("Ẩn", "")
    assert "Ẩn để bảo vệ nạn nhân: một số nhỏ, hoặc một số có thể dùng để tính ra số nhỏ" in _captions(at)
    at = open_page("pages/5_bao_luc.py")
    assert metric_cards(at)["Vụ bạo lực gia đình"] == ("9", "một phần")  # Vĩnh Phúc's own figure stays


def test_plans_charts_are_the_province_s_whatever_district_is_chosen(open_page) -> None:
    at = open_page("pages/8_ke_hoach.py", district=PHUC_YEN)
    assert "Tỉnh Vĩnh Phúc" in [
        s["layout"]["title"]["text"].split("<sup>")[1].removesuffix("</sup>") for s in _specs(at)
    ]
    assert any("cấp tỉnh" in c for c in _captions(at))


def test_sources_lists_published_figures_with_links(open_page) -> None:
    at = open_page("pages/11_nguon_so_lieu.py", lang="en")
    assert at.title[0].value == "Data sources"
    # The national series, certain yearly figures only: 2009–2012, 2015, 2020, 2021, 2023, 2024 with gaps.
    national = chart_traces(at, 0)["Domestic-violence cases"]
    assert national["x"] == list(range(2009, 2025))
    assert national["y"][:4] == [53152, 58863, 46449, 50766] and national["y"][4] is None
    table = at.dataframe[0].value
    assert len(table) == 172  # every row of both published-figure files with a figure and a year
    row = table[(table["Year"] == 2019) & (table["Unit"] == "Tỉnh Vĩnh Phúc")].iloc[0]
    assert row["Source"].startswith("http") and row["Quote"]
    at.selectbox(key="src_unit").select("pre2025:P:37").run()  # Ninh Bình
    notes = set(at.dataframe[0].value["Note"])
    assert "year uncertain" in notes and any("not a full-year figure" in n for n in notes)


def test_published_figures_beside_the_series(sample_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(sample_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.radio(key="units").set_value("pre2025").run()
    at.selectbox(key="province").select(VP).run()
    at.switch_page("pages/5_bao_luc.py").run()
    assert not at.exception
    forms = _specs(at)[0]["data"]
    published = [t for t in forms if t["name"] == "Số liệu công bố (◇)"]
    # Vĩnh Phúc 2019 as published (seed 000): 73 psychological, 84 physical, 2 sexual, 16 economic.
    assert sorted(v for t in published for v in trace_array(t["y"])) == [2, 16, 73, 84]
    assert {x for t in published for x in trace_array(t["x"])} == {2019}
    assert sum(t["showlegend"] for t in published) == 1  # one legend entry for them all
    assert "Nguồn số liệu: minh họa, công bố" in _captions(at)


# Issue 20: a sum of only some members is shown as a part, everywhere; links say what they cannot show.


def test_a_partial_roll_up_is_a_part_in_every_view(open_page) -> None:
    """The 2025 Phú Thọ: in 2024 Vĩnh Phúc and the former Phú Thọ reported hotlines, Vĩnh Phúc alone trusted
    addresses, Hòa Bình nothing."""
    from analytics import queries
    from analytics.access import local
    from analytics.export import csv_bytes, tidy

    at = open_page("pages/4_duong_day_nong.py", units="y2025")
    assert metric_cards(at)["Địa chỉ tin cậy"] == ("55", "một phần")
    assert ":orange[Một phần: chỉ có Vĩnh Phúc (1/3 tỉnh cũ)]" in _captions(at)
    # The chart: open markers where a year is partial, the hover says so, one legend entry says what they mean.
    trend = next(trace for trace in _specs(at)[0]["data"] if trace["name"] == "Số đường dây nóng")
    assert trend["marker"]["symbol"] == ["circle-open", "circle-open"]
    assert trend["customdata"] == [" (một phần)", " (một phần)"]
    assert "Một phần (chưa đủ đơn vị báo cáo)" in [trace["name"] for trace in _specs(at)[0]["data"]]
    # The table: the number stays a number, its kind and note say it is a part.
    at.switch_page("pages/9_du_lieu.py").run()
    table = at.dataframe[0].value
    trusted = table[table["Chỉ tiêu"] == "Số địa chỉ tin cậy ở cộng đồng"].set_index("Năm")
    assert trusted.loc[2024, "Giá trị"] == 55 and trusted.loc[2024, "Loại số liệu"] == "Báo cáo, một phần"
    assert trusted.loc[2024, "Ghi chú"] == "Một phần: chỉ có Vĩnh Phúc (1/3 tỉnh cũ)"
    # The download: the same words in the same cells.
    frame = queries.values(PHU_THO_2025, ("trusted_addresses",), 2024, 2024, local(4))
    lines = csv_bytes(tidy(frame, queries.indicators(), "Tỉnh Phú Thọ", "vi")).decode("utf-8-sig").splitlines()
    assert lines[1] == (
        'Tỉnh Phú Thọ,2024,Số địa chỉ tin cậy ở cộng đồng,55,địa chỉ,"Báo cáo, một phần",'
        "Một phần: chỉ có Vĩnh Phúc (1/3 tỉnh cũ)"
    )


def test_a_partial_roll_up_on_the_map(open_page) -> None:
    at = open_page("pages/1_ban_do.py", units="y2025")
    at.selectbox(key="map_indicator").select("hotlines").run()
    national = {trace["name"]: trace for trace in _specs(at)[0]["data"]}
    marked = national["Chưa đủ đơn vị báo cáo"]  # the hollow dot on a province whose figure is a part
    assert sorted(marked["customdata"]) == ["y2025:P:25", "y2025:P:51"]  # Kon Tum is 1 of Quảng Ngãi's 2


def test_a_whole_province_is_its_own_figure(whole_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(whole_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    # Bắc Kạn went whole into the 2025 Thái Nguyên, with the former Thái Nguyên, which sent nothing.
    assert metric_cards(at)["Đường dây nóng"] == ("24", "một phần")
    assert ":orange[Một phần: chỉ có Bắc Kạn (1/2 tỉnh cũ)]" in _captions(at)
    at.radio(key="units").set_value("pre2025").run()
    assert metric_cards(at)["Đường dây nóng"] == ("24", "+8 so với 2023")  # all 8 districts, both years
    assert not [c for c in _captions(at) if "một phần" in c.lower()]
    assert chart_traces(at, 0)["Số đường dây nóng"] == {"x": [2023, 2024], "y": [16.0, 24.0]}
    assert "Một phần (chưa đủ đơn vị báo cáo)" not in chart_traces(at, 0)


def _linked(warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str = "", **params: str) -> AppTest:
    """A page opened from a link."""
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_link_without_diacritics_or_prefixes(fixture_warehouse, monkeypatch) -> None:
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province="Vinh Phuc", district="Phuc Yen")
    assert at.selectbox(key="province").value == VP
    assert at.selectbox(key="district").value == PHUC_YEN
    assert not at.warning
    # In NFD, with the prefix, or as a GSO code: the same units.
    nfd = "Vi\u0303nh Phu\u0301c"
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province=nfd, district="Thành phố Phúc Yên")
    assert (at.selectbox(key="province").value, at.selectbox(key="district").value) == (VP, PHUC_YEN)
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province="26", district="244")
    assert (at.selectbox(key="province").value, at.selectbox(key="district").value) == (VP, PHUC_YEN)
    # What the page writes back: codes and slugs, readable and the same in both languages.
    assert dict(at.query_params) == {
        "lang": "vi",
        "units": "pre2025",
        "province": "vinh-phuc",
        "district": "phuc-yen",
        "years": "2023-2024",
    }
    assert "Thành phố Phúc Yên, Tỉnh Vĩnh Phúc · 2023–2024 · đơn vị trước 7/2025" in _captions(at)


def test_a_former_province_in_a_link_without_units_opens_the_former_units(fixture_warehouse, monkeypatch) -> None:
    at = _linked(fixture_warehouse, monkeypatch, province="vinh-phuc")
    assert (at.radio(key="units").value, at.selectbox(key="province").value) == ("pre2025", VP)
    assert at.warning[0].value == (
        "Liên kết ghi «vinh\\-phuc»: Tỉnh Vĩnh Phúc là tỉnh trước 7/2025 (nay thuộc Tỉnh Phú Thọ). "
        "Đang hiện Tỉnh Vĩnh Phúc theo đơn vị trước 7/2025."
    )
    # Asked for under today's units: its 2025 province, said so.
    at = _linked(fixture_warehouse, monkeypatch, units="y2025", province="Vĩnh Phúc")
    assert at.selectbox(key="province").value == PHU_THO_2025
    assert at.warning[0].value.startswith("Tỉnh Vĩnh Phúc đã hợp nhất vào Tỉnh Phú Thọ từ 01/7/2025")


def test_an_english_link_opened_in_vietnamese(fixture_warehouse, monkeypatch) -> None:
    # A link copied in English carries the same codes; an old one carries the labels ("English"): both read.
    for lang in ("en", "English"):
        at = _linked(fixture_warehouse, monkeypatch, "pages/4_duong_day_nong.py", lang=lang, province="vinh-phuc")
        assert (at.title[0].value, at.selectbox(key="province").value) == ("Hotlines & trusted addresses", VP)
        at.radio(key="lang").set_value("vi").run()
        assert (at.title[0].value, at.selectbox(key="province").value) == ("Đường dây nóng & địa chỉ tin cậy", VP)
        assert at.query_params["lang"] == "vi" and at.query_params["province"] == "vinh-phuc"
    at = _linked(fixture_warehouse, monkeypatch, lang="vi", units="pre2025", province="vinh-phuc", district="all")
    assert (at.title[0].value, at.selectbox(key="district").value) == ("Tổng quan", "all")


def test_an_unknown_province_in_a_link_is_named(fixture_warehouse, monkeypatch) -> None:
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province="Atlantis")
    assert at.warning[0].value == "Liên kết ghi tỉnh/thành phố «Atlantis»: không tìm thấy. Đang hiện Tỉnh Hòa Bình."
    assert at.selectbox(key="province").value == HOA_BINH
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province="Ha Giang")  # a province, no figures
    assert at.warning[0].value == (
        "Liên kết ghi tỉnh/thành phố «Ha Giang» (Tỉnh Hà Giang): chưa có số liệu. Đang hiện Tỉnh Hòa Bình."
    )
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province="vinh-phuc", district="Ba Vi")
    assert at.warning[0].value == (
        "Liên kết ghi huyện/xã «Ba Vi»: không tìm thấy. Đang hiện Toàn tỉnh (Tỉnh Vĩnh Phúc)."
    )
    at = _linked(fixture_warehouse, monkeypatch, units="pre2025", province="vinh-phuc", years="2010-2024")
    assert at.warning[0].value == (
        "Liên kết ghi giai đoạn «2010\\-2024», ngoài các năm có số liệu (2023–2024). Đang hiện 2023–2024."
    )


def test_a_district_outside_the_reader_s_scope_in_a_link_is_named(
    fixture_warehouse, monkeypatch, tmp_path: Path
) -> None:
    access = tmp_path / "access.toml"
    access.write_text('[users."lan@kontum.gov.vn"]\nrole = "province"\nprovinces = ["Kon Tum"]\n', encoding="utf-8")
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-secret-for-the-tests-only",
        "client_id": "dashboard",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
        "access_file": str(access),
    }
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update({"auth": auth, "audit": {"file": str(tmp_path / "audit.jsonl")}})
    at.user = {"is_logged_in": True, "email": "lan@kontum.gov.vn", "email_verified": True, "name": "lan"}
    at.query_params.update({"units": "pre2025", "province": "vinh-phuc", "district": "Phuc Yen"})
    at.run()
    assert not at.exception
    assert at.selectbox(key="province").value == VP
    assert not [s for s in at.selectbox if s.key == "district"]
    assert at.warning[0].value == (
        "Liên kết ghi huyện/xã «Phuc Yen» (Thành phố Phúc Yên), nhưng tài khoản này chỉ xem số liệu cấp tỉnh "
        "của Tỉnh Vĩnh Phúc. Đang hiện Toàn tỉnh (Tỉnh Vĩnh Phúc)."
    )


def test_every_label_changes_with_the_language_at_once(open_page) -> None:
    at = open_page("pages/5_bao_luc.py")
    at.selectbox(key="rank_violence").select("dv_cases_per_1000_households").run()
    at.radio(key="lang").set_value("en").run()
    assert at.radio(key="units").options == [
        "Before 7/2025 (63 provinces, districts)",
        "From 7/2025 (34 provinces, communes)",
    ]
    assert at.selectbox(key="district").options[0] == "Whole province"
    box = at.selectbox(key="rank_violence_en")
    assert box.label == "Compare on" and box.value == "dv_cases_per_1000_households"  # the choice carried over
    assert box.options[0] == "Domestic-violence cases"
    assert at.query_params["lang"] == "en" and at.query_params["province"] == "vinh-phuc"
    at.radio(key="lang").set_value("vi").run()
    assert at.selectbox(key="rank_violence").value == "dv_cases_per_1000_households"
    assert at.selectbox(key="rank_violence").label == "Chỉ tiêu so sánh"


def test_names_in_vietnamese_alphabetical_order(fixture_warehouse, monkeypatch) -> None:
    from analytics import queries
    from analytics.access import local
    from analytics.fmt import vi_sorted

    assert vi_sorted(["Ba Vì", "Bắc Ninh", "Ba Đình", "Bạc Liêu", "Đà Nẵng", "Dak Lak", "Phường 10", "Phường 2"]) == [
        "Ba Đình",
        "Ba Vì",
        "Bạc Liêu",
        "Bắc Ninh",
        "Dak Lak",
        "Đà Nẵng",
        "Phường 2",
        "Phường 10",
    ]
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    hanoi = queries.sub_units("pre2025:P:01", local(4))["short_name"].tolist()
    assert hanoi[:5] == ["Ba Đình", "Ba Vì", "Bắc Từ Liêm", "Cầu Giấy", "Chương Mỹ"]
    assert queries.provinces("y2025")["short_name"].tolist()[:8] == [
        "An Giang",
        "Bắc Ninh",
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
    ]


def test_a_former_province_s_plan_on_its_2025_province(open_page) -> None:
    at = open_page("pages/8_ke_hoach.py", province=KON_TUM, units="y2025")
    assert at.selectbox(key="province").value == "y2025:P:51"  # Kon Tum is part of Quảng Ngãi since 7/2025
    card = at.dataframe[0].value
    own = card[card["Kế hoạch"] == "KH 925 của Tỉnh Kon Tum (trước 7/2025)"]
    assert len(own) == 6
    assert set(own["Đánh giá"]) == {"Chưa có số liệu", "Chưa có chỉ số đo lường"}  # Kon Tum's own figures only
    assert "Kế hoạch của tỉnh cũ chỉ được đánh giá trên số liệu của chính tỉnh cũ đó." in _captions(at)
