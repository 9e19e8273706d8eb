"""A report sheet's table: where it is, its header rows (groups over parts, up to four rows), and its columns."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from core.i18n import Text
from core.indicators import (
    Indicator,
    catalogue,
    close_header,
    is_ratio_header,
    match_column,
    match_header,
    suggest_header,
)
from core.numbers import NumberError, parse_number
from core.problems import Problem, Severity, column_letter
from core.textnorm import ascii_fold, key, nfc

MAX_HEADER_ROWS = 4
SCAN_ROWS = 60  # a title block is a few lines; a table that starts lower is not a report's

# A unit-name header: "Tên đơn vị", "Đơn vị", "Huyện, thành phố", "Quận/huyện/thị xã", "Xã, phường, đặc khu", …
_UNIT_WORD = r"(?:huyen|quan|thi xa|thanh pho|tp|tx|xa|phuong|thi tran|dac khu)"
_UNIT_HEADER = re.compile(
    rf"^(?:(?:ten|cac)\s+)?(?:don vi(?: bao cao| hanh chinh)?|dia phuong|cap (?:huyen|xa)|{_UNIT_WORD})"
    rf"(?:\s*[,/;&-]?\s*(?:va\s+)?{_UNIT_WORD})*$"
)
_CODE_HEADERS = {"madonvi", "ma", "madvhc", "mahuyen", "maxa", "madonvihanhchinh", "madiaphuong"}
_NUMBER_HEADERS = {"stt", "tt", "sott", "sothutu"}
# A cell of the row that numbers the columns: "A", "B", "1", "(3)", "(5)=(6)+(7)".
_COLUMN_TOKEN = re.compile(r"^\(?[A-Z]{1,2}\)?$|^\(?\d{1,3}\)?(?:\s*=\s*[\d()+\-*/\s]+)?$")


def text(cell: object) -> str:
    """A cell as text, NFC, whitespace collapsed; whole floats without ".0"; "" for empty."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and abs(cell) >= 1e15:
        return f"{cell:.6g}"  # 1e300 as Excel shows it, not 301 digits
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return nfc(str(cell))


def number_or_none(cell: object) -> float | None:
    try:
        return parse_number(cell).value
    except NumberError:
        return None


def is_unit_header(cell: object) -> bool:
    return bool(_UNIT_HEADER.match(re.sub(r"\s+", " ", re.sub(r"[.:]", " ", ascii_fold(text(cell)))).strip()))


def header_level(header: str) -> str | None:
    """The level a unit-name header states: "Huyện, thành phố" -> "D", "Xã, phường" -> "C"; None if neither."""
    words = ascii_fold(header)
    district = bool(re.search(r"\b(?:huyen|quan|thi xa)\b", words))
    commune = bool(re.search(r"\b(?:phuong|thi tran|dac khu)\b|(?<!thi )\bxa\b", words))
    return "D" if district and not commune else "C" if commune and not district else None


def is_column_numbering(row: list[object]) -> bool:
    """The row under a header that numbers or letters the columns: "A | B | 1 | 2 | 3" or "(1) | (2) | …"."""
    cells = [text(c) for c in row if text(c)]
    if len(cells) < 2 or not all(_COLUMN_TOKEN.match(c) for c in cells):
        return False
    numbers = [int(m.group()) for c in cells if (m := re.match(r"\d+", c.strip("(")))]
    return all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


def _is_header_text(cell: object) -> bool:
    value = text(cell)
    return bool(value) and number_or_none(cell) is None and not _COLUMN_TOKEN.match(value)


@dataclass(frozen=True)
class Table:
    row: int  # 0-based first header row
    unit_col: int
    code_col: int | None
    number_col: int | None  # STT
    paths: list[list[str]]  # per column: the header cells from the top row down to the column's own
    first_data_row: int
    depth: int  # header rows

    @property
    def width(self) -> int:
        return len(self.paths)

    def header(self, col: int) -> str:
        """A column's header as written, group and part: "Người gây bạo lực gia đình / Nam"."""
        return " / ".join(p for p in self.paths[col] if p)


