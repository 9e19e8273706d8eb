"""Downloads are safe to open (text that starts like a formula stays text, numbers stay numbers) and read as
leaders read tables: a sheet by year, sheets named by what they hold, file names in words."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.access import Scope, local
from analytics.export import csv_bytes, file_name, sheet_name, tidy, wide, wide_text, xlsx_bytes

# What a report's file name, a quote or a note could carry in; the last two are ordinary.
HOSTILE = pd.DataFrame(
    {
        "Tệp": [
            '=HYPERLINK("http://x.example","Bấm")',
            "+84 912 000 111",
            "-1+2",
            "@SUM(A1:A9)",
            "\tbc",
            "\rbc",
            "Gia Bình",
            "–",
        ],
        "Giá trị": pd.Series([45, -3, 0.13, None, 0, 1234, 7, -0.5], dtype=object),
        "Số": [1, 2, 3, 4, 5, 6, 7, -8],
    }
)


def test_csv_cells_that_start_like_a_formula_are_text() -> None:
    lines = csv_bytes(HOSTILE.rename(columns={"Số": "=Số"})).decode("utf-8-sig").split("\r\n")
    assert lines[:9] == [
        "Tệp,Giá trị,'=Số",
        '"\'=HYPERLINK(""http://x.example"",""Bấm"")",45,1',
        "'+84 912 000 111,-3,2",
        "'-1+2,0.13,3",
        "'@SUM(A1:A9),,4",
        "'\tbc,0,5",
        '"\'\rbc",1234,6',
        "Gia Bình,7,7",
        "–,-0.5,-8",
    ]


def test_xlsx_writes_text_as_text_and_numbers_as_numbers() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(HOSTILE, [("=Bộ lọc", "@Hà Nội")], "vi")))
    sheet, about = book.worksheets
    cells = [cell for row in sheet.iter_rows() for cell in row] + [cell for row in about.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    assert not [c.coordinate for c in cells if c.hyperlink]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # The text exactly as it was, as text (a carriage return is stored the way Excel stores one).
    assert [r[0].replace("_x000D_", "\r") for r in rows] == list(HOSTILE["Tệp"])
    assert [r[1] for r in rows] == [45, -3, 0.13, None, 0, 1234, 7, -0.5]
    assert [r[2] for r in rows] == [1, 2, 3, 4, 5, 6, 7, -8]
    assert [c.value for c in about[1]] == ["=Bộ lọc", "@Hà Nội"]


# Issue 23 §5: tables as leaders read them. A year-by-column sheet next to the long one, sheets named by what they
# hold, file names in words; hidden cells say "Ẩn" and partial sums stay marked in every form.

ROOT = Path(__file__).resolve().parent.parent
VP, PHU_THO_2025, PHUC_YEN = "pre2025:P:26", "y2025:P:25", "pre2025:D:244"
PARTIAL = '#,##0 "(một phần)"'


@pytest.fixture
def warehouse(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    return fixture_warehouse


def _table(unit: str, lang: str = "vi") -> pd.DataFrame:
    from analytics import queries

    viewer = Scope("an@example.vn", "province", frozenset({VP}))
    frame = queries.unit_table(unit, 2023, 2024, viewer)
    return tidy(frame, queries.indicators(), queries.unit_name(unit), lang)


def _rows(sheet) -> dict[str, list]:
    """A wide sheet's rows by indicator: the unit, the unit of measure and the cells as written."""
    return {r[1].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[1].value}


