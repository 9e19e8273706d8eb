"""Reading province report workbooks into located values, collecting every problem before any load."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.indicators import Indicator, catalogue, match_header, suggest_header
from etl.numbers import NumberError, parse_number
from etl.problems import Problem, column_letter
from etl.template import (
    HEAD_CODE,
    HEAD_NO,
    HEAD_UNIT,
    LABEL_KIND,
    LABEL_PROVINCE,
    LABEL_YEAR,
)
from etl.textnorm import ascii_fold, key, nfc
from etl.units import PRE2025, Unit, UnitIndex, UnitNotFound, system_for_year

MIN_YEAR, MAX_YEAR = 2000, 2100
_UNIT_HEADERS = {
    key(HEAD_UNIT),
    "donvi",
    "huyen",
    "xa",
    "tenhuyen",
    "tenxa",
    "huyenthixathanhpho",
    "xaphuongthitran",
    "diaphuong",
}
_CODE_HEADERS = {key(HEAD_CODE), "ma", "madvhc"}
_SKIP_HEADERS = {key(HEAD_NO), "tt", "sott", "ghichu"}
_TOTAL_ROWS = {"tongcong", "cong", "tong", "toantinh", "toanthanhpho", "tongso"}
_SAMPLE_WORDS = ("minh hoa",)


@dataclass(frozen=True)
class Value:
    indicator: str
    unit_id: str
    year: int
    value: float
    is_approx: bool
    row_ref: str  # "sheet!row" as Excel shows it


@dataclass
class SheetReport:
    sheet: str
    province: Unit
    year: int
    is_sample: bool
    values: list[Value] = field(default_factory=list)
    units_listed: list[str] = field(default_factory=list)


@dataclass
class Report:
    path: Path
    sha256: str
    sheets: list[SheetReport]

    @property
    def is_sample(self) -> bool:
        return any(s.is_sample for s in self.sheets)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return nfc(str(cell))


def _label(cell: object) -> str:
    """Unit name or code cell; column numbers such as "(3)" count as empty."""
    text = _text(cell)
    return "" if re.fullmatch(r"\(\d+\)", text) else text


def _number_or_none(cell: object) -> float | None:
    try:
        return parse_number(cell).value
    except NumberError:
        return None


def read_report(path: Path) -> tuple[Report | None, list[Problem]]:
    """Parse a report workbook. Returns the report (None when unreadable) and every problem found."""
    name = path.name
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        return None, [Problem(name, "định dạng tệp không hỗ trợ", expected=".xlsx", found=path.suffix)]
    try:
        grids = pd.read_excel(path, sheet_name=None, header=None, engine="calamine", dtype=object)
    except Exception as exc:  # calamine raises several types for damaged files
        return None, [Problem(name, f"không đọc được tệp Excel ({exc})")]
    problems: list[Problem] = []
    sheets: list[SheetReport] = []
    for sheet_name, grid in grids.items():
        rows = [
            [None if (isinstance(v, float) and math.isnan(v)) else v for v in row]
            for row in grid.itertuples(index=False)
        ]
        sheet = _read_sheet(name, str(sheet_name), rows, problems)
        if sheet is not None:
            sheets.append(sheet)
    if not sheets and not problems:
        problems.append(
            Problem(
                name,
                f"không có sheet báo cáo nào (không thấy dòng tiêu đề có cột '{HEAD_UNIT}')",
                expected=f"một dòng tiêu đề có cột '{HEAD_UNIT}'",
            )
        )
    seen: dict[tuple[str, int], str] = {}
    for s in sheets:
        k = (s.province.unit_id, s.year)
        if k in seen:
            problems.append(
                Problem(
                    name,
                    f"năm {s.year} của {s.province.name} có ở hai sheet",
                    sheet=s.sheet,
                    found=f"cũng có ở sheet '{seen[k]}'",
                )
            )
        seen[k] = s.sheet
    return Report(path, file_sha256(path), sheets), problems


def _find_header(rows: list[list[object]]) -> tuple[int, int] | None:
    """(row, unit column) of the header row: the first row with a unit-name column and an indicator column."""
    for r, row in enumerate(rows[:40]):
        keys = [key(_text(c)) for c in row]
        unit_cols = [c for c, k in enumerate(keys) if k in _UNIT_HEADERS]
        if unit_cols and any(match_header(_text(c)) for c in row if _text(c)):
            return r, unit_cols[0]
    return None


def _metadata(rows: list[list[object]], header_row: int, label: str) -> tuple[str, int, int] | None:
    """Value after a label in the block above the header: (text, row, column)."""
    want = key(label)
    for r in range(header_row):
        row = rows[r]
        for c, cell in enumerate(row):
            if key(_text(cell)) == want:
                for c2 in range(c + 1, len(row)):
                    if _text(row[c2]):
                        return _text(row[c2]), r, c2
                return "", r, c
    return None


def _read_sheet(file: str, sheet: str, rows: list[list[object]], problems: list[Problem]) -> SheetReport | None:
    found = _find_header(rows)
    if found is None:
        return None  # instructions, indicator lists and other sheets without a table
    header_row, unit_col = found
    index = UnitIndex.load()
    indicators = catalogue()
    before = len(problems)

    def problem(
        message: str, row: int | None = None, col: int | None = None, header: str | None = None, **kw: str | None
    ) -> None:
        column = None if col is None else column_letter(col) + (f" ({header})" if header else "")
        problems.append(Problem(file, message, sheet=sheet, row=None if row is None else row + 1, column=column, **kw))

    # Header block: province, year, kind.
    province: Unit | None = None
    year: int | None = None
    year_meta = _metadata(rows, header_row, LABEL_YEAR)
    if year_meta is None or not year_meta[0]:
        problem(
            f"thiếu năm báo cáo ('{LABEL_YEAR}' trong phần đầu sheet)",
            expected="năm, ví dụ 2024",
            found="" if year_meta else None,
        )
    else:
        text, r, c = year_meta
        if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
            year = int(text)
        else:
            problem("năm báo cáo không hợp lệ", r, c, expected=f"năm từ {MIN_YEAR} đến {MAX_YEAR}", found=text)
    prov_meta = _metadata(rows, header_row, LABEL_PROVINCE)
    if prov_meta is None or not prov_meta[0]:
        problem(
            f"thiếu tên tỉnh/thành phố ('{LABEL_PROVINCE}' trong phần đầu sheet)", expected="tên tỉnh, ví dụ Vĩnh Phúc"
        )
    elif year is not None:
        text, r, c = prov_meta
        try:
            province = index.province(text, year)
        except UnitNotFound as exc:
            problem(str(exc), r, c, expected="tỉnh/thành phố có trong danh mục đơn vị hành chính", found=text)
    kind_meta = _metadata(rows, header_row, LABEL_KIND)
    is_sample = bool(kind_meta and any(w in ascii_fold(kind_meta[0]) for w in _SAMPLE_WORDS))

    # Columns.
    header = rows[header_row]
    code_col = next((c for c, v in enumerate(header) if key(_text(v)) in _CODE_HEADERS), None)
    columns: dict[int, Indicator] = {}
    for c, cell in enumerate(header):
        text = _text(cell)
        if not text or c in (unit_col, code_col) or key(text) in _SKIP_HEADERS:
            continue
        code = match_header(text)
        if code is None:
            hint = suggest_header(text)
            problem(
                "cột chỉ tiêu không có trong danh mục", header_row, c, expected=hint and f"ví dụ '{hint}'", found=text
            )
        elif code in {i.code for i in columns.values()}:
            problem(f"chỉ tiêu '{indicators[code].name_vi}' có hai cột", header_row, c, found=text)
        else:
            columns[c] = indicators[code]
    missing = [i.header for i in indicators.values() if i not in columns.values()]
    if missing:
        problem(
            f"thiếu {len(missing)} cột chỉ tiêu của mẫu báo cáo (giữ cột và để trống nếu chưa có số liệu)",
            header_row,
            expected=", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""),
            found=f"{len(columns)} cột chỉ tiêu",
        )
    if province is None or year is None:
        return None

    # Rows.
    level = "D" if system_for_year(year) == PRE2025 else "C"
    report = SheetReport(sheet, province, year, is_sample)
    seen: dict[str, int] = {}
    sums: dict[str, float] = {}
    total_row: tuple[int, dict[str, float]] | None = None
    for r in range(header_row + 1, len(rows)):
        row = rows[r] + [None] * (len(header) - len(rows[r]))
        name = _label(row[unit_col])
        code = _label(row[code_col]) if code_col is not None else ""
        if not name and not code:
            # Blank rows, the column-number row "(1) (2) …", a unit row under the header, notes.
            if any(_number_or_none(row[c]) is not None for c in columns):
                problem("dòng có số liệu nhưng thiếu tên đơn vị", r, unit_col, expected="tên đơn vị", found="")
            continue
        parsed: dict[str, tuple[float, bool]] = {}
        bad = False
        for c, ind in columns.items():
            cell = row[c]
            try:
                p = parse_number(cell)
            except NumberError as exc:
                problem(str(exc), r, c, ind.name_vi, expected="số nguyên không âm hoặc ô trống", found=_text(cell))
                bad = True
                continue
            if p.value is None:
                continue
            if p.value < 0:
                problem("số âm", r, c, ind.name_vi, expected="số nguyên không âm", found=_text(cell))
                bad = True
            elif not float(p.value).is_integer():
                problem("số đếm phải là số nguyên", r, c, ind.name_vi, expected="số nguyên", found=_text(cell))
                bad = True
            else:
                parsed[ind.code] = (p.value, p.is_approx)
        if key(name) in _TOTAL_ROWS:
            total_row = (r, {k: v for k, (v, _) in parsed.items()})
            continue
        try:
            unit = index.match(code or name, province.system, level, province.unit_id)
            if code and name and key(name) not in (key(unit.name), key(unit.short_name)):
                unit = index.match(name, province.system, level, province.unit_id)
                if unit.code != code:
                    problem(
                        f"mã {code} và tên '{name}' chỉ hai đơn vị khác nhau",
                        r,
                        code_col,
                        expected=f"mã của {unit.name}: {unit.code}",
                        found=code,
                    )
                    continue
        except UnitNotFound as exc:
            if not parsed and not bad:
                continue  # a note under the table
            message = str(exc)
            if level == "C" and _is_district(index, name, province):
                message = (
                    f"'{name}' là đơn vị cấp huyện, không còn từ 01/7/2025; báo cáo năm {year} "
                    "lập theo xã/phường của tỉnh mới"
                )
            problem(
                message,
                r,
                unit_col,
                HEAD_UNIT,
                expected=f"{'huyện' if level == 'D' else 'xã'} thuộc {province.name}",
                found=name or code,
            )
            continue
        if unit.unit_id in seen:
            problem(f"{unit.name} có hai dòng", r, unit_col, HEAD_UNIT, found=f"đã có ở dòng {seen[unit.unit_id]}")
            continue
        seen[unit.unit_id] = r + 1
        report.units_listed.append(unit.unit_id)
        for c, ind in columns.items():
            if ind.code not in parsed:
                continue
            value, approx = parsed[ind.code]
            parent = parsed.get(ind.parent) if ind.parent else None
            if parent is not None and value > parent[0]:
                problem(
                    f"'{ind.name_vi}' lớn hơn '{indicators[ind.parent].name_vi}'",
                    r,
                    c,
                    ind.name_vi,
                    expected=f"không quá {parent[0]:g}",
                    found=f"{value:g}",
                )
                continue
            sums[ind.code] = sums.get(ind.code, 0.0) + value
            report.values.append(Value(ind.code, unit.unit_id, year, value, approx, f"{sheet}!{r + 1}"))
    if total_row is not None:
        r, totals = total_row
        for c, ind in columns.items():
            if ind.code in totals and totals[ind.code] != sums.get(ind.code, 0.0):
                problem(
                    "dòng tổng cộng khác tổng các dòng",
                    r,
                    c,
                    ind.name_vi,
                    expected=f"{sums.get(ind.code, 0.0):g}",
                    found=f"{totals[ind.code]:g}",
                )
    if not report.units_listed:
        problem(
            f"không có dòng đơn vị nào của {province.name}",
            header_row + 1,
            expected=f"một dòng cho mỗi {'huyện' if level == 'D' else 'xã'}",
        )
    return report if len(problems) == before else None


def _is_district(index: UnitIndex, name: str, province: Unit) -> bool:
    """Whether `name` is a pre-2025 district of a province that went into `province`."""
    if not name:
        return False
    for old in index.unit[(index.unit.system == PRE2025) & (index.unit.level == "P")].unit_id:
        if index.successor(old).unit_id != province.unit_id:
            continue
        try:
            index.match(name, PRE2025, "D", old)
            return True
        except UnitNotFound:
            continue
    return False