def header_rows(rows: list[list[object]], top: int, unit_col: int) -> int:
    """How many rows the header spans from `top`: rows under it whose unit cell is empty (merged) and whose
    cells are all header texts; a column-numbering row or a figure ends it."""
    depth = 1
    while depth < MAX_HEADER_ROWS and top + depth < len(rows):
        row = rows[top + depth]
        if unit_col < len(row) and text(row[unit_col]):
            break
        cells = [c for c in row if text(c)]
        if not cells or is_column_numbering(row) or not all(_is_header_text(c) for c in cells):
            break
        depth += 1
    return depth


def header_paths(block: list[list[object]], width: int) -> list[list[str]]:
    """Each column's header from the top row down. A merged cell keeps its text in its first column only:
    a group's text is carried right over the columns whose parts sit below it, within its own parent's span."""
    grid = [[text(row[c]) if c < len(row) else "" for c in range(width)] for row in block]
    filled = [list(r) for r in grid]
    for i in range(len(grid) - 1):
        for c in range(1, width):
            if grid[i][c] or not filled[i][c - 1]:
                continue
            has_part = any(grid[j][c] for j in range(i + 1, len(grid)))
            same_parent = i == 0 or filled[i - 1][c] == filled[i - 1][c - 1]
            if has_part and same_parent:
                filled[i][c] = filled[i][c - 1]
    return [[filled[i][c] for i in range(len(grid))] for c in range(width)]


def find_table(rows: list[list[object]]) -> Table | None:
    """The table: the first row (of the top SCAN_ROWS) with a unit-name header whose header block names at
    least one indicator, with the rows of that block; failing that, one whose headers are near-misses of
    indicators (a misspelt header is then named, rather than the table missed)."""
    for names in (match_column, lambda path: close_header(" ".join(p for p in path if p))):
        for r, row in enumerate(rows[:SCAN_ROWS]):
            unit_cols = [c for c, cell in enumerate(row) if is_unit_header(cell)]
            if not unit_cols:
                continue
            unit_col = unit_cols[0]
            depth = header_rows(rows, r, unit_col)
            block = rows[r : r + depth]
            width = max(len(b) for b in block)
            paths = header_paths(block, width)
            if not any(names(p) for c, p in enumerate(paths) if c != unit_col and any(p)):
                continue
            keys = [key(" ".join(p)) for p in paths]
            code_col = next((c for c, k in enumerate(keys) if k in _CODE_HEADERS and c != unit_col), None)
            number_col = next((c for c, k in enumerate(keys) if k in _NUMBER_HEADERS), None)
            return Table(r, unit_col, code_col, number_col, paths, r + depth, depth)
    return None


_INDICATOR_LABEL = re.compile(r"^\s*(?:[ivx]+|[a-z]|\d+(?:\.\d+)*)\s*[.)/]\s*|^\s*[-+•*]\s*|^\s*trong do\s*:?\s*-?\s*")
_LABEL_HEADERS = {"chitieu", "noidung", "tenchitieu", "noidungchitieu", "chiso"}


def transposed(rows: list[list[object]]) -> tuple[int, int] | None:
    """Where a table laid out as the national forms are (indicators as rows, one column per unit) names its
    indicator column: the "Chỉ tiêu"/"Nội dung" header, else the first indicator label; None if not one."""
    hits: dict[int, list[int]] = {}
    for r, row in enumerate(rows[:SCAN_ROWS]):
        for c, cell in enumerate(row[:6]):
            label = _INDICATOR_LABEL.sub("", ascii_fold(text(cell)))
            if len(label) > 3 and _is_header_text(cell) and match_header(label):
                hits.setdefault(c, []).append(r)
    column = next((c for c, found in hits.items() if len(found) >= 2), None)
    if column is None:
        return None
    first = hits[column][0]
    for r in range(first - 1, max(first - 6, -1), -1):
        if column < len(rows[r]) and key(text(rows[r][column])) in _LABEL_HEADERS:
            return r, column
    return first, column