def test_the_workbook_has_a_sheet_by_year_a_detailed_one_and_notes(warehouse: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(_table(VP), [("Bộ lọc", "Tỉnh Vĩnh Phúc; 2023–2024")], "vi")))
    assert book.sheetnames == ["Theo năm", "Dữ liệu chi tiết", "Ghi chú"]
    by_year, detail, notes = book.worksheets
    assert [c.value for c in by_year[1]] == ["Đơn vị", "Chỉ tiêu", "Đơn vị tính", "2023", "2024"]
    rows = _rows(by_year)
    # Vĩnh Phúc's figures are sums of the districts that reported: numbers that stay numbers, shown "(một phần)".
    assert rows["Số đường dây nóng"] == ["Tỉnh Vĩnh Phúc", "Số đường dây nóng", "đường dây", 30, 45]
    hotlines = next(r for r in by_year.iter_rows(min_row=2) if r[1].value == "Số đường dây nóng")
    assert [c.number_format for c in hotlines[3:]] == [PARTIAL, PARTIAL]
    # Only Vĩnh Yên gave cases by mental violence (4, then 3): hidden, the same word as everywhere.
    assert rows["Số vụ bạo lực về tinh thần"][3:] == ["Ẩn", "Ẩn"]
    assert rows["Tổng số hộ gia đình"][3:] == [None, 70000]  # not reported in 2023: an empty cell, not 0
    assert rows["Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình"][3:] == [55.56, 52.63]
    # The long sheet is the table as it was; the notes sheet holds the filters.
    assert [c.value for c in detail[1]] == [
        "Đơn vị", "Năm", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Loại số liệu", "Ghi chú",
    ]  # fmt: skip
    mental = [[c.value for c in r] for r in detail.iter_rows(min_row=2) if r[2].value == "Số vụ bạo lực về tinh thần"]
    assert [(r[1], r[3], r[6]) for r in mental] == [
        (2023, None, "Ẩn để bảo vệ nạn nhân: một số nhỏ, hoặc một số có thể dùng để tính ra số nhỏ"),
        (2024, None, "Ẩn để bảo vệ nạn nhân: một số nhỏ, hoặc một số có thể dùng để tính ra số nhỏ"),
    ]
    assert [c.value for c in notes[1]] == ["Bộ lọc", "Tỉnh Vĩnh Phúc; 2023–2024"]


def test_a_district_s_hidden_row_is_hidden_in_the_sheet_by_year_in_english(warehouse: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(_table(PHUC_YEN, "en"), [], "en")))
    assert book.sheetnames == ["By year", "Detailed data", "Notes"]
    rows = _rows(book.worksheets[0])
    assert rows["Domestic-violence cases"] == [
        "Thành phố Phúc Yên",
        "Domestic-violence cases",
        "cases",
        "Hidden",
        "Hidden",
    ]
    assert rows["Hotlines"] == ["Thành phố Phúc Yên", "Hotlines", "lines", 10, 12]
    hotlines = next(r for r in book.worksheets[0].iter_rows(min_row=2) if r[1].value == "Hotlines")
    assert [c.number_format for c in hotlines[3:]] == ["#,##0", "#,##0"]  # whole figures: no mark


def test_the_wide_view_on_screen_writes_numbers_the_vietnamese_way(warehouse: Path) -> None:
    shown = wide_text(wide(_table(VP), "vi"), "vi").set_index("Chỉ tiêu")
    assert list(shown.columns) == ["Đơn vị", "Đơn vị tính", "2023", "2024"]
    assert shown.loc["Tổng số hộ gia đình", ["2023", "2024"]].tolist() == ["–", "70.000 (một phần)"]
    assert shown.loc["Số vụ bạo lực về tinh thần", ["2023", "2024"]].tolist() == ["Ẩn", "Ẩn"]
    assert shown.loc["Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình", "2023"] == "55,6 (một phần)"
    assert shown.loc["Số vụ bạo lực gia đình trên 1.000 hộ", "2024"] == "0,13 (một phần)"


def test_published_figures_get_a_row_of_their_own_and_a_table_naming_a_figure_twice_no_wide_sheet() -> None:
    cols = ["Đơn vị", "Năm", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Loại số liệu", "Ghi chú"]
    table = pd.DataFrame(
        [
            ["Tỉnh Vĩnh Phúc", 2019, "Tổng số vụ bạo lực gia đình", 175, "vụ", "Báo cáo", ""],
            ["Tỉnh Vĩnh Phúc", 2019, "Tổng số vụ bạo lực gia đình", 170, "vụ", "Công bố", "https://x.example"],
        ],
        columns=cols,
    )
    made = wide(table, "vi")
    assert made.cells.values.tolist() == [
        ["Tỉnh Vĩnh Phúc", "Tổng số vụ bạo lực gia đình", "vụ", 175],
        ["Tỉnh Vĩnh Phúc", "Tổng số vụ bạo lực gia đình (công bố)", "vụ", 170],
    ]
    twice = pd.concat([table.head(1), table.head(1)])
    assert wide(twice, "vi") is None
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(twice, [], "vi")))
    assert book.sheetnames == ["Dữ liệu chi tiết", "Ghi chú"]


def test_a_table_without_years_is_one_sheet_named_after_what_it_holds() -> None:
    card = pd.DataFrame({"Kế hoạch": ["KH 925"], "Đánh giá": ["Đạt"]})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(card, [], "vi", "Kế hoạch chỉ tiêu")))
    assert book.sheetnames == ["Kế hoạch chỉ tiêu", "Ghi chú"]


