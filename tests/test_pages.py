"""Every topic page as Streamlit runs it (AppTest), in both languages and both unit systems, on the fixture
warehouse; expected values are worked out by hand from tests/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.frame import PAGES
from core.i18n import t
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
FILTERED = [(path, key) for path, key, _ in PAGES if path != "pages/10_nguon_so_lieu.py"]


@pytest.mark.parametrize("units", ["pre2025", "y2025"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("page", "title_key"), FILTERED)
def test_every_page_in_both_languages_and_unit_systems(open_page, page: str, title_key: str, lang: str, units: str):
    at = open_page(page, units=units, lang=lang)
    assert at.title[0].value == t(title_key, lang)
    province = "Tỉnh Vĩnh Phúc" if units == "pre2025" else "Tỉnh Phú Thọ"
    national = t("sources_national_chart", lang)  # the overview's country series, for scale
    specs = [spec for spec in _specs(at) if spec["layout"]["title"]["text"] != national]
    # The data page is a table; the 2025 Phú Thọ's violence figures would all give a small count away.
    assert specs or page == "pages/8_du_lieu.py" or (page == "pages/4_bao_luc.py" and units == "y2025")
    for spec in specs:
        # Every title names its unit: the province, or the country on a map of all provinces.
        national_map = any(trace.get("name") == t("map_archipelagos", lang) for trace in spec["data"])
        assert (t("national_heading", lang) if national_map else province) in spec["layout"]["title"]["text"]
        assert spec["layout"]["separators"] == (",." if lang == "vi" else ".,")
        for trace in spec["data"]:
            assert "_" not in trace["name"], trace["name"]  # names, never indicator codes
    shown = [v for pair in metric_cards(at).values() for v in pair] + _captions(at)
    assert not [s for s in shown if "nan" in s.lower().split() or "None" in s]
    if units == "y2025":
        assert any("cộng từ các tỉnh cũ" in c or "summed over the former provinces" in c for c in _captions(at))
    # One page-level CSV and Excel, and a pair under every chart that has something to download.
    assert len(at.download_button) == 2 * (sum(1 for spec in specs if spec["data"]) + 1)


def test_models_share_of_communes_against_the_national_targets(open_page) -> None:
    at = open_page("pages/2_mo_hinh.py")
    metrics = metric_cards(at)
    # 2024: (6 + 4) of (9 + 10) communes; 2023: only Vĩnh Yên gave both parts, 5 of 9.
    assert metrics["Xã có mô hình phòng, chống BLGĐ"] == ("52,6%", "-2,9 so với 2023")
    assert metrics["CLB gia đình phát triển bền vững"] == ("13", "+3 so với 2023")
    assert metrics["Mô hình phòng, chống BLGĐ"] == ("–", "")
    assert {"10/19 xã", "2/9 huyện đã báo cáo"} <= set(_captions(at))
    coverage = _specs(at)[1]
    assert [round(v, 2) for v in chart_traces(at, 1)["Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình"]["y"]] == [
        55.56,
        52.63,
    ]
    assert _targets(coverage) == [95.0, 100.0]  # QĐ 45 for 2025 and QĐ 2238 for 2030; Kon Tum's plan is not here
    assert "Nguồn số liệu: báo cáo" in _captions(at)


def test_models_rolled_up_into_the_2025_province(open_page) -> None:
    at = open_page("pages/2_mo_hinh.py", units="y2025")
    metrics = metric_cards(at)
    # 2024: Vĩnh Phúc 10/19 + Phú Thọ 12/20 = 22/39; 2023: Vĩnh Phúc's 5/9 alone.
    assert metrics["Xã có mô hình phòng, chống BLGĐ"] == ("56,4%", "+0,9 so với 2023")
    assert metrics["Mô hình phòng, chống BLGĐ"] == ("5", "")  # Phú Thọ's, the only one reported
    assert {"22/39 xã", "2/3 tỉnh cũ có số liệu"} <= set(_captions(at))
    assert chart_traces(at, 2)["Số mô hình phòng, chống bạo lực gia đình trên 10 xã"] == {"x": [2024], "y": [2.5]}
    # No commune reports after the reform: nothing to compare, and it says so.
    assert t("ranking_empty", "vi") in _captions(at)


def test_hotlines_in_english_with_rates_and_a_ranking(open_page) -> None:
    at = open_page("pages/3_duong_day_nong.py", lang="en")
    metrics = metric_cards(at)
    assert metrics["Hotlines"] == ("45", "+15 vs 2023")
    # 55 addresses in 19 communes, against 80 in 19 the year before.
    assert metrics["Trusted addresses per 10 communes"] == ("28.95", "-13.16 vs 2023")
    assert metrics["Communes with a hotline"] == ("–", "")
    assert "55 addresses / 19 communes" in _captions(at)
    ranking = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"][0]
    assert ranking["y"] == ["Yên Lạc", "Phúc Yên", "Vĩnh Yên"]
    assert ranking["customdata"] == ["pre2025:D:251", PHUC_YEN, "pre2025:D:243"]  # a bar leads to its district
    assert chart_traces(at, len(at.get("plotly_chart")) - 1)["Hotlines"]["x"] == [9, 12, 24]


def test_hotlines_summed_over_the_former_provinces(open_page) -> None:
    at = open_page("pages/3_duong_day_nong.py", units="y2025")
    assert chart_traces(at, 0)["Số đường dây nóng"] == {"x": [2023, 2024], "y": [35.0, 52.0]}  # 30 + 5, 45 + 7


def test_violence_rate_and_ranking_hide_small_counts(open_page) -> None:
    at = open_page("pages/4_bao_luc.py")
    metrics = metric_cards(at)
    assert metrics["Vụ bạo lực gia đình"] == ("9", "-2 so với 2023")
    assert metrics["Vụ trên 1.000 hộ"] == ("0,13", "")  # 9 cases in 70.000 households; 2023 had no households
    assert "9 vụ / 70.000 hộ" in _captions(at)
    assert "Tỷ lệ tính trên dưới 20 vụ thay đổi nhiều do ngẫu nhiên; không nên so sánh hay xếp hạng theo tỷ lệ đó." in (
        _captions(at)
    )  # 9 cases
    # Phúc Yên's 3 is hidden; Vĩnh Yên's 6 too, or 9 - 6 - 0 would give the 3 away. Yên Lạc's 0 stays 0.
    ranking = _specs(at)[-1]["data"][0]
    assert ranking["y"] == ["Phúc Yên", "Vĩnh Yên", "Yên Lạc"]
    assert chart_traces(at, len(_specs(at)) - 1)["Tổng số vụ bạo lực gia đình"]["x"] == [None, None, 0]
    assert ranking["text"] == ["<5", "Ẩn", "0"]


def test_violence_for_a_district_with_few_cases(open_page) -> None:
    at = open_page("pages/4_bao_luc.py", district=PHUC_YEN)
    metrics = metric_cards(at)
    assert metrics["Vụ bạo lực gia đình"] == ("<5", "")
    assert metrics["Vụ trên 1.000 hộ"] == ("Ẩn", "")  # not "<5": the rate is hidden because its count is
    assert "Ẩn: tính trên số vụ được ẩn (bảo vệ nạn nhân)" in _captions(at)
    assert _captions(at).count("Các số đều được ẩn để bảo vệ nạn nhân.") == 2  # forms, rate
    assert _captions(at).count("Chưa có đơn vị nào báo cáo chỉ tiêu này trong giai đoạn đã chọn.") == 3
    assert not at.get("plotly_chart")
    assert t("ranking_heading", "vi", year=2024) not in [s.value for s in at.subheader]  # one district: no ranking


def test_training_share_of_officials_against_the_target(open_page) -> None:
    at = open_page("pages/5_tap_huan.py")
    metrics = metric_cards(at)
    assert metrics["Tỷ lệ cán bộ được tập huấn"] == ("90,9%", "")  # (8 + 12) of (10 + 12)
    assert metrics["Lớp tập huấn"] == ("6", "")
    assert metrics["Lượt người được tập huấn"] == ("1.334", "+914 so với 2023")
    assert "20/22 người" in _captions(at)
    assert chart_traces(at, 0)["Số lớp tập huấn công tác gia đình"] == {"x": [2024], "y": [6.0]}
    assert _targets(_specs(at)[2]) == [90.0]  # QĐ 45: 90% trained by 2025


def test_children_page_names_the_111_hotline(open_page) -> None:
    at = open_page("pages/6_tre_em.py")
    metrics = metric_cards(at)
    assert metrics["Trẻ em dưới 16 tuổi"] == ("20.000", "")
    assert metrics["Trẻ em có hoàn cảnh đặc biệt"] == ("150", "")
    assert metrics["Vụ xâm hại trẻ em"] == ("<5", "")  # 2, all in Vĩnh Yên: a district's count, hidden
    assert any("111" in i.value for i in at.info)


def test_plans_scorecard_for_vinh_phuc(open_page) -> None:
    at = open_page("pages/7_ke_hoach.py")
    card = at.dataframe[0].value
    rows = {
        (r["Kế hoạch"], r["Mục tiêu (năm)"]): (r["Kết quả"], r["Năm số liệu"], r["Đánh giá"])
        for _, r in card.iterrows()
    }
    assert rows == {
        ("QĐ 45", "≥ 95% (2025)"): ("52,6%", "2024", "Chưa đạt (tiến độ)"),
        ("QĐ 45", "≥ 90% (2025)"): ("90,9%", "2024", "Đạt (tiến độ)"),
        ("QĐ 45", "≥ 40% (2025)"): ("–", "–", "Chưa có chỉ số đo lường"),
        ("QĐ 2238", "≥ 100% (2030)"): ("52,6%", "2024", "Chưa đạt (tiến độ)"),
    }
    assert [_targets(spec) for spec in _specs(at)] == [[95.0, 100.0], [90.0]]


def test_plans_scorecard_for_kon_tum_in_english(open_page) -> None:
    at = open_page("pages/7_ke_hoach.py", province=KON_TUM, lang="en")
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
        at = open_page("pages/2_mo_hinh.py", province=HOA_BINH, lang=lang)
        assert [i.value for i in at.info] == [message]
        assert not at.get("plotly_chart")


def test_switching_units_back_returns_to_the_province_chosen(open_page) -> None:
    at = open_page("pages/4_bao_luc.py", units="y2025")
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
    at.switch_page("pages/3_duong_day_nong.py").run()
    assert not at.exception
    assert at.slider(key="years").value == (2023, 2026)
    # 2025 was not reported: a gap, and no change shown against a year that is missing.
    assert chart_traces(at, 0)["Số đường dây nóng"] == {"x": [2023, 2024, 2025, 2026], "y": [35.0, 52.0, None, 4.0]}
    assert metric_cards(at)["Đường dây nóng"] == ("4", "")
    assert "2/148 xã đã báo cáo" in _captions(at)
    # The ranking compares communes, and a commune can be chosen in the sidebar.
    ranking = _specs(at)[-1]["data"][0]
    assert sorted(ranking["customdata"]) == sorted(c.unit_id for c in communes)
    assert at.selectbox(key="district").label == "Xã/phường"
    at.selectbox(key="district").select(communes[0].unit_id).run()
    assert metric_cards(at)["Đường dây nóng"] == ("3", "")


def test_a_province_figure_from_a_single_district_is_protected_like_one(open_page) -> None:
    # Phú Thọ (before the reform): 4 cases, all from Cẩm Khê, the only one of 13 districts to report.
    at = open_page("pages/4_bao_luc.py", province="pre2025:P:25")
    metrics = metric_cards(at)
    assert metrics["Vụ bạo lực gia đình"] == ("<5", "")
    assert metrics["Vụ trên 1.000 hộ"] == ("Ẩn", "")
    assert not [c for c in _captions(at) if "30.000 hộ" in c]
    # Summed with Vĩnh Phúc's 9 into the 2025 Phú Thọ, 13 would give the 4 away (13 - 9): the sum is hidden.
    at = open_page("pages/4_bao_luc.py", units="y2025")
    assert metric_cards(at)["Vụ bạo lực gia đình"] == ("Ẩn", "")
    assert "Ẩn để không tính ngược ra số nhỏ khác (bảo vệ nạn nhân)" in _captions(at)
    at = open_page("pages/4_bao_luc.py")
    assert metric_cards(at)["Vụ bạo lực gia đình"] == ("9", "-2 so với 2023")  # Vĩnh Phúc's own figure stays


def test_plans_charts_are_the_province_s_whatever_district_is_chosen(open_page) -> None:
    at = open_page("pages/7_ke_hoach.py", district=PHUC_YEN)
    assert "Tỉnh Vĩnh Phúc" in [
        s["layout"]["title"]["text"].split("<sup>")[1].removesuffix("</sup>") for s in _specs(at)
    ]
    assert any("cấp tỉnh" in c for c in _captions(at))


def test_sources_lists_published_figures_with_links(open_page) -> None:
    at = open_page("pages/10_nguon_so_lieu.py", lang="en")
    assert at.title[0].value == "Data sources"
    # The national series, certain yearly figures only: 2009–2012, 2015, 2020, 2021, 2023, 2024 with gaps.
    national = chart_traces(at, 0)["Domestic-violence cases"]
    assert national["x"] == list(range(2009, 2025))
    assert national["y"][:4] == [53152, 58863, 46449, 50766] and national["y"][4] is None
    table = at.dataframe[0].value
    assert len(table) == 99  # every row of published_figures.csv, matched or not
    row = table[(table["Year"] == 2019) & (table["Unit"] == "Tỉnh Vĩnh Phúc")].iloc[0]
    assert row["Source"].startswith("http") and row["Quote"]
    at.selectbox(key="src_unit").select("pre2025:P:37").run()  # Ninh Bình
    notes = set(at.dataframe[0].value["Note"])
    assert "year uncertain" in notes and any("not a full-year figure" in n for n in notes)


def test_published_figures_beside_the_series(sample_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(sample_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.selectbox(key="province").select(VP).run()
    at.switch_page("pages/4_bao_luc.py").run()
    assert not at.exception
    forms = _specs(at)[0]["data"]
    published = [t for t in forms if t["name"] == "Số liệu công bố (◇)"]
    # Vĩnh Phúc 2019 as published (seed 000): 73 psychological, 84 physical, 2 sexual, 16 economic.
    assert sorted(v for t in published for v in trace_array(t["y"])) == [2, 16, 73, 84]
    assert {x for t in published for x in trace_array(t["x"])} == {2019}
    assert sum(t["showlegend"] for t in published) == 1  # one legend entry for them all
    assert "Nguồn số liệu: minh họa, công bố" in _captions(at)
