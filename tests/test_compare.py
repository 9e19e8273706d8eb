"""Provinces compared (issue 23 §4): the ranking page on a warehouse where some provinces reported whole, one in
part and one a figure only one district gave; expected order, values and median worked out by hand below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.units import UnitIndex
from etl.build import build
from etl.template import write_workbook

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/2_so_sanh_tinh.py"
PHU_THO_2025, VP = "y2025:P:25", "pre2025:P:26"

# 2024, every district of a province alike (hotlines, DV cases), or only some:
#   Cao Bằng  10 districts × 2 = 20 hotlines, × 5 = 50 cases          whole
#   Bắc Kạn    8 × 3 = 24 hotlines, × 10 = 80 cases                   whole (into Thái Nguyên, which sent nothing)
#   Lai Châu   8 × 4 = 32 hotlines; 2 cases, one district only         whole; the cases hidden (one district's 2)
#   Vĩnh Phúc  9 × 2 = 18 hotlines, × 6 = 54 cases                    whole
#   Hòa Bình  10 × 1 = 10 hotlines                                     whole
#   Phú Thọ    2 of 13 districts × 7 = 14 hotlines, 14 cases           partial
# Under the 2025 units: Lai Châu 32 and Cao Bằng 20 (whole: unchanged provinces), Phú Thọ 18 + 14 + 10 = 42 and
# Thái Nguyên 24 (partial). Median of the whole ones: (32 + 20) / 2 = 26. Before 7/2025 the whole hotlines are
# 32, 24, 20, 18, 10: median 20.
EVERY = {"pre2025:P:04": (2, 5), "pre2025:P:06": (3, 10), "pre2025:P:12": (4, None), "pre2025:P:26": (2, 6)}
EVERY_HOTLINES_ONLY = {"pre2025:P:17": 1}


@pytest.fixture(scope="module")
def compare_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = UnitIndex.load()
    data = tmp_path_factory.mktemp("compare") / "data"
    reports = data / "reports"
    reports.mkdir(parents=True)
    for province, (hotlines, cases) in EVERY.items():
        values = {}
        for d in index.children(province, "D"):
            values[(2024, d.unit_id)] = {"hotlines": hotlines} | ({"dv_cases": cases} if cases else {})
        if cases is None:
            first = index.children(province, "D")[0].unit_id
            values[(2024, first)]["dv_cases"] = 2
        write_workbook(reports / f"{province[-2:]}.xlsx", index.get(province).name, [2024], values)
    for province, hotlines in EVERY_HOTLINES_ONLY.items():
        values = {(2024, d.unit_id): {"hotlines": hotlines} for d in index.children(province, "D")}
        write_workbook(reports / f"{province[-2:]}.xlsx", index.get(province).name, [2024], values)
    two = index.children("pre2025:P:25", "D")[:2]
    values = {(2024, d.unit_id): {"hotlines": 7, "dv_cases": 7} for d in two}
    write_workbook(reports / "25.xlsx", "Phú Thọ", [2024], values)
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture
def open_compare(compare_warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(compare_warehouse))

    def go(units: str = "y2025", province: str = PHU_THO_2025, lang: str = "vi") -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
        at.radio(key="units").set_value(units).run()
        at.selectbox(key="province").select(province).run()
        if lang != "vi":
            at.radio(key="lang").set_value(lang).run()
        at.switch_page(PAGE).run()
        assert not at.exception, at.exception
        return at

    return go


def _bars(spec: dict) -> list[tuple[str, str, str]]:
    """Each province as drawn, top to bottom: (name, trace, label)."""
    drawn = {
        y: (trace["name"], text) for trace in spec["data"] for y, text in zip(trace["y"], trace["text"], strict=True)
    }
    return [(name, *drawn[name]) for name in spec["layout"]["yaxis"]["categoryarray"]]


def _median(spec: dict) -> tuple[float, str]:
    return spec["layout"]["shapes"][0]["x0"], spec["layout"]["annotations"][0]["text"]


def test_provinces_ranked_with_labels_and_the_national_median(open_compare) -> None:
    at = open_compare()
    assert at.title[0].value == "So sánh tỉnh"
    at.selectbox(key="cmp_indicator").select("hotlines").run()
    assert at.selectbox(key="cmp_year").value == 2024
    national, former = (json.loads(chart.proto.spec) for chart in at.get("plotly_chart"))
    assert national["layout"]["title"]["text"] == (
        "Số đường dây nóng, 2024<br><sup>Các tỉnh có số liệu, đơn vị từ 7/2025 · Tỉnh Phú Thọ màu đỏ</sup>"
    )
    # Whole figures ranked, largest first; partial sums after them, marked and hatched, not ranked.
    assert _bars(national) == [
        ("Lai Châu", "Đủ số liệu, được xếp hạng", "32"),
        ("Cao Bằng", "Đủ số liệu, được xếp hạng", "20"),
        ("Phú Thọ", "Một phần (chưa đủ đơn vị báo cáo)", "42 (một phần)"),
        ("Thái Nguyên", "Một phần (chưa đủ đơn vị báo cáo)", "24 (một phần)"),
    ]
    assert _median(national) == (26.0, "Trung vị cả nước: 26")
    # The chosen province stands out.
    partial = next(trace for trace in national["data"] if trace["name"].startswith("Một phần"))
    assert partial["marker"]["color"] == ["#B5121B", "#1F5F8B"] and partial["marker"]["pattern"]["shape"] == "/"
    table = at.dataframe[0].value
    assert table.values.tolist() == [
        ["1", "Lai Châu", "32", "đường dây", ""],
        ["2", "Cao Bằng", "20", "đường dây", ""],
        [
            "–",
            "Phú Thọ",
            "42 (một phần)",
            "đường dây",
            "Một phần: Hòa Bình, Phú Thọ, Vĩnh Phúc (3/3 tỉnh cũ), chưa đủ huyện báo cáo",
        ],
        ["–", "Thái Nguyên", "24 (một phần)", "đường dây", "Một phần: chỉ có Bắc Kạn (1/2 tỉnh cũ)"],
    ]
    captions = [c.value for c in at.caption]
    assert "Trung vị của 2 tỉnh có số liệu đầy đủ năm 2024." in " ".join(captions)
    assert "30 tỉnh chưa có số liệu năm 2024." in captions
    assert "Nguồn số liệu: báo cáo" in captions
    assert any(c.startswith("Trước 7/2025, số của mỗi tỉnh được cộng từ các tỉnh cũ") for c in captions)
    # The former provinces of Phú Thọ, on the same indicator, against the median of the 63 before the reform.
    assert [s.value for s in at.subheader] == ["Các tỉnh cũ hợp thành Tỉnh Phú Thọ"]
    assert _bars(former) == [
        ("Vĩnh Phúc", "Đủ số liệu, được xếp hạng", "18"),
        ("Hòa Bình", "Đủ số liệu, được xếp hạng", "10"),
        ("Phú Thọ", "Một phần (chưa đủ đơn vị báo cáo)", "14 (một phần)"),
    ]
    assert _median(former) == (20.0, "Trung vị cả nước: 20")
    assert at.dataframe[1].value["Hạng"].tolist() == ["1", "2", "–"]
    assert [b.label for b in at.main.download_button] == ["Tải CSV", "Tải Excel"] * 3


def test_a_hidden_province_says_ẩn_and_draws_no_bar(open_compare) -> None:
    at = open_compare(units="pre2025", province=VP, lang="en")
    at.selectbox(key="cmp_indicator_en").select("dv_cases").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert _bars(spec) == [
        ("Bắc Kạn", "Whole figure, ranked", "80"),
        ("Vĩnh Phúc", "Whole figure, ranked", "54"),
        ("Cao Bằng", "Whole figure, ranked", "50"),
        ("Phú Thọ", "Partial (not every unit reported)", "14 (partial)"),
        ("Lai Châu", "Hidden to protect victims", "Hidden"),
    ]
    hidden = next(trace for trace in spec["data"] if trace["name"] == "Hidden to protect victims")
    assert hidden["type"] == "scatter" and hidden["mode"] == "text"  # a word, not a bar
    assert _median(spec) == (54.0, "National median: 54")
    ranked = next(trace for trace in spec["data"] if trace["name"] == "Whole figure, ranked")
    assert ranked["marker"]["color"] == ["#1F5F8B", "#B5121B", "#1F5F8B"]  # Vĩnh Phúc, the chosen one
    table = at.dataframe[0].value
    assert table["Rank"].tolist() == ["1", "2", "3", "–", "–"]
    assert table["Value"].tolist() == ["80", "54", "50", "14 (partial)", "Hidden"]
    assert table["Note"].iloc[-1] == "Hidden to protect victims: a small count, or a figure that could give one away"
    # Before the reform there are no former provinces to show.
    assert not at.subheader


def test_ties_share_a_rank_and_the_median_leaves_parts_and_hidden_cells_out() -> None:
    import pandas as pd

    from analytics.compare import _ranked, median

    rows = pd.DataFrame(
        {
            "unit_id": list("abcdef"),
            "unit_name": ["Bình Định", "An Giang", "Đà Nẵng", "Cà Mau", "Bạc Liêu", "Huế"],
            "value": [5.0, 5.0, 9.0, 100.0, None, None],
            "whole": [True, True, True, False, True, None],
            "suppressed": [False, False, False, False, True, False],
        }
    )
    ranked = _ranked(rows, "hotlines", 2024)
    assert ranked[["unit_name", "status", "rank"]].astype(object).values.tolist() == [
        ["Đà Nẵng", "ranked", 1],
        ["An Giang", "ranked", 2],
        ["Bình Định", "ranked", 2],
        ["Cà Mau", "partial", pd.NA],
        ["Bạc Liêu", "hidden", pd.NA],
    ]
    assert median(ranked) == (5.0, 3)


def test_a_link_opens_the_ranking_on_its_indicator_and_year(compare_warehouse: Path, monkeypatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(compare_warehouse))

    def opened(indicator: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params.update({"map_indicator": indicator, "map_year": "2024"})
        at.run().switch_page(PAGE).run()
        assert not at.exception
        return at

    at = opened("tong-so-vu-bao-luc-gia-dinh")  # its name without diacritics, as the map reads it
    assert at.selectbox(key="cmp_indicator").value == "dv_cases"
    assert at.query_params["map_indicator"] == "dv_cases"  # written back as the code
    # A name that is no indicator: said, and the first indicator with figures shown (no households here, so no
    # rate per 1,000 households, the usual first choice).
    at = opened("khong-co")
    assert at.selectbox(key="cmp_indicator").value == "hotlines"
    assert (
        at.warning[0].value
        == "Liên kết ghi chỉ tiêu so sánh «khong\\-co»: không tìm thấy. Đang hiện Số đường dây nóng."
    )


@pytest.mark.parametrize(("page", "box"), [("pages/1_ban_do.py", "map_indicator"), (PAGE, "cmp_indicator")])
def test_a_link_wins_over_a_choice_already_made(compare_warehouse: Path, monkeypatch, page: str, box: str) -> None:
    # The map and the ranking share their boxes' code: a link followed after a choice shows what the link names.
    monkeypatch.setenv("WAREHOUSE_PATH", str(compare_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run().switch_page(page).run()
    at.selectbox(key=box).select("hotlines").run()
    assert at.query_params["map_indicator"] == "hotlines"
    at.query_params["map_indicator"] = "dv_cases"
    at.run()
    assert not at.exception
    assert at.selectbox(key=box).value == "dv_cases"