@dataclass
class Sink:
    """Collects a sheet's problems, located as Excel shows them (1-based rows, column letters)."""

    file: str
    sheet: str
    problems: list[Problem] = field(default_factory=list)

    def __call__(
        self,
        message: Text,
        row: int | None = None,
        col: int | None = None,
        header: str | None = None,
        severity: Severity = "error",
        **kw: Text | str | None,
    ) -> None:
        column = None if col is None else column_letter(col) + (f" ({header})" if header else "")
        self.problems.append(
            Problem(
                self.file,
                message,
                sheet=self.sheet or None,
                row=None if row is None else row + 1,
                column=column,
                severity=severity,
                **kw,  # type: ignore[arg-type]
            )
        )

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


@dataclass
class Columns:
    indicators: dict[int, Indicator]  # column -> the indicator it gives
    percents: dict[int, str]  # column -> header of a percentage column (checked, not loaded)


def map_columns(rows: list[list[object]], table: Table, hidden: set[int] | frozenset, sink: Sink) -> Columns:
    """Each column to the indicator its headers name. A percentage is checked and skipped; a column no header
    explains is skipped with a warning that names it; one that looks like a misspelt indicator is an error."""
    indicators = catalogue()
    columns: dict[int, Indicator] = {}
    percents: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    skip = {table.unit_col, table.code_col, table.number_col}
    at = table.row
    for c in range(table.width):
        if c in skip:
            continue
        header, path = table.header(c), table.paths[c]
        if not header:
            if any(number_or_none(row[c]) is not None for row in rows[table.first_data_row :] if c < len(row)):
                sink(
                    ("bỏ qua cột có số nhưng không có tiêu đề", "column with figures but no header skipped"),
                    at,
                    c,
                    severity="warning",
                )
            continue
        # A percentage is never read as a count, even when its words name one ("Số xã có mô hình (%)").
        if any(is_ratio_header(x) for x in path if x):
            percents[c] = header
            sink(
                (
                    "cột tỷ lệ không được nạp: tỷ lệ được tính lại từ tử số và mẫu số",
                    "percentage column not loaded: ratios are recomputed from their numerator and denominator",
                ),
                at,
                c,
                severity="warning",
                found=header,
            )
            continue
        code = match_column(path)
        if code is None:
            unknown.append((c, header))
        elif code in {i.code for i in columns.values()}:
            name = indicators[code].name_vi
            sink((f"chỉ tiêu '{name}' có hai cột", f"indicator '{name}' has two columns"), at, c, found=header)
        else:
            columns[c] = indicators[code]
    given = {i.code for i in columns.values()}
    for c, header in unknown:
        words = " ".join(p for p in table.paths[c] if p)
        close = close_header(words)
        if c in hidden:
            # A working column someone hid (sums, notes): not a figure the report gives.
            sink(
                ("cột ẩn không có trong danh mục: bỏ qua", "hidden column not in the catalogue: skipped"),
                at,
                c,
                severity="warning",
                found=header,
            )
        elif close is not None and close not in given:
            # Near an indicator the report does not otherwise give: a misspelt header, not a figure to drop.
            hint = suggest_header(words)
            sink(
                ("cột chỉ tiêu không có trong danh mục", "column not in the indicator catalogue"),
                at,
                c,
                expected=hint and (f"ví dụ '{hint}'", f"e.g. '{hint}'"),
                found=header,
            )
        else:
            sink(
                (
                    "bỏ qua cột: tiêu đề không có trong danh mục chỉ tiêu",
                    "column skipped: its header is not in the indicator catalogue",
                ),
                at,
                c,
                severity="warning",
                found=header,
            )
    return Columns(columns, percents)
