"""Report workbooks: the template reads back exactly, and damaged files give located errors."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl

from etl.readers import read_report
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
    assert any("Huyện Yên Lạc có hai dòng" in p for p in problems)


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
