"""The Chất lượng dữ liệu page and the one-line quality note on topic pages (AppTest), on real warehouses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from etl.template import write_workbook
from tests.helpers import VP, metric_cards

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/10_chat_luong_du_lieu.py"


def _open(warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str, province: str = VP, lang: str = "vi"):
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    if not province.startswith("y2025"):
        at.radio(key="units").set_value("pre2025").run()  # a first visit opens on today's units
    at.selectbox(key="province").select(province).run()
    if lang != "vi":
        at.radio(key="lang").set_value(lang).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _findings(at: AppTest) -> list[dict]:
    return [row for frame in at.dataframe for row in frame.value.to_dict("records") if "Nội dung" in row]


def _note(at: AppTest) -> list[str]:
    """Labels of the page links in the main area that lead to the quality page."""
    return [link.proto.label for link in at.main.get("page_link") if "chat_luong_du_lieu" in link.proto.page]


def test_page_on_the_fixture_warehouse(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(fixture_warehouse, monkeypatch, PAGE)
    assert at.title[0].value == "Chất lượng dữ liệu"
    metrics = metric_cards(at)
    # 2024: Vĩnh Yên gave every indicator any district gave; Phúc Yên and Yên Lạc some; six districts nothing.
    assert metrics["Báo cáo đủ năm 2024 (huyện)"][0] == "1/9"
    assert [metrics[k][0] for k in ("Lỗi", "Cảnh báo", "Lưu ý")] == ["0", "1", "0"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Tỉnh Vĩnh Phúc · 2023–2024" in spec["layout"]["title"]["text"]
    heat = spec["data"][0]
    assert len(heat["y"]) == 9 and heat["x"] == ["2023", "2024"]
    row = heat["y"].index("Yên Lạc")
    assert [r[row] for r in zip(*heat["text"], strict=True)] == [
        "0/9",
        "3/17",
    ]  # of the 9 and 17 indicators any district gave
    gaps = at.dataframe[0].value
    assert len(gaps) == 16  # 2023: Phúc Yên short, seven districts nothing; 2024: two short, six nothing
    assert gaps.iloc[0].to_dict() == {"Năm": 2023, "Đơn vị": "Bình Xuyên", "Còn thiếu": "không báo cáo gì"}
    phuc_yen = gaps[(gaps["Năm"] == 2024) & (gaps["Đơn vị"] == "Phúc Yên")]["Còn thiếu"].iloc[0]
    assert phuc_yen == "Bạo lực gia đình (2/3); Trẻ em (0/4)"
    [finding] = _findings(at)
    assert finding["Mức độ"] == "Cảnh báo" and finding["Quy tắc"] == "Số hiện có thay đổi đột ngột"
    assert (finding["Năm"], finding["Đơn vị"], finding["Chỉ tiêu"]) == (
        2024,
        "Phúc Yên",
        "Số địa chỉ tin cậy ở cộng đồng",
    )
    assert finding["Nội dung"] == "30 năm 2023 thành 0 năm 2024: thay đổi hơn 3 lần trong một năm"
    assert finding["Nơi cần xem"].startswith("vinh-phuc.xlsx · Năm 2024!")

    at.pills(key="dq_severity").set_value(["error", "info"]).run()  # warnings filtered out
    assert _findings(at) == [] and "Không có giá trị nào cần xem lại" in at.info[0].value


def test_page_in_english_filters_by_group(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(fixture_warehouse, monkeypatch, PAGE, lang="en")
    assert at.title[0].value == "Data quality"
    assert metric_cards(at)["Complete returns in 2024 (districts)"][0] == "1/9"
    at.segmented_control(key="dq_group").set_value("violence").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "domestic violence" in spec["layout"]["title"]["text"]
    row = spec["data"][0]["y"].index("Phúc Yên")
    assert [r[row] for r in zip(*spec["data"][0]["text"], strict=True)] == [
        "2/3",
        "2/3",
    ]  # cases and physical violence, not mental
    rows = [r for frame in at.dataframe for r in frame.value.to_dict("records") if "Finding" in r]
    assert rows[0]["Finding"] == "30 in 2023 to 0 in 2024: more than 3 times in one year"


def test_findings_on_small_violence_counts_are_hidden(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    values = {(2024, "pre2025:D:243"): {"dv_cases": 3, "dv_cases_mental": 2, "dv_cases_physical": 2}}
    write_workbook(data_dir / "reports" / "vp.xlsx", "Vĩnh Phúc", [2024], values)
    warehouse = build(data_dir, data_dir / "warehouse.duckdb").warehouse
    at = _open(warehouse, monkeypatch, PAGE)
    [finding] = _findings(at)
    assert finding["Nội dung"] == "Tổng là Ẩn, nhưng cộng các phần chia ra là Ẩn"
    assert any("được ẩn để bảo vệ nạn nhân" in c.value for c in at.caption)


def test_topic_pages_say_how_far_their_figures_can_be_trusted(
    fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(fixture_warehouse, monkeypatch, "pages/4_duong_day_nong.py")
    assert _note(at) == [
        # 2024: Yên Lạc gave no trusted addresses, six districts nothing; 2023: Phúc Yên no communes with a model.
        "Chất lượng dữ liệu: 7 huyện chưa báo cáo đủ năm 2024 · 8 huyện chưa báo cáo đủ năm 2023 "
        "· 1 giá trị cần xem lại"
    ]
    at = _open(fixture_warehouse, monkeypatch, "pages/7_tre_em.py", lang="en")
    assert _note(at) == ["Data quality: 8 districts short of a full return in 2024"]


def test_the_note_for_one_district_speaks_of_it_alone(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(fixture_warehouse, monkeypatch, "pages/5_bao_luc.py", lang="en")
    at.selectbox(key="district").select("pre2025:D:244").run()  # Phúc Yên: cases by form, never mental violence
    assert _note(at) == [
        "Data quality: 1 district short of a full return in 2024 · 1 district short of a full return in 2023"
    ]