def test_sheet_names_excel_accepts() -> None:
    assert sheet_name("Dữ liệu & tải về") == "Dữ liệu & tải về"
    assert sheet_name("Số vụ [2024]: a/b\\c*?") == "Số vụ 2024 a b c"
    assert sheet_name("'Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình'") == "Tỷ lệ xã có mô hình phòng"
    assert sheet_name(":*?") == "Sheet"
    assert len(sheet_name("x" * 40)) == 31


def test_file_names_are_words_without_codes(warehouse: Path) -> None:
    from analytics.downloads import download_name
    from analytics.frame import Filters

    def name(stem: str, unit: str, lang: str = "vi", district: str | None = None, first: int = 2019) -> str:
        return download_name(stem, Filters(lang, unit, district, first, 2024, local(4)))

    assert name("duong-day-nong", PHU_THO_2025) == "duong-day-nong_phu-tho_2019-2024"
    assert name("duong-day-nong", PHU_THO_2025, "en") == "hotlines_phu-tho_2019-2024"
    # Before the reform a province says so: the 2025 Phú Thọ and the former one hold different figures.
    assert name("du-lieu", VP, first=2023) == "du-lieu_vinh-phuc-truoc-7-2025_2023-2024"
    assert name("du-lieu", VP, district=PHUC_YEN) == "du-lieu_phuc-yen-vinh-phuc-truoc-7-2025_2019-2024"
    assert name("du-lieu", VP, "en", PHUC_YEN) == "data_phuc-yen-vinh-phuc-before-7-2025_2019-2024"
    # A chart's own download is named after the chart, a ranking and a map after what they are.
    assert name("chart_hotlines", VP, first=2024) == "duong-day-nong-va-dia-chi-tin-cay_vinh-phuc-truoc-7-2025_2024"
    assert name("rank_models", PHU_THO_2025) == "so-sanh-cac-don-vi_phu-tho_2019-2024"
    assert name(f"map_page_{VP}_hotlines_2024", VP) == "ban-do_vinh-phuc-truoc-7-2025_2019-2024"
    assert name("map_units_y2025:P:51_dv_cases_2024", "y2025:P:51") == "ban-do-huyen-xa_quang-ngai_2019-2024"
    # The provinces ranking names what it compares (the whole country, or the former provinces of one).
    single = Filters("vi", PHU_THO_2025, None, 2024, 2024, local(4))
    assert download_name("so-sanh-tinh", single, "Cả nước") == "so-sanh-tinh_ca-nuoc_2024"
    assert download_name("so-sanh-tinh-cu", single, "Phú Thọ") == "so-sanh-tinh-cu_phu-tho_2024"
    assert download_name("so-sanh-tinh", replace(single, lang="en"), "Viet Nam") == "provinces-compared_viet-nam_2024"
    assert file_name("Đắk Lắk", "Bà Rịa – Vũng Tàu", 2024, 2024) == "dak-lak_ba-ria-vung-tau_2024"


def test_the_data_page_switches_to_one_column_per_year(warehouse: Path) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.radio(key="units").set_value("pre2025").run()
    at.selectbox(key="province").select(VP).run()
    at.switch_page("pages/9_du_lieu.py").run()
    assert list(at.dataframe[0].value.columns)[:3] == ["Năm", "Chỉ tiêu", "Giá trị"]  # the long view first
    at.button_group(key="data_view").set_value("wide").run()
    assert not at.exception
    shown = at.dataframe[0].value.set_index("Chỉ tiêu")
    assert list(shown.columns) == ["Đơn vị tính", "2023", "2024"]
    assert "Tỉnh Vĩnh Phúc, 2023–2024. Mỗi dòng là một chỉ tiêu, mỗi cột một năm." in [c.value for c in at.caption]
    assert shown.loc["Số đường dây nóng"].tolist() == ["đường dây", "30 (một phần)", "45 (một phần)"]
    assert shown.loc["Số vụ bạo lực về tinh thần"].tolist() == ["vụ", "Ẩn", "Ẩn"]
    # The choice is carried into English, relabelled.
    at.radio(key="lang").set_value("en").run()
    shown = at.dataframe[0].value.set_index("Indicator")
    assert shown.loc["Hotlines"].tolist() == ["lines", "30 (partial)", "45 (partial)"]
    assert shown.loc["Cases of psychological violence"].tolist() == ["cases", "Hidden", "Hidden"]
