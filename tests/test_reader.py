"""Report workbooks: the template reads back exactly, and damaged files give located errors."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from etl.claims import partial_period
from etl.readers import read_report
from etl.rows import classify
from etl.table import Sink, find_table, header_level, is_column_numbering, is_unit_header, map_columns
from etl.template import HEADER_ROW
from tests.helpers import FIRST, template_column

YEN_LAC, VINH_YEN = "pre2025:D:251", "pre2025:D:243"


def _row(sheet, name: str) -> int:
    for row in range(FIRST, sheet.max_row + 1):
        if sheet.cell(row, 3).value == name:
            return row
    raise AssertionError(name)


def _edit(path: Path, change: Callable) -> Path:
    book = openpyxl.load_workbook(path)
    change(book.worksheets[0])
    book.save(path)
    return path


def _values(path: Path) -> dict[tuple[str, str, int], float]:
    report, problems = read_report(path)
    assert problems == []
    return {(v.indicator, v.unit_id, v.year): v.value for s in report.sheets for v in s.values}


def test_template_round_trip(workbook: Callable[..., Path]) -> None:
    values = {
        (2023, YEN_LAC): {"hotlines": 14, "dv_cases": 0, "dv_cases_physical": 0},
        (2024, YEN_LAC): {"hotlines": 15, "trusted_addresses": 1349},
        (2024, VINH_YEN): {"households_total": 306822, "households_informed": 290000},
    }
    path = workbook(years=[2023, 2024], values=values)
    report, problems = read_report(path)
    assert problems == []
    assert [(s.sheet, s.province.name, s.year, len(s.units_listed)) for s in report.sheets] == [
        ("Năm 2023", "Tỉnh Vĩnh Phúc", 2023, 9),
        ("Năm 2024", "Tỉnh Vĩnh Phúc", 2024, 9),
    ]
    assert _values(path) == {
        ("hotlines", YEN_LAC, 2023): 14,
        ("dv_cases", YEN_LAC, 2023): 0,
        ("dv_cases_physical", YEN_LAC, 2023): 0,
        ("hotlines", YEN_LAC, 2024): 15,
        ("trusted_addresses", YEN_LAC, 2024): 1349,
        ("households_total", VINH_YEN, 2024): 306822,
        ("households_informed", VINH_YEN, 2024): 290000,
    }
    assert not report.is_sample
    assert {v.row_ref for s in report.sheets for v in s.values if v.unit_id == YEN_LAC and v.year == 2024} == {
        f"Năm 2024!{FIRST + 6}"
    }


def test_commune_template_after_reform(workbook: Callable[..., Path], index) -> None:
    commune = index.children("y2025:P:25", "C")[0].unit_id
    report, problems = read_report(workbook("Phú Thọ", [2026], {(2026, commune): {"hotlines": 1}}))
    assert problems == []
    assert report.sheets[0].province.unit_id == "y2025:P:25"
    assert len(report.sheets[0].units_listed) == 148  # communes of the new Phú Thọ


def test_a_blank_sheet_is_skipped_and_a_blank_file_refused(workbook: Callable[..., Path]) -> None:
    report, problems = read_report(workbook(years=[2023, 2024], values={(2024, YEN_LAC): {"hotlines": 15}}))
    assert [s.year for s in report.sheets] == [2024]  # 2023 left blank: not loaded, so it replaces nothing
    assert [str(p) for p in problems] == [
        "CẢNH BÁO report.xlsx › sheet 'Năm 2023' › dòng 10: sheet trống: không nạp; có: 'Tỉnh Vĩnh Phúc 2023'"
    ]
    _, problems = read_report(workbook(name="blank.xlsx"))
    assert [str(p) for p in problems if p.severity == "error"] == ["LỖI blank.xlsx: tệp không có số liệu nào"]


def test_messy_cells_and_names_are_read(workbook: Callable[..., Path]) -> None:
    def damage(ws) -> None:
        yen_lac, phuc_yen = _row(ws, "Huyện Yên Lạc"), _row(ws, "Thành phố Phúc Yên")
        ws.cell(yen_lac, 3).value = unicodedata.normalize("NFD", "yen lac")
        ws.cell(phuc_yen, 3).value = "TX Phúc Yên"
        ws.cell(phuc_yen, 2).value = None
        ws.cell(yen_lac, template_column(ws, "trusted_addresses")).value = "1.349"
        ws.cell(yen_lac, template_column(ws, "hotlines")).value = "08"
        ws.cell(phuc_yen, template_column(ws, "hotlines")).value = "-"
        ws.insert_rows(FIRST + 2)  # a blank row inside the table
        last = ws.max_row + 1
        ws.cell(last, 3).value = "Tổng cộng"
        ws.cell(last, template_column(ws, "hotlines")).value = 8
        ws.cell(last + 2, 1).value = "Ghi chú: số liệu tổng hợp đến 31/12"

    path = _edit(workbook(), damage)
    assert _values(path) == {("trusted_addresses", YEN_LAC, 2024): 1349, ("hotlines", YEN_LAC, 2024): 8}


def _problems(path: Path) -> list[str]:
    report, problems = read_report(path)
    return [str(p) for p in problems]


def test_text_in_a_number_cell(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(), lambda ws: setattr(ws.cell(FIRST + 6, template_column(ws, "hotlines")), "value", "mười"))
    col = openpyxl.utils.get_column_letter(template_column(openpyxl.load_workbook(path).worksheets[0], "hotlines"))
    assert _problems(path) == [
        f"LỖI report.xlsx › sheet 'Năm 2024' › dòng {FIRST + 6} › cột {col} (Số đường dây nóng): 'mười' không "
        "phải là số — cần: số nguyên không âm hoặc ô trống; có: 'mười'"
    ]


def test_negative_count(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(), lambda ws: setattr(ws.cell(FIRST, template_column(ws, "dv_cases")), "value", -3))
    [problem] = _problems(path)
    assert f"dòng {FIRST}" in problem and "Tổng số vụ bạo lực gia đình" in problem and "số âm" in problem


def test_fraction_in_a_count(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(), lambda ws: setattr(ws.cell(FIRST, template_column(ws, "hotlines")), "value", "2,5"))
    [problem] = _problems(path)
    assert "số đếm phải là số nguyên" in problem


def test_unknown_district(workbook: Callable[..., Path]) -> None:
    def damage(ws) -> None:
        ws.cell(FIRST + 6, 3).value = "Huyện Yen Lax"
        ws.cell(FIRST + 6, 2).value = None
        ws.cell(FIRST + 6, template_column(ws, "hotlines")).value = 3

    [problem] = _problems(_edit(workbook(), damage))
    assert f"dòng {FIRST + 6} › cột C (Tên đơn vị)" in problem
    assert "không tìm thấy huyện 'Huyện Yen Lax' thuộc Tỉnh Vĩnh Phúc; có phải: Huyện Yên Lạc?" in problem


def test_district_in_a_report_after_the_reform(workbook: Callable[..., Path]) -> None:
    def damage(ws) -> None:
        ws.cell(FIRST, 3).value = "Huyện Yên Lạc"
        ws.cell(FIRST, 2).value = None
        ws.cell(FIRST, template_column(ws, "hotlines")).value = 3

    [problem] = _problems(_edit(workbook("Phú Thọ", [2026]), damage))
    assert "'Huyện Yên Lạc' là đơn vị cấp huyện, không còn từ 01/7/2025" in problem


def test_unknown_province(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(), lambda ws: setattr(ws.cell(2, 3), "value", "Tỉnh Atlantis"))
    [problem] = _problems(path)
    assert "dòng 2 › cột C" in problem and "Tỉnh Atlantis" in problem


def test_merged_province_in_a_2026_report(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook("Phú Thọ", [2026]), lambda ws: setattr(ws.cell(2, 3), "value", "Vĩnh Phúc"))
    [problem] = _problems(path)
    assert "đã hợp nhất vào Tỉnh Phú Thọ" in problem


def test_a_column_left_out_is_not_reported(workbook: Callable[..., Path]) -> None:
    path = workbook(values={(2024, YEN_LAC): {"hotlines": 15, "dv_cases": 2}})
    path = _edit(path, lambda ws: ws.delete_cols(template_column(ws, "hotlines")))
    assert _values(path) == {("dv_cases", YEN_LAC, 2024): 2}


def test_unknown_column_suggests(workbook: Callable[..., Path]) -> None:
    path = _edit(
        workbook(),
        lambda ws: setattr(
            ws.cell(HEADER_ROW + 1, template_column(ws, "hotlines")), "value", "Số đường dây nong PCBLGĐ xã"
        ),
    )
    problems = _problems(path)
    assert any("cột chỉ tiêu không có trong danh mục" in p and "Số đường dây nóng (đường dây)" in p for p in problems)


def test_breakdown_above_total(workbook: Callable[..., Path]) -> None:
    path = workbook(values={(2024, YEN_LAC): {"dv_cases": 2, "dv_cases_physical": 5}})
    [problem] = _problems(path)
    assert "'Số vụ bạo lực về thân thể' lớn hơn 'Tổng số vụ bạo lực gia đình'" in problem


def test_total_row_mismatch(workbook: Callable[..., Path]) -> None:
    def damage(ws) -> None:
        last = ws.max_row + 1
        ws.cell(last, 3).value = "Cộng"
        ws.cell(last, template_column(ws, "hotlines")).value = 99

    path = _edit(workbook(values={(2024, YEN_LAC): {"hotlines": 15}}), damage)
    [problem] = _problems(path)
    assert "dòng tổng cộng khác tổng các dòng" in problem and "cần: 15; có: '99'" in problem


def test_duplicate_unit_row(workbook: Callable[..., Path]) -> None:
    def damage(ws) -> None:
        ws.cell(FIRST + 1, 2).value = None
        ws.cell(FIRST + 1, 3).value = "Yên Lạc"

    problems = _problems(_edit(workbook(), damage))
    # Both names as the officer wrote them, and where the first one is.
    assert any(f"'Huyện Yên Lạc' trùng với 'Yên Lạc' ở dòng {FIRST + 1}" in p for p in problems)


def test_every_problem_is_reported_at_once(workbook: Callable[..., Path]) -> None:
    def damage(ws) -> None:
        ws.cell(FIRST, template_column(ws, "hotlines")).value = "abc"
        ws.cell(FIRST + 1, template_column(ws, "dv_cases")).value = -1

    assert len(_problems(_edit(workbook(), damage))) == 2


def test_bad_year(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(), lambda ws: setattr(ws.cell(4, 3), "value", "20x4"))
    [problem] = _problems(path)
    assert "dòng 4 › cột C: năm báo cáo không hợp lệ" in problem


def test_a_year_the_sheet_name_contradicts(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(), lambda ws: setattr(ws.cell(4, 3), "value", 2023))  # the sheet is "Năm 2024"
    [problem] = _problems(path)
    assert "dòng 4 › cột C: tên sheet ghi năm 2024, khác năm báo cáo 2023" in problem


def test_without_the_year_label_the_sheet_name_gives_it(workbook: Callable[..., Path]) -> None:
    path = _edit(workbook(values={(2024, YEN_LAC): {"hotlines": 15}}), lambda ws: setattr(ws.cell(4, 3), "value", None))
    assert _values(path) == {("hotlines", YEN_LAC, 2024): 15}


# The reader's steps, each alone: find the table, read the header rows, map the columns, sort the rows, claims.
def test_header_rows_and_paths_of_a_three_row_header() -> None:
    rows = [
        ["BÁO CÁO NĂM 2024"],
        ["STT", "Đơn vị", "Bạo lực gia đình", None, None, "Ghi chú"],
        [None, None, "Tổng số vụ", "Chia theo hình thức", None, None],
        [None, None, None, "Tinh thần", "Thân thể", None],
        ["A", "B", "1", "2", "3", "4"],
        [1, "Huyện Yên Lạc", 3, 1, 2, None],
    ]
    table = find_table(rows)
    assert (table.row, table.depth, table.unit_col, table.number_col, table.first_data_row) == (1, 3, 1, 0, 4)
    assert [table.header(c) for c in range(6)] == [
        "STT",
        "Đơn vị",
        "Bạo lực gia đình / Tổng số vụ",
        "Bạo lực gia đình / Chia theo hình thức / Tinh thần",
        "Bạo lực gia đình / Chia theo hình thức / Thân thể",
        "Ghi chú",
    ]
    sink = Sink("r.xlsx", "S")
    columns = map_columns(rows, table, frozenset(), sink)
    assert {c: i.code for c, i in columns.indicators.items()} == {
        2: "dv_cases",
        3: "dv_cases_mental",
        4: "dv_cases_physical",
    }
    assert [str(p) for p in sink.problems] == [
        "CẢNH BÁO r.xlsx › sheet 'S' › dòng 2 › cột F: bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu; "
        "có: 'Ghi chú'"
    ]


@pytest.mark.parametrize(
    ("row", "numbering"),
    [
        (["A", "B", "1", "2", "3"], True),
        (["(1)", "(2)", "(3)", "(4)=(5)+(6)"], True),
        ([1, 2, 3, 4], True),
        ([1, "Huyện Yên Lạc", 3, 4], False),
        ([1, 243, 9, 5], False),  # a unit by its code: not increasing
        (["Nam", "Nữ"], False),
    ],
)
def test_the_row_that_numbers_the_columns(row: list, numbering: bool) -> None:
    assert is_column_numbering(row) is numbering


def test_rows_that_are_not_units(index) -> None:
    rows = [
        ["STT", "Đơn vị", "Số ĐDN"],
        [None, "Toàn tỉnh", 9],
        ["I", "Các huyện", 9],
        [1, "Huyện Yên Lạc", 5],
        [2, "Huyện Sông Lô", "Chưa gửi báo cáo"],
        [3, "Huyện Tam Đảo", 4],
        [None, "Trong đó:", None],
        [None, "- Xã miền núi", 2],
        [None, "Tỉnh Vĩnh Phúc", 9],
    ]
    table = find_table(rows)
    columns = map_columns(rows, table, frozenset(), Sink("r", ""))
    lines = classify(rows, table, columns, index.province("Vĩnh Phúc", 2024))
    assert [(ln.row, ln.kind) for ln in lines] == [
        (1, "total"),
        (2, "section"),
        (3, "unit"),
        (4, "not_reported"),
        (5, "unit"),
        (6, "breakdown"),
        (7, "breakdown"),
        (8, "total"),
    ]


@pytest.mark.parametrize(
    ("said", "partial"),
    [
        ("BÁO CÁO 6 THÁNG ĐẦU NĂM 2023", "6 thang"),
        ("Báo cáo sơ kết 9 tháng năm 2023", "9 thang"),
        ("QUÝ III NĂM 2024", "quy iii"),
        ("từ ngày 01/01/2023 đến ngày 30/6/2023", "tu ngay 01/01/2023 den ngay 30/6/2023"),
        ("Số liệu tính đến ngày 30/9/2024", "tinh den ngay 30/9/2024"),
        ("Số liệu từ đầu năm đến nay", "tu dau nam"),
        ("Tính đến tháng 6", "tinh den thang 6"),
        ("từ ngày 15/12/2022 đến ngày 14/12/2023", None),  # the statistical year (Nghị định 09/2019)
        ("từ 01/01/2024 đến 31/12/2024", None),
        ("Số liệu tính đến ngày 31/12/2024", None),
        ("Vĩnh Yên, ngày 5 tháng 3 năm 2024", None),  # the day it was signed
        ("Số trẻ em dưới 6 tháng tuổi", None),
        ("BÁO CÁO NĂM 2024", None),
    ],
)
def test_what_says_a_report_covers_part_of_a_year(said: str, partial: str | None) -> None:
    assert partial_period(said) == partial


@pytest.mark.parametrize(
    ("header", "level"),
    [
        ("Huyện, thành phố, thị xã", "D"),
        ("Quận/huyện", "D"),
        ("Xã, phường, đặc khu", "C"),
        ("Tên xã", "C"),
        ("Đơn vị", None),
        ("Tên đơn vị", None),
    ],
)
def test_the_level_a_unit_header_states(header: str, level: str | None) -> None:
    assert is_unit_header(header)
    assert header_level(header) == level


@pytest.mark.parametrize("header", ["Đơn vị tính", "Thành thị", "Nội dung", "Chỉ tiêu"])
def test_headers_that_are_not_the_unit_column(header: str) -> None:
    assert not is_unit_header(header)


def test_many_problems_of_a_kind_are_cut_to_twenty(tmp_path: Path) -> None:
    rows = [["Tên đơn vị", "Số ĐDN"]] + [[f"Huyện Không Có {i}", i] for i in range(30)]
    path = tmp_path / "vinh-phuc-2024.csv"
    path.write_text("\n".join(";".join(map(str, r)) for r in rows), encoding="utf-8")
    report, problems = read_report(path)
    assert len(problems) == 21
    assert str(problems[-1]).startswith("LỖI vinh-phuc-2024.csv: và 10 lỗi cùng loại nữa (không tìm thấy huyện")


def test_a_sheet_with_far_more_rows_than_units_is_refused_before_matching(tmp_path: Path) -> None:
    rows = [["Tên đơn vị", "Số ĐDN"]] + [[f"Nguyễn Văn {i}", 1] for i in range(20_000)]
    path = tmp_path / "vinh-phuc-2024.csv"
    path.write_text("\n".join(";".join(map(str, r)) for r in rows), encoding="utf-8")
    started = time.perf_counter()
    _, problems = read_report(path)
    assert time.perf_counter() - started < 5
    assert [str(p) for p in problems] == [
        "LỖI vinh-phuc-2024.csv › dòng 2 › cột A: bảng có 20000 dòng tên, quá nhiều cho các huyện của Tỉnh Vĩnh "
        "Phúc: đây không phải một báo cáo của tỉnh — cần: tối đa 127 dòng; có: '20000'"
    ]
