"""Reports as provinces write them, not as the template does: title blocks instead of labels, merged
two-row headers, abbreviations, percentages, CSV in the encodings Vietnamese offices use."""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.indicators import catalogue
from core.problems import InputError
from etl.build import build, load
from etl.readers import read_report
from etl.template import write_workbook
from tests.reports.make import CASES, Case, write

VINH_YEN, PHUC_YEN, YEN_LAC = "pre2025:D:243", "pre2025:D:244", "pre2025:D:251"
TITLE = ["UBND TỈNH VĨNH PHÚC", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BÁO CÁO KẾT QUẢ CÔNG TÁC GIA ĐÌNH NĂM 2024"]
# Two header rows: a group header merged over its parts, the parts under it; other headers span both rows.
TOP = ["TT", "Đơn vị", "Số CLB GĐPTBV", "Số ĐTN", "Số vụ BLGĐ", None, None, "Nạn nhân", None, "Tỷ lệ xã có mô hình (%)"]
SUB = [None, None, None, None, "Tổng số", "Tinh thần", "Thân thể", "Nam", "Nữ", None]
BODY = [
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
    [1, "TP. Vĩnh Yên", "12", "1.234", "08", "03", "5", "1", "7", "96,1%"],
    [2, "TX Phúc Yên", 7, "-", 4, None, 4, None, "4", "88"],
    [None] * 10,
    [3, "huyen yen lac", "05", 9, 0, 0, 0, 0, 0, None],
    [None, "Tổng cộng", 24, 1243, 12, 3, 9, 1, 11, None],
    [None, "Ghi chú: số liệu tính đến 31/12/2024.", None, None, None, None, None, None, None, None],
]
EXPECTED = {
    ("clubs_sustainable_family", VINH_YEN): 12,
    ("hotlines", VINH_YEN): 1234,
    ("dv_cases", VINH_YEN): 8,
    ("dv_cases_mental", VINH_YEN): 3,
    ("dv_cases_physical", VINH_YEN): 5,
    ("victims_male", VINH_YEN): 1,
    ("victims_female", VINH_YEN): 7,
    ("clubs_sustainable_family", PHUC_YEN): 7,
    ("dv_cases", PHUC_YEN): 4,
    ("dv_cases_physical", PHUC_YEN): 4,
    ("victims_female", PHUC_YEN): 4,
    ("clubs_sustainable_family", YEN_LAC): 5,
    ("hotlines", YEN_LAC): 9,
    ("dv_cases", YEN_LAC): 0,
    ("dv_cases_mental", YEN_LAC): 0,
    ("dv_cases_physical", YEN_LAC): 0,
    ("victims_male", YEN_LAC): 0,
    ("victims_female", YEN_LAC): 0,
}


def _grid(title: list[str], top: list, sub: list | None, body: list[list]) -> list[list]:
    """A fresh sheet (tests change its cells): title lines, a blank row, the header rows, the body."""
    header = [list(top)] + ([list(sub)] if sub else [])
    title_rows = [[line] + [None] * (len(top) - 1) for line in title]
    return title_rows + [[None] * len(top)] + header + [list(r) for r in body]


def _xlsx(path: Path, grid: list[list], sheet: str = "Sheet1", merge_groups: bool = True) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in grid:
        ws.append(row)
    if merge_groups:  # as Excel stores merged cells: the text in the first, the others empty
        header = next(r for r, row in enumerate(grid, start=1) if row[1] == "Đơn vị")
        ws.merge_cells(start_row=header, start_column=5, end_row=header, end_column=7)
        ws.merge_cells(start_row=header, start_column=8, end_row=header, end_column=9)
        for column in (1, 2, 3, 4, 10):
            ws.merge_cells(start_row=header, start_column=column, end_row=header + 1, end_column=column)
    book.save(path)
    return path


def _read(path: Path) -> tuple[dict[tuple[str, str], float], list[str], list[str]]:
    """(values, error texts, warning texts)."""
    report, problems = read_report(path)
    values = {} if report is None else {(v.indicator, v.unit_id): v.value for s in report.sheets for v in s.values}
    # Every problem can be read in English too (the import page shows it in the reader's language).
    assert [p for p in problems if p.says("en")[0] == p.says("vi")[0]] == []
    errors = [str(p) for p in problems if p.severity == "error"]
    warnings = [str(p) for p in problems if p.severity == "warning"]
    return values, errors, warnings


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse (of nothing) that refused loads must leave byte for byte as it was."""
    data = tmp_path_factory.mktemp("served") / "data"
    (data / "reports").mkdir(parents=True)
    return build(data, data / "warehouse.duckdb").warehouse


def _refused(path: Path, warehouse: Path) -> None:
    """Loading `path` fails and changes nothing: the warehouse file, data/reports/, the load history."""
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    listing = sorted((warehouse.parent / "reports").iterdir())
    with pytest.raises(InputError):
        load([path], warehouse.parent, warehouse)
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    assert sorted((warehouse.parent / "reports").iterdir()) == listing


def test_a_report_with_a_title_block_and_merged_two_row_headers(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "bao-cao.xlsx", _grid(TITLE, TOP, SUB, BODY))
    values, errors, warnings = _read(path)
    assert errors == []
    assert values == EXPECTED
    report, _ = read_report(path)
    assert [(s.province.name, s.year) for s in report.sheets] == [("Tỉnh Vĩnh Phúc", 2024)]
    assert warnings == [
        "CẢNH BÁO bao-cao.xlsx › sheet 'Sheet1' › dòng 5 › cột J: cột tỷ lệ không được nạp: tỷ lệ được tính lại "
        "từ tử số và mẫu số; có: 'Tỷ lệ xã có mô hình (%)'"
    ]


def test_header_with_line_breaks_and_extra_spaces(tmp_path: Path) -> None:
    top = [*TOP[:3], "Số  đường dây\nnóng ", *TOP[4:]]
    values, errors, _ = _read(_xlsx(tmp_path / "r.xlsx", _grid(TITLE, top, SUB, BODY)))
    assert errors == [] and values[("hotlines", VINH_YEN)] == 1234


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A percentage above 100.
        (lambda g: g[7].__setitem__(9, "105%"), "dòng 8 › cột J (Tỷ lệ xã có mô hình (%)): tỷ lệ phải từ 0 đến 100"),
        # A breakdown larger than its total, read through the merged header.
        (lambda g: g[8].__setitem__(5, "9"), "dòng 9 › cột F (Số vụ bạo lực về tinh thần): 'Số vụ bạo lực về tinh"),
        # The total row disagrees with the rows.
        (lambda g: g[11].__setitem__(2, 25), "dòng 12 › cột C (Số câu lạc bộ gia đình phát triển bền vững): dòng tổng"),
        # A district of another province.
        (lambda g: g[10].__setitem__(1, "Huyện Lâm Thao"), "dòng 11 › cột B (Tên đơn vị): không tìm thấy huyện"),
        # Text where a count belongs.
        (lambda g: g[7].__setitem__(3, "nhiều"), "dòng 8 › cột D (Số đường dây nóng): 'nhiều' không phải là số"),
    ],
)
def test_problems_in_a_real_report_are_located(tmp_path: Path, served: Path, change, message: str) -> None:
    grid = _grid(TITLE, TOP, SUB, [list(r) for r in BODY])
    change(grid)
    path = _xlsx(tmp_path / "r.xlsx", grid)
    values, errors, _ = _read(path)
    assert values == {}
    assert any(message in e for e in errors), errors
    _refused(path, served)


@pytest.mark.parametrize(
    ("title", "file", "sheet", "message"),
    [
        (["BÁO CÁO CÔNG TÁC GIA ĐÌNH NĂM 2024"], "r.xlsx", "Sheet1", "không xác định được tỉnh/thành phố"),
        (["UBND TỈNH VĨNH PHÚC", "BÁO CÁO CÔNG TÁC GIA ĐÌNH"], "r.xlsx", "Sheet1", "không xác định được năm báo cáo"),
        (
            ["UBND TỈNH VĨNH PHÚC", "Phối hợp với tỉnh Phú Thọ", "NĂM 2024"],
            "r.xlsx",
            "Sheet1",
            "tiêu đề nêu nhiều tỉnh",
        ),
        (["UBND TỈNH VĨNH PHÚC", "BÁO CÁO NĂM 2023"], "r.xlsx", "2024", "tiêu đề ghi năm 2023, khác năm báo cáo 2024"),
        (["UBND TỈNH VĨNH PHÚC", "BÁO CÁO NĂM 2026"], "r.xlsx", "Sheet1", "đã hợp nhất vào Tỉnh Phú Thọ"),
    ],
)
def test_a_report_that_does_not_say_where_or_when(
    tmp_path: Path, served: Path, title: list[str], file: str, sheet: str, message: str
) -> None:
    path = _xlsx(tmp_path / file, _grid(title, TOP, SUB, BODY), sheet=sheet)
    values, errors, _ = _read(path)
    assert values == {}
    assert any(message in e for e in errors), errors
    _refused(path, served)


def test_province_and_year_from_the_file_name(tmp_path: Path) -> None:
    values, errors, _ = _read(_xlsx(tmp_path / "bao-cao-vinh-phuc-2024.xlsx", _grid([], TOP, SUB, BODY)))
    assert errors == [] and values == EXPECTED


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _windows_vietnamese(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed (ơ, ư, â), tones combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


def _csv(path: Path, grid: list[list], encoding: str, delimiter: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(grid)
    text = buffer.getvalue()
    path.write_bytes(_windows_vietnamese(text) if encoding == "cp1258" else text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-16", ";"), ("cp1258", ";"), ("cp1258", ",")],
)
def test_csv_in_the_encodings_offices_use(tmp_path: Path, encoding: str, delimiter: str) -> None:
    # A CSV cannot merge cells: the group header is written once, above its parts, as Excel exports it.
    path = _csv(tmp_path / "bao-cao.csv", _grid(TITLE, TOP, SUB, BODY), encoding, delimiter)
    values, errors, warnings = _read(path)
    assert errors == []
    assert values == EXPECTED
    assert len(warnings) == 1 and "dòng 5 › cột J" in warnings[0] and "sheet" not in warnings[0]


def test_csv_with_an_unknown_header_says_where(tmp_path: Path) -> None:
    top = [*TOP[:3], "Số đường dây nong PCBLGĐ xã", *TOP[4:]]
    path = _csv(tmp_path / "bao-cao.csv", _grid(TITLE, top, SUB, BODY), "utf-8-sig", ";")
    values, errors, _ = _read(path)
    assert values == {}
    assert errors == [
        "LỖI bao-cao.csv › dòng 5 › cột D: cột chỉ tiêu không có trong danh mục — cần: ví dụ 'Số đường dây nóng "
        "(đường dây)'; có: 'Số đường dây nong PCBLGĐ xã'"
    ]


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.ods"
    path.write_bytes(b"PK\x03\x04")
    _, errors, _ = _read(path)
    assert errors == ["LỖI bao-cao.ods: định dạng tệp không hỗ trợ — cần: .xlsx, .csv hoặc .parquet; có: '.ods'"]


def test_a_damaged_workbook_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"not a workbook")
    _, errors, _ = _read(path)
    assert len(errors) == 1 and errors[0].startswith("LỖI bao-cao.xlsx: không đọc được tệp")


# Any valid table written as a template workbook (or as the same table in a CSV) reads back equal.
_CODES = sorted(catalogue())
_UNITS = [VINH_YEN, PHUC_YEN, YEN_LAC, "pre2025:D:246", "pre2025:D:252"]


@st.composite
def _tables(draw: st.DrawFn) -> dict[tuple[int, str], dict[str, int]]:
    """Values for some units and indicators; a breakdown never above its total, as the catalogue requires."""
    table = {}
    for unit in draw(st.lists(st.sampled_from(_UNITS), min_size=1, max_size=3, unique=True)):
        codes = draw(st.sets(st.sampled_from(_CODES), min_size=1, max_size=8))
        row = {code: draw(st.integers(0, 2_000_000)) for code in codes}
        for code in list(row):
            parent = catalogue()[code].parent
            if parent in row:
                row[code] = min(row[code], row[parent])
            elif parent:
                row[parent] = row[code] + draw(st.integers(0, 1000))
        table[(2024, unit)] = row
    return table


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=_tables())
def test_any_valid_table_reads_back_equal(tmp_path: Path, table: dict) -> None:
    path = write_workbook(tmp_path / "vinh-phuc.xlsx", "Vĩnh Phúc", [2024], table)
    report, problems = read_report(path)
    assert problems == []
    got = {(v.unit_id, v.indicator): v.value for s in report.sheets for v in s.values}
    assert got == {(unit, code): value for (_, unit), row in table.items() for code, value in row.items()}


def test_a_utf8_csv_with_a_stray_byte_says_where(tmp_path: Path) -> None:
    path = _csv(tmp_path / "bao-cao.csv", _grid(TITLE, TOP, SUB, BODY), "utf-8", ";")
    data = path.read_bytes()
    path.write_bytes(data[:200] + b"\xff" + data[200:])
    _, errors, _ = _read(path)
    assert errors == ["LỖI bao-cao.csv: byte 200 không phải UTF-8 — cần: lưu lại tệp CSV dạng UTF-8"]


def test_a_semicolon_csv_whose_headers_hold_commas(tmp_path: Path) -> None:
    # Few columns, each header with commas of its own: the separator is the one that finds the table.
    grid = [
        ["UBND TỈNH VĨNH PHÚC, NĂM 2024", None, None],
        ["Tên đơn vị", "Tổng số xã, phường, thị trấn", "Số CLB, nhóm PCBLGĐ"],
    ]
    grid += [["Huyện Yên Lạc", "17", "4"]]
    values, errors, _ = _read(_csv(tmp_path / "bao-cao.csv", grid, "utf-8-sig", ";"))
    assert errors == [] and values == {("communes_total", YEN_LAC): 17, ("clubs_dv_prevention", YEN_LAC): 4}


def test_a_2026_report_headed_xa_phuong_dac_khu(tmp_path: Path, index) -> None:
    commune = index.children("y2025:P:25", "C")[0]
    grid = [
        ["UBND TỈNH PHÚ THỌ", None],
        ["BÁO CÁO NĂM 2026", None],
        ["Xã, phường, đặc khu", "Số ĐDN"],
        [commune.name, 3],
    ]
    values, errors, _ = _read(_xlsx(tmp_path / "r.xlsx", grid, merge_groups=False))
    assert errors == [] and values == {("hotlines", commune.unit_id): 3}


def test_a_hidden_working_column_is_skipped(tmp_path: Path) -> None:
    top = [*TOP, "Cộng dồn (nháp)"]
    sub = [*SUB, None]
    body = [[*row, 1] for row in BODY]
    path = _xlsx(tmp_path / "r.xlsx", _grid(TITLE, top, sub, body))
    book = openpyxl.load_workbook(path)
    book.active.column_dimensions["K"].hidden = True
    book.active.column_dimensions["D"].hidden = True  # hidden, but a known indicator: still read
    book.save(path)
    values, errors, warnings = _read(path)
    assert errors == [] and values == EXPECTED
    assert "dòng 5 › cột K: cột ẩn không có trong danh mục: bỏ qua; có: 'Cộng dồn (nháp)'" in warnings[-1]


def test_a_part_the_catalogue_does_not_know_is_skipped_with_a_word(tmp_path: Path) -> None:
    # "Nạn nhân" › "Khác": a figure the catalogue has no indicator for is named in a warning, never dropped silently.
    grid = _grid(TITLE, TOP, SUB, [list(r) for r in BODY])
    grid[5][8] = "Khác"
    values, errors, warnings = _read(_xlsx(tmp_path / "r.xlsx", grid))
    assert errors == []
    assert values == {k: v for k, v in EXPECTED.items() if k[0] != "victims_female"}
    assert "dòng 5 › cột I: bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu; có: 'Nạn nhân / Khác'" in warnings[-1]


# The corpus (tests/reports/make.py): messy reports as officers make them, each with what it must give.
def _check(case: Case, folder: Path, served: Path) -> None:
    path = write(case, folder)
    report, problems = read_report(path)
    values, errors, warnings = _read(path)
    if case.values is not None:
        assert errors == []
        assert values == case.values
        assert {s.year for s in report.sheets} == {case.year}
    else:
        assert errors and values == {}
        assert all(p.file == path.name for p in problems)
        _refused(path, served)
    for expected in case.errors:
        assert any(expected in e for e in errors), (expected, errors)
    for expected in case.warnings:
        assert any(expected in w for w in warnings), (expected, warnings)
    for said in case.absent:
        assert not any(said in str(p) for p in problems), (said, problems)


@pytest.mark.slow  # each file goes through the limited worker and a build: some 3 s a file
@pytest.mark.parametrize("case", [c for c in CASES if not c.held_out], ids=lambda c: c.file_name)
def test_corpus(case: Case, tmp_path: Path, served: Path) -> None:
    _check(case, tmp_path, served)


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.held_out], ids=lambda c: c.file_name)
def test_corpus_held_out(case: Case, tmp_path: Path, served: Path) -> None:
    """Cases set aside by a fixed rule (make.Case.held_out) and not looked at while the reader was tuned."""
    _check(case, tmp_path, served)


def test_the_corpus_is_large_and_mixed() -> None:
    assert len(CASES) >= 40
    assert {c.fmt for c in CASES} == {"xlsx", "xls", "csv"}
    assert 0.2 <= sum(c.held_out for c in CASES) / len(CASES) <= 0.35
