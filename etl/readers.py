"""Reading province report workbooks into located values, collecting every problem before any load."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from core.i18n import Text
from core.indicators import Indicator, catalogue, is_ratio_header, match_header, suggest_header
from core.numbers import NumberError, parse_number
from core.problems import Problem, Severity, column_letter
from core.textnorm import ascii_fold, key, nfc
from core.units import PRE2025, Unit, UnitIndex, UnitNotFound, system_for_year
from etl import longform
from etl.report import COUNT, MIN_YEAR, Report, SheetReport, Value, file_sha256
from etl.template import (
    HEAD_CODE,
    HEAD_NO,
    HEAD_UNIT,
    LABEL_KIND,
    LABEL_PROVINCE,
    LABEL_YEAR,
)

_UNIT_HEADERS = {
    key(HEAD_UNIT),
    "donvi",
    "huyen",
    "xa",
    "tenhuyen",
    "tenxa",
    "huyenthixathanhpho",
    "xaphuongthitran",
    "xaphuong",
    "xaphuongdackhu",
    "phuongxa",
    "tenxaphuong",
    "diaphuong",
}
_CODE_HEADERS = {key(HEAD_CODE), "ma", "madvhc"}
_SKIP_HEADERS = {key(HEAD_NO), "tt", "sott", "ghichu"}
_TOTAL_ROWS = {"tongcong", "cong", "tong", "toantinh", "toanthanhpho", "tongso"}
_SAMPLE_WORDS = ("minh hoa",)


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


SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".parquet")  # .parquet and some CSV: etl/longform.py


class EncodingProblem(ValueError):
    """A CSV that is almost UTF-8: a few bytes are wrong, and guessing another encoding would garble it."""


def decode_csv(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 (with BOM), else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", "replace")
        # Real UTF-8 Vietnamese with a stray byte: say where, rather than read it as another encoding.
        if text.count("\ufffd") <= 3 and any(ord(ch) > 0x2FF and ch != "\ufffd" for ch in text):
            raise EncodingProblem(exc.start) from exc
        # Vietnamese Windows writes combining tone marks; nfc() composes them when cells are read.
        return data.decode("cp1258")


def _csv_rows(text: str) -> list[list[object]]:
    """Rows of a CSV separated by ";" (Excel in Vietnamese), "," or a tab: the one whose rows hold a report
    header (headers such as "Số câu lạc bộ, nhóm …" hold commas of their own)."""
    lines = text.splitlines()[:50]
    by_count = sorted(";,\t", key=lambda d: -max((line.count(d) for line in lines), default=0))
    parsed = {d: [[c or None for c in row] for row in csv.reader(io.StringIO(text), delimiter=d)] for d in by_count}
    return next((rows for rows in parsed.values() if _find_header(rows) is not None), parsed[by_count[0]])


_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_COL_RE = re.compile(rb"<(?:\w+:)?col\b[^>]*>")


def hidden_columns(path: Path) -> dict[str, set[int]]:
    """Sheet name -> 0-based indexes of the columns hidden in Excel (an .xlsx is a zip of XML parts)."""
    hidden: dict[str, set[int]] = {}
    with zipfile.ZipFile(path) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
        for sheet in workbook.findall("m:sheets/m:sheet", _NS):
            target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            head = book.read(part)[:200_000]  # <cols> comes before the cell data
            columns = set()
            for tag in _COL_RE.findall(head.split(b"<sheetData", 1)[0]):
                if re.search(rb'hidden="(?:1|true)"', tag):
                    first, last = (int(re.search(rb'%s="(\d+)"' % a, tag).group(1)) for a in (b"min", b"max"))
                    columns.update(range(first - 1, last))
            hidden[sheet.get("name", "")] = columns
    return hidden


def _grids(path: Path) -> dict[str, list[list[object]]]:
    """Sheet name -> rows of cells (None for empty); a CSV is one sheet without a name."""
    if path.suffix.lower() == ".csv":
        return {"": _csv_rows(decode_csv(path.read_bytes()))}
    frames = pd.read_excel(path, sheet_name=None, header=None, engine="calamine", dtype=object)
    return {
        str(name): [
            [None if isinstance(v, float) and math.isnan(v) else v for v in row]
            for row in frame.itertuples(index=False)
        ]
        for name, frame in frames.items()
    }


def read_report(path: Path) -> tuple[Report | None, list[Problem]]:
    """Parse a report workbook or CSV. Returns the report (None when unreadable) and every problem found,
    warnings included (the report then carries them too)."""
    name = path.name
    if path.suffix.lower() in SUFFIXES and longform.is_long(path):
        return longform.read_long(path)
    if path.suffix.lower() not in SUFFIXES:
        return None, [
            Problem(
                name,
                ("định dạng tệp không hỗ trợ", "file type not supported"),
                expected=(".xlsx, .csv hoặc .parquet", ".xlsx, .csv or .parquet"),
                found=path.suffix,
            )
        ]
    try:
        grids = _grids(path)
        hidden = hidden_columns(path) if path.suffix.lower() in (".xlsx", ".xlsm") else {}
    except EncodingProblem as exc:
        return None, [
            Problem(
                name,
                (f"byte {exc.args[0]} không phải UTF-8", f"byte {exc.args[0]} is not UTF-8"),
                expected=("lưu lại tệp CSV dạng UTF-8", "the CSV saved again as UTF-8"),
            )
        ]
    except Exception as exc:  # calamine and the csv module raise several types for damaged files
        return None, [Problem(name, (f"không đọc được tệp ({exc})", f"the file cannot be read ({exc})"))]
    problems: list[Problem] = []
    sheets: list[SheetReport] = []
    for sheet_name, rows in grids.items():
        sheet = _read_sheet(name, sheet_name, rows, problems, hidden.get(sheet_name, frozenset()))
        if sheet is not None:
            sheets.append(sheet)
    if not sheets and any(p.message == EMPTY_SHEET for p in problems):
        problems.append(Problem(name, ("tệp không có số liệu nào", "the file holds no figures")))
    elif not sheets and not problems:
        problems.append(
            Problem(
                name,
                (
                    f"không có sheet báo cáo nào (không thấy dòng tiêu đề có cột '{HEAD_UNIT}')",
                    f"no report sheet (no header row with a '{HEAD_UNIT}' column)",
                ),
                expected=(f"một dòng tiêu đề có cột '{HEAD_UNIT}'", f"a header row with a '{HEAD_UNIT}' column"),
            )
        )
    seen: dict[tuple[str, int], str] = {}
    for s in sheets:
        k = (s.province.unit_id, s.year)
        if k in seen:
            problems.append(
                Problem(
                    name,
                    (
                        f"năm {s.year} của {s.province.name} có ở hai sheet",
                        f"{s.province.name} {s.year} is on two sheets",
                    ),
                    sheet=s.sheet,
                    found=f"'{seen[k]}'",
                )
            )
        seen[k] = s.sheet
    warnings = [p for p in problems if p.severity == "warning"]
    return Report(path, file_sha256(path), sheets, warnings), problems


@dataclass(frozen=True)
class _Header:
    row: int  # 0-based row of the header (the upper row of a two-row header)
    unit_col: int
    texts: list[str]  # per column: the header as read, "group / sub" under a merged group header
    groups: list[str]  # per column: the header cell, or the merged group header above its part
    subs: list[str]  # per column: the part under a group header ("" for a one-row header)
    first_data_row: int


# Parts that stand for the group itself: "Số vụ BLGĐ" over "Tổng số" is the number of cases.
_TOTAL_WORDS = {"tongso", "tong", "cong", "tongcong", "soluong", "tongsoluong"}


def _match_column(group: str, sub: str) -> str | None:
    """The indicator a (group, part) header names. A part alone counts only under its own total
    ("Tinh thần" under "Số vụ BLGĐ" or under no known group, never under "Số vụ xâm hại trẻ em")."""
    if not sub:
        return match_header(group)
    whole = match_header(f"{group} {sub}") if group else None
    if whole:
        return whole
    group_code = match_header(group) if group else None
    if group_code and key(sub) in _TOTAL_WORDS:
        return group_code
    part = match_header(sub)
    if part and group_code in (None, part, catalogue()[part].parent):
        return part
    return None


def _is_header_text(cell: object) -> bool:
    text = _text(cell)
    return bool(text) and _number_or_none(cell) is None and not re.fullmatch(r"\(\d+\)", text)


def _find_header(rows: list[list[object]]) -> _Header | None:
    """The header: the first row with a unit-name column and an indicator column, with the row under it
    when that row names the parts of a merged group header ("Số vụ BLGĐ" over "Tổng số | Tinh thần")."""
    for r, row in enumerate(rows[:40]):
        keys = [key(_text(c)) for c in row]
        unit_cols = [c for c, k in enumerate(keys) if k in _UNIT_HEADERS]
        if not unit_cols or not any(match_header(_text(c)) for c in row if _text(c)):
            continue
        below = rows[r + 1] if r + 1 < len(rows) else []
        below = below + [None] * (len(row) - len(below))
        # Under a merged cell only its first column holds the text: a sub-header fills the others.
        two_rows = not _text(below[unit_cols[0]]) and any(
            _is_header_text(below[c]) and not _text(row[c]) for c in range(len(row))
        )
        texts, groups, subs, group = [], [], [], ""
        for c in range(max(len(row), len(below))):
            top = _text(row[c]) if c < len(row) else ""
            sub = _text(below[c]) if two_rows and _is_header_text(below[c]) else ""
            group = top or (group if sub else "")
            texts.append(f"{group} / {sub}" if group and sub else sub or top)
            groups.append(group if sub else top)
            subs.append(sub)
        return _Header(r, unit_cols[0], texts, groups, subs, r + (2 if two_rows else 1))
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


EMPTY_SHEET = ("sheet trống: không nạp", "blank sheet: not loaded")
SOURCE_EN = {"tên sheet": "sheet name", "tiêu đề": "title", "tên tệp": "file name"}
COUNT_OR_EMPTY = ("số nguyên không âm hoặc ô trống", "a whole number, 0 or more, or an empty cell")
_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TITLE_YEAR_RE = re.compile(r"\bnam\s+(20\d\d)(?!\d)")


# Dates name when a report was signed, not the year it reports on: "ngày 15 tháng 01 năm 2024", "15/01/2024",
# "2024-03-15". They are taken out before looking for the year.
_DATE_RE = re.compile(
    r"ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
)


def _one_year(text: str, pattern: re.Pattern[str]) -> int | None:
    """The one report year a text names, dates left aside; none when it names several or a future one."""
    distinct = {int(y) for y in pattern.findall(_DATE_RE.sub(" ", ascii_fold(text)))}
    if len(distinct) != 1:
        return None
    year = distinct.pop()
    return year if MIN_YEAR <= year <= date.today().year else None


def _year(
    file: str, sheet: str, rows: list[list[object]], header_row: int, title: str, problem: Callable[..., None]
) -> int | None:
    """The report year: the template's label, else the sheet name ("Năm 2024"), the title ("… năm 2024"),
    the file name; sources that name a year must agree."""
    said = {
        "tên sheet": _one_year(sheet, _YEAR_RE),
        "tiêu đề": _one_year(title, _TITLE_YEAR_RE),
        "tên tệp": _one_year(Path(file).stem, _YEAR_RE),
    }
    meta = _metadata(rows, header_row, LABEL_YEAR)
    if meta is not None and meta[0]:
        text, r, c = meta
        if not (text.isdigit() and MIN_YEAR <= int(text) <= date.today().year):
            problem(
                ("năm báo cáo không hợp lệ", "the report year is not valid"),
                r,
                c,
                expected=(
                    f"năm từ {MIN_YEAR} đến {date.today().year}",
                    f"a year from {MIN_YEAR} to {date.today().year}",
                ),
                found=text,
            )
            return None
        year, where = int(text), (r, c)
    else:
        source = next((k for k, v in said.items() if v is not None), None)
        if source is None:
            problem(
                ("không xác định được năm báo cáo", "the report year cannot be found"),
                expected=(
                    f"'{LABEL_YEAR} 2024' trên bảng, hoặc năm trong tên sheet, tiêu đề hay tên tệp",
                    f"'{LABEL_YEAR} 2024' above the table, or the year in the sheet name, title or file name",
                ),
                found="" if meta else None,
            )
            return None
        year, where = said[source], (None, None)
    # The file name may carry another year (a copy of last year's file): only the sheet and title must agree.
    for source in ("tên sheet", "tiêu đề"):
        if said[source] is not None and said[source] != year:
            problem(
                (
                    f"{source} ghi năm {said[source]}, khác năm báo cáo {year}",
                    f"the {SOURCE_EN[source]} says {said[source]}, not the report year {year}",
                ),
                *where,
                expected=str(year),
                found=str(said[source]),
            )
            return None
    return year


def _province_from_text(
    index: UnitIndex, year: int, title: str, file: str, problem: Callable[..., None]
) -> Unit | None:
    """The province a title (else the file name) names, when the template's label is absent."""
    names = index.provinces_in(title) or index.provinces_in(Path(file).stem)
    if len(names) > 1:  # "UBND huyện Hòa Bình, tỉnh Bạc Liêu": the one written as a province counts
        words = re.sub(r"[^a-z0-9]+", " ", ascii_fold(title))
        named = [
            n
            for n in names
            if re.search(rf"\b(?:tinh|thanh pho|tp) {re.sub(r'[^a-z0-9]+', ' ', ascii_fold(n))}\b", words)
        ]
        names = named if len(named) == 1 else names
    if len(names) == 1:
        try:
            return index.province(names[0], year)
        except UnitNotFound as exc:
            problem(exc.text, found=names[0])
            return None
    if names:
        problem(
            ("tiêu đề nêu nhiều tỉnh/thành phố", "the title names several provinces"),
            expected=(f"ghi rõ '{LABEL_PROVINCE} …' trên bảng", f"'{LABEL_PROVINCE} …' written above the table"),
            found=", ".join(names),
        )
    else:
        problem(
            ("không xác định được tỉnh/thành phố", "the province cannot be found"),
            expected=(
                f"'{LABEL_PROVINCE} …' trên bảng, hoặc tên tỉnh trong tiêu đề hay tên tệp",
                f"'{LABEL_PROVINCE} …' above the table, or the province in the title or file name",
            ),
        )
    return None


