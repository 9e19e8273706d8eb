"""Reading province report workbooks into located values, collecting every problem before any load.

A file becomes grids of cells (one per sheet); each sheet is read in steps kept in their own modules:
etl.table finds the table, reads its header rows and maps its columns; etl.claims reads what the sheet says of
itself (year, province, period, level); etl.rows sorts the rows and reads the units, then checks the totals."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from core.indicators import match_column
from core.problems import Problem
from core.textnorm import ascii_fold
from core.units import LEVEL_NAMES, LEVEL_NAMES_EN, PRE2025, UnitIndex, system_for_year
from etl import claims, longform
from etl import rows as rows_
from etl.report import Report, SheetReport, file_sha256
from etl.table import SCAN_ROWS, Sink, find_table, map_columns, text, transposed
from etl.template import HEAD_UNIT, LABEL_KIND

_SAMPLE_WORDS = ("minh hoa",)
MAX_OF_A_KIND = 20  # problems of one kind listed; then how many more

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
    """Rows of a CSV separated by ";" (Excel in Vietnamese), "," or a tab: the one whose rows hold the report
    header naming the most indicators (headers such as "Số câu lạc bộ, nhóm …" hold commas of their own).
    The separator is chosen on the first lines; the file is split once."""
    head = "\n".join(text.splitlines()[:SCAN_ROWS])
    by_count = sorted(";,\t", key=lambda d: -max((line.count(d) for line in head.splitlines()), default=0))

    def score(d: str) -> int:
        table = find_table([[c or None for c in row] for row in csv.reader(io.StringIO(head), delimiter=d)])
        return -1 if table is None else sum(1 for p in table.paths if match_column(p))

    best = max(by_count, key=score)  # the first of equals: the separator the lines hold most
    return [[c or None for c in row] for row in csv.reader(io.StringIO(text), delimiter=best)]


_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_COL_RE = re.compile(rb"<(?:\w+:)?col\b[^>]*>")


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part in an .xlsx (a zip of XML parts)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
    parts = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def hidden_columns(path: Path) -> dict[str, set[int]]:
    """Sheet name -> 0-based indexes of the columns hidden in Excel."""
    hidden: dict[str, set[int]] = {}
    with zipfile.ZipFile(path) as book:
        for name, part in _sheet_parts(book).items():
            head = book.read(part)[:200_000]  # <cols> comes before the cell data
            columns = set()
            for tag in _COL_RE.findall(head.split(b"<sheetData", 1)[0]):
                if re.search(rb'hidden="(?:1|true)"', tag):
                    first, last = (int(re.search(rb'%s="(\d+)"' % a, tag).group(1)) for a in (b"min", b"max"))
                    columns.update(range(first - 1, last))
            hidden[name] = columns
    return hidden


_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is\b")
_DDE = re.compile(rb"^\s*=?\s*'?[\w.]+'?\|'|\bDDE(?:AUTO)?\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Untrusted:
    """A cell whose value a reader would get wrong: a formula with no saved result, a DDE formula, an error."""

    row: int  # 0-based
    col: int
    kind: str  # "unsaved" | "dde" | "error"
    said: str  # the formula, or the error Excel shows


_UNTRUSTED_MESSAGES = {
    "unsaved": (
        "ô có công thức chưa có kết quả đã lưu: hãy mở tệp bằng Excel, lưu lại rồi tải lên lại",
        "the cell holds a formula with no saved result: open the file in Excel, save it, upload it again",
    ),
    "dde": (
        "ô có công thức DDE (lấy số từ chương trình khác): không đọc; hãy thay bằng số rồi lưu lại",
        "the cell holds a DDE formula (its value comes from another program): not read; type the figure",
    ),
    "error": (
        "ô báo lỗi của Excel, không phải số: hãy sửa công thức hoặc gõ số rồi lưu lại",
        "the cell shows an Excel error, not a figure: correct the formula or type the figure",
    ),
}


def untrusted_cells(path: Path) -> dict[str, list[Untrusted]]:
    """Sheet name -> the cells of an .xlsx a reader cannot take as they read. A formula with no saved result
    (written by a program, never opened in Excel) and an error ("#DIV/0!") read as empty cells, and a DDE
    formula asks another program for its value: none may pass for a figure, or for "not reported"."""
    found: dict[str, list[Untrusted]] = {}
    with zipfile.ZipFile(path) as book:
        for name, part in _sheet_parts(book).items():
            data = book.read(part)
            if b"<f" not in data and b":f" not in data and b't="e"' not in data:
                continue  # most reports: no formulas at all
            for attrs, body in _CELL.findall(data):
                formula = _FORMULA.search(body)
                ref = _REF.search(attrs)
                if ref is None or (formula is None and b't="e"' not in attrs):
                    continue
                written = (formula.group(1) or b"").decode("utf-8", "replace") if formula else ""
                if formula and _DDE.search(formula.group(1) or b""):
                    kind, said = "dde", f"={written}"
                elif b't="e"' in attrs:
                    value = re.search(rb"<(?:\w+:)?v>([^<]*)<", body)
                    kind, said = "error", value.group(1).decode("utf-8", "replace") if value else ""
                elif not _VALUE.search(body):
                    kind, said = "unsaved", f"={written}"
                else:
                    continue
                col = 0
                for ch in ref.group(1):
                    col = col * 26 + ch - 64
                found.setdefault(name, []).append(Untrusted(int(ref.group(2)) - 1, col - 1, kind, said))
    return found


def _untrusted_problems(file: str, sheet: str, cells: list[Untrusted]) -> list[Problem]:
    sink = Sink(file, sheet)
    for cell in cells:
        sink(_UNTRUSTED_MESSAGES[cell.kind], cell.row, cell.col, found=cell.said)
    return sink.problems


def _grids(path: Path) -> dict[str, list[list[object]]]:
    """Sheet name -> rows of cells (None for empty); a CSV is one sheet without a name."""
    if path.suffix.lower() == ".csv":
        return {"": _csv_rows(decode_csv(path.read_bytes()))}
    # No text is taken for "missing": pandas would read a cell saying "NaN", "NA" or "null" as an empty one.
    frames = pd.read_excel(path, sheet_name=None, header=None, engine="calamine", dtype=object, na_filter=False)
    return {
        str(name): [
            [None if (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v) else v for v in row]
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
    xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    try:
        grids = _grids(path)
        hidden = hidden_columns(path) if xlsx else {}
        formulas = untrusted_cells(path) if xlsx else {}
    except EncodingProblem as exc:
        return None, [
            Problem(
                name,
                (f"byte {exc.args[0]} không phải UTF-8", f"byte {exc.args[0]} is not UTF-8"),
                expected=("lưu lại tệp CSV dạng UTF-8", "the CSV saved again as UTF-8"),
            )
        ]
    except Exception:  # calamine, zipfile and the csv module raise several types, in English, for damaged files
        return None, [
            Problem(
                name,
                (
                    "không đọc được tệp: tệp bị hỏng, chưa tải về hết, hoặc không phải bảng tính",
                    "the file cannot be read: it is damaged, incomplete, or not a spreadsheet",
                ),
                expected=(
                    "mở tệp bằng Excel, lưu lại (.xlsx) rồi tải lên lại",
                    "the file opened in Excel, saved (.xlsx) and uploaded again",
                ),
            )
        ]
    problems: list[Problem] = []
    sheets: list[SheetReport] = []
    for sheet_name, rows in grids.items():
        unsaved = _untrusted_problems(name, sheet_name, formulas.get(sheet_name, []))
        problems += unsaved
        sheet = _read_sheet(name, sheet_name, rows, problems, hidden.get(sheet_name, frozenset()))
        if sheet is not None and not unsaved:
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
    problems = at_most_of_a_kind(problems)
    warnings = [p for p in problems if p.severity == "warning"]
    return Report(path, file_sha256(path), sheets, warnings), problems


def _kind(problem: Problem) -> tuple[str, str, str | None]:
    """Problems of one kind share their message once names, quotes and numbers are set aside."""
    message = problem.message if isinstance(problem.message, str) else problem.message[0]
    return problem.severity, re.sub(r"'[^']*'|\d+", "…", message), problem.sheet


def at_most_of_a_kind(problems: list[Problem]) -> list[Problem]:
    """The first MAX_OF_A_KIND problems of each kind, then one line saying how many more there are."""
    counts: dict[tuple[str, str, str | None], int] = {}
    kept: list[Problem] = []
    for p in problems:
        k = _kind(p)
        counts[k] = counts.get(k, 0) + 1
        if counts[k] <= MAX_OF_A_KIND:
            kept.append(p)
    for k, n in counts.items():
        if n > MAX_OF_A_KIND:
            first = next(p for p in problems if _kind(p) == k)
            more = n - MAX_OF_A_KIND
            vi, en = (first.message, first.message) if isinstance(first.message, str) else first.message
            kept.append(
                Problem(
                    first.file,
                    (f"và {more} lỗi cùng loại nữa ({vi})", f"and {more} more of the same kind ({en})"),
                    sheet=first.sheet,
                    severity=first.severity,
                )
            )
    return kept


EMPTY_SHEET = ("sheet trống: không nạp", "blank sheet: not loaded")
# A report cannot list many more units than its province has; past this the sheet is not a province's report
# (a household register, a list of names) and is refused before any row is matched.
_ROWS_PER_UNIT, _EXTRA_ROWS = 3, 100


def _read_sheet(
    file: str,
    sheet: str,
    rows: list[list[object]],
    problems: list[Problem],
    hidden: set[int] | frozenset = frozenset(),
) -> SheetReport | None:
    """One sheet, in steps each testable alone: find the table, read the header rows, map the columns, say what
    the sheet claims (year, province, period, level), sort the rows, read the units, check the totals."""
    sink = Sink(file, sheet)
    try:
        return _sheet_steps(sink, rows, hidden)
    finally:
        problems.extend(sink.problems)


def _sheet_steps(sink: Sink, rows: list[list[object]], hidden: set[int] | frozenset) -> SheetReport | None:
    table = find_table(rows)
    if table is None:
        where = transposed(rows)
        if where is not None:
            sink(
                (
                    "bảng xếp chỉ tiêu theo dòng và đơn vị theo cột (như biểu tổng hợp của Bộ): không đọc được; "
                    "hãy lập lại mỗi đơn vị một dòng, mỗi chỉ tiêu một cột, theo mẫu báo cáo",
                    "the table has indicators as rows and units as columns (as the ministry's summary forms): "
                    "it is not read; make it one row per unit and one column per indicator, as the template",
                ),
                *where,
                expected=(
                    "mỗi đơn vị một dòng (cột 'Tên đơn vị'), mỗi chỉ tiêu một cột",
                    "one row per unit (a 'Tên đơn vị' column), one column per indicator",
                ),
                found=text(rows[where[0]][where[1]]),
            )
        return None  # instructions, indicator lists and other sheets without a table
    index = UnitIndex.load()
    columns = map_columns(rows, table, hidden, sink)
    title = " ".join(text(c) for row in rows[: table.row] for c in row)
    if claims.period(rows, table, sink.sheet, sink):
        return None
    year = claims.year(sink.file, sink.sheet, rows, table.row, title, sink)
    province = None if year is None else claims.province(index, year, rows, table, title, sink)
    kind = claims.metadata(rows, table.row, LABEL_KIND)
    is_sample = bool(kind and any(w in ascii_fold(kind[0]) for w in _SAMPLE_WORDS))
    if province is None or year is None:
        return None
    level = "D" if system_for_year(year) == PRE2025 else "C"
    listed = sum(1 for row in rows[table.first_data_row :] if table.unit_col < len(row) and text(row[table.unit_col]))
    limit = _ROWS_PER_UNIT * len(index.children(province.unit_id, level)) + _EXTRA_ROWS
    if listed > limit:
        sink(
            (
                f"bảng có {listed} dòng tên, quá nhiều cho các {LEVEL_NAMES[level]} của {province.name}: "
                "đây không phải một báo cáo của tỉnh",
                f"the table has {listed} named rows, far more than {province.name} has "
                f"{LEVEL_NAMES_EN[level]} units: this is not a province report",
            ),
            table.first_data_row,
            table.unit_col,
            expected=(f"tối đa {limit} dòng", f"at most {limit} rows"),
            found=str(listed),
        )
        return None
    lines = rows_.classify(rows, table, columns, province)
    names = [(ln.row, ln.name) for ln in lines if ln.kind == rows_.UNIT and ln.name]
    if level == "C" and claims.level(index, table, names, province, year, sink):
        return None
    before = sink.errors
    report = SheetReport(sink.sheet, province, year, is_sample)
    figures = rows_.read_units(rows, lines, table, columns, report, index, level, sink)
    rows_.check_totals(lines, figures, columns, sink)
    if report.units_listed and not report.values and sink.errors == before:
        # A blank sheet (a year not filled in yet) must not replace what the warehouse holds with nothing.
        sink(EMPTY_SHEET, table.first_data_row, severity="warning", found=f"{province.name} {year}")
        return None
    if not report.units_listed and sink.errors == before:
        sink(
            (f"không có dòng đơn vị nào của {province.name}", f"no rows for units of {province.name}"),
            table.row + 1,
            expected=(
                f"một dòng cho mỗi {'huyện' if level == 'D' else 'xã'}",
                f"one row per {'district' if level == 'D' else 'commune'}",
            ),
        )
    return report if sink.errors == 0 else None