def _read_sheet(
    file: str, sheet: str, rows: list[list[object]], problems: list[Problem], hidden: set[int] | frozenset = frozenset()
) -> SheetReport | None:
    header = _find_header(rows)
    if header is None:
        return None  # instructions, indicator lists and other sheets without a table
    header_row, unit_col = header.row, header.unit_col
    index = UnitIndex.load()
    indicators = catalogue()
    before = sum(p.severity == "error" for p in problems)

    def problem(
        message: Text,
        row: int | None = None,
        col: int | None = None,
        header: str | None = None,
        severity: Severity = "error",
        **kw: str | None,
    ) -> None:
        column = None if col is None else column_letter(col) + (f" ({header})" if header else "")
        problems.append(
            Problem(
                file,
                message,
                sheet=sheet or None,
                row=None if row is None else row + 1,
                column=column,
                severity=severity,
                **kw,
            )
        )

    # Header block: the template's labels, else the title above the table, the sheet name, the file name.
    title = " ".join(_text(c) for row in rows[:header_row] for c in row)
    year, province = _year(file, sheet, rows, header_row, title, problem), None
    prov_meta = _metadata(rows, header_row, LABEL_PROVINCE)
    if year is not None:
        if prov_meta and prov_meta[0]:
            text, r, c = prov_meta
            try:
                province = index.province(text, year)
            except UnitNotFound as exc:
                problem(
                    exc.text,
                    r,
                    c,
                    expected=("tỉnh/thành phố có trong danh mục đơn vị hành chính", "a province in the unit list"),
                    found=text,
                )
        else:
            province = _province_from_text(index, year, title, file, problem)
    kind_meta = _metadata(rows, header_row, LABEL_KIND)
    is_sample = bool(kind_meta and any(w in ascii_fold(kind_meta[0]) for w in _SAMPLE_WORDS))

    # Columns: the indicators a report gives; one it leaves out is simply not reported.
    code_col = next((c for c, v in enumerate(header.texts) if key(v) in _CODE_HEADERS), None)
    columns: dict[int, Indicator] = {}
    percent_cols: dict[int, str] = {}
    for c, text in enumerate(header.texts):
        if not text or c in (unit_col, code_col) or key(text) in _SKIP_HEADERS:
            continue
        group, sub = header.groups[c], header.subs[c]
        # A percentage is never read as a count, even when its words name one ("Số xã có mô hình (%)").
        ratio = any(is_ratio_header(x) for x in (group, sub) if x)
        code = None if ratio else _match_column(group, sub)
        if ratio:
            percent_cols[c] = text
            problem(
                (
                    "cột tỷ lệ không được nạp: tỷ lệ được tính lại từ tử số và mẫu số",
                    "percentage column not loaded: ratios are recomputed from their numerator and denominator",
                ),
                header_row,
                c,
                severity="warning",
                found=text,
            )
        elif code is None and c in hidden:
            # A working column someone hid (sums, notes): not a figure the report gives.
            problem(
                ("cột ẩn không có trong danh mục: bỏ qua", "hidden column not in the catalogue: skipped"),
                header_row,
                c,
                severity="warning",
                found=text,
            )
        elif code is None:
            hint = suggest_header(f"{group} {sub}".strip())
            problem(
                ("cột chỉ tiêu không có trong danh mục", "column not in the indicator catalogue"),
                header_row,
                c,
                expected=hint and (f"ví dụ '{hint}'", f"e.g. '{hint}'"),
                found=text,
            )
        elif code in {i.code for i in columns.values()}:
            name = indicators[code].name_vi
            problem((f"chỉ tiêu '{name}' có hai cột", f"indicator '{name}' has two columns"), header_row, c, found=text)
        else:
            columns[c] = indicators[code]
    if province is None or year is None:
        return None

    # Rows.
    level = "D" if system_for_year(year) == PRE2025 else "C"
    report = SheetReport(sheet, province, year, is_sample)
    seen: dict[str, int] = {}
    sums: dict[str, float] = {}
    total_row: tuple[int, dict[str, float]] | None = None
    width = len(header.texts)
    for r in range(header.first_data_row, len(rows)):
        row = rows[r] + [None] * (width - len(rows[r]))
        name = _label(row[unit_col])
        code = _label(row[code_col]) if code_col is not None else ""
        if not name and not code:
            # Blank rows, the column-number row "(1) (2) …", a unit row under the header, notes.
            if any(_number_or_none(row[c]) is not None for c in columns):
                problem(
                    ("dòng có số liệu nhưng thiếu tên đơn vị", "a row with figures but no unit name"),
                    r,
                    unit_col,
                    expected=("tên đơn vị", "the unit's name"),
                    found="",
                )
            continue
        parsed: dict[str, tuple[float, bool]] = {}
        bad = False
        for c, ind in columns.items():
            cell = row[c]
            try:
                p = parse_number(cell)
            except NumberError as exc:
                problem(exc.text, r, c, ind.name_vi, expected=COUNT_OR_EMPTY, found=_text(cell))
                bad = True
                continue
            if p.value is None:
                continue
            if p.value < 0:
                problem(("số âm", "a negative number"), r, c, ind.name_vi, expected=COUNT, found=_text(cell))
                bad = True
            elif not float(p.value).is_integer():
                problem(
                    ("số đếm phải là số nguyên", "a count must be a whole number"),
                    r,
                    c,
                    ind.name_vi,
                    expected=("số nguyên", "a whole number"),
                    found=_text(cell),
                )
                bad = True
            else:
                parsed[ind.code] = (p.value, p.is_approx)
        for c, text in percent_cols.items():
            value = _number_or_none(row[c])
            if value is not None and not 0 <= value <= 100:
                problem(
                    ("tỷ lệ phải từ 0 đến 100", "a percentage must be from 0 to 100"),
                    r,
                    c,
                    text,
                    expected="0–100 (%)",
                    found=_text(row[c]),
                )
        if key(name) in _TOTAL_ROWS:
            total_row = (r, {k: v for k, (v, _) in parsed.items()})
            continue
        try:
            unit = index.match(code or name, province.system, level, province.unit_id)
            if code and name and key(name) not in (key(unit.name), key(unit.short_name)):
                unit = index.match(name, province.system, level, province.unit_id)
                if unit.code != code:
                    problem(
                        (
                            f"mã {code} và tên '{name}' chỉ hai đơn vị khác nhau",
                            f"code {code} and name '{name}' are two different units",
                        ),
                        r,
                        code_col,
                        expected=(f"mã của {unit.name}: {unit.code}", f"the code of {unit.name}: {unit.code}"),
                        found=code,
                    )
                    continue
        except UnitNotFound as exc:
            if not parsed and not bad:
                continue  # a note under the table
            message = exc.text
            if level == "C" and _is_district(index, name, province):
                message = (
                    f"'{name}' là đơn vị cấp huyện, không còn từ 01/7/2025; báo cáo năm {year} "
                    "lập theo xã/phường của tỉnh mới",
                    f"'{name}' is a district, and districts ended on 1 July 2025; a {year} report lists the "
                    "communes and wards of the new province",
                )
            problem(
                message,
                r,
                unit_col,
                HEAD_UNIT,
                expected=(
                    f"{'huyện' if level == 'D' else 'xã'} thuộc {province.name}",
                    f"a {'district' if level == 'D' else 'commune'} of {province.name}",
                ),
                found=name or code,
            )
            continue
        if unit.unit_id in seen:
            problem(
                (f"{unit.name} có hai dòng", f"{unit.name} has two rows"),
                r,
                unit_col,
                HEAD_UNIT,
                found=f"đã có ở dòng {seen[unit.unit_id]}",
            )
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
                    (
                        f"'{ind.name_vi}' lớn hơn '{indicators[ind.parent].name_vi}'",
                        f"'{ind.name_en}' is larger than '{indicators[ind.parent].name_en}'",
                    ),
                    r,
                    c,
                    ind.name_vi,
                    expected=(f"không quá {parent[0]:g}", f"at most {parent[0]:g}"),
                    found=f"{value:g}",
                )
                continue
            sums[ind.code] = sums.get(ind.code, 0.0) + value
            report.values.append(Value(ind.code, unit.unit_id, year, value, approx, f"{sheet or 'CSV'}!{r + 1}"))
    if total_row is not None:
        r, totals = total_row
        for c, ind in columns.items():
            if ind.code in totals and totals[ind.code] != sums.get(ind.code, 0.0):
                problem(
                    ("dòng tổng cộng khác tổng các dòng", "the total row differs from the sum of the rows"),
                    r,
                    c,
                    ind.name_vi,
                    expected=f"{sums.get(ind.code, 0.0):g}",
                    found=f"{totals[ind.code]:g}",
                )
    errors = sum(p.severity == "error" for p in problems) - before
    if report.units_listed and not report.values and not errors:
        # A blank sheet (a year not filled in yet) must not replace what the warehouse holds with nothing.
        problem(EMPTY_SHEET, header.first_data_row, severity="warning", found=f"{province.name} {year}")
        return None
    if not report.units_listed:
        problem(
            (f"không có dòng đơn vị nào của {province.name}", f"no rows for units of {province.name}"),
            header_row + 1,
            expected=(
                f"một dòng cho mỗi {'huyện' if level == 'D' else 'xã'}",
                f"one row per {'district' if level == 'D' else 'commune'}",
            ),
        )
    return report if sum(p.severity == "error" for p in problems) == before else None


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
