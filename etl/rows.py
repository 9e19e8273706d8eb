"""A report table's rows: which are units and which are not (column numbers, sections, totals, "Trong đó"
lines, units that did not report), the units' values, and the totals checked against them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.i18n import Text
from core.indicators import Indicator, catalogue
from core.numbers import NumberError, is_not_reported, parse_count
from core.textnorm import ascii_fold, key
from core.units import FormerUnit, Unit, UnitIndex, UnitNotFound
from etl.claims import former_district
from etl.report import SheetReport, Value
from etl.table import Columns, Sink, Table, is_column_numbering, number_or_none, text

COUNT_OR_EMPTY = ("số nguyên không âm hoặc ô trống", "a whole number, 0 or more, or an empty cell")
HEAD_UNIT = "Tên đơn vị"

NUMBERING, BLANK, ORPHAN, TOTAL, SECTION, BREAKDOWN, NOT_REPORTED, UNIT = (
    "numbering",
    "blank",
    "orphan",
    "total",
    "section",
    "breakdown",
    "not_reported",
    "unit",
)
_TOTAL_KEYS = {"tongcong", "cong", "tong", "toantinh", "toanthanhpho", "tongso", "tongtoantinh", "congtoantinh"}
_TOTAL_START = re.compile(r"^(?:tong cong|toan tinh|toan thanh pho|cong toan|tong so toan)\b")
_SECTION_NUMBER = re.compile(r"^(?:[IVX]+|[A-H])[.)]?$")
# "H. Gia Viễn" and "X. Tân Lập" are a district and a commune shortened, not sections H and X.
_SECTION_LABEL = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|[A-G])[.)]\s+\S")
_SECTION_WORDS = re.compile(r"^(?:cac|khoi|khu vuc|vung|cum)\b")
_BULLET = re.compile(r"^\s*[-+•*]")


@dataclass
class Line:
    row: int  # 0-based
    kind: str
    name: str = ""  # the unit cell as written
    code: str = ""


def _label(cell: object) -> str:
    """Unit name or code cell; column numbers such as "(3)" count as empty."""
    value = text(cell)
    return "" if re.fullmatch(r"\(\d+\)", value) else value


def is_total(name: str, province: Unit) -> bool:
    """ "Tổng cộng", "Cộng", "Toàn tỉnh", "Tỉnh Vĩnh Phúc": the row that adds up the units."""
    k = key(name)
    return (
        k in _TOTAL_KEYS
        or bool(_TOTAL_START.match(ascii_fold(name)))
        or k in {key(province.name), "tinh" + key(province.short_name)}
    )


def classify(rows: list[list[object]], table: Table, columns: Columns, province: Unit) -> list[Line]:
    """Each row under the header as one kind of line; only UNIT lines are matched to units."""
    lines: list[Line] = []
    figure_cols = [c for c in range(table.unit_col + 1, table.width) if c not in (table.code_col, table.number_col)]
    in_breakdown = False
    for r in range(table.first_data_row, len(rows)):
        row = rows[r] + [None] * (table.width - len(rows[r]))
        if r < table.first_data_row + 2 and is_column_numbering(row):
            lines.append(Line(r, NUMBERING))
            continue
        name = _label(row[table.unit_col])
        code = _label(row[table.code_col]) if table.code_col is not None else ""
        number = text(row[table.number_col]) if table.number_col is not None else ""
        if not name and not code:
            has = any(number_or_none(row[c]) is not None for c in columns.indicators)
            lines.append(Line(r, ORPHAN if has else BLANK))
            continue
        folded = ascii_fold(name)
        if folded.startswith("trong do"):
            in_breakdown = True
            lines.append(Line(r, BREAKDOWN, name))
            continue
        if in_breakdown and _BULLET.match(name):
            lines.append(Line(r, BREAKDOWN, name))
            continue
        in_breakdown = False
        if is_total(name, province):
            lines.append(Line(r, TOTAL, name, code))
        elif _SECTION_NUMBER.match(number) and not code or _SECTION_LABEL.match(name) or _SECTION_WORDS.match(folded):
            lines.append(Line(r, SECTION, name, code))
        else:
            said = [row[c] for c in figure_cols if text(row[c])]
            kind = NOT_REPORTED if said and all(is_not_reported(v) for v in said) else UNIT
            lines.append(Line(r, kind, name, code))
    return lines


@dataclass
class Figures:
    """The counts a line gives, by indicator, with the cells that were not counts already reported."""

    values: dict[str, tuple[float, bool]] = field(default_factory=dict)  # code -> (value, approximate)
    bad: bool = False


def read_figures(row: list[object], r: int, columns: Columns, sink: Sink) -> Figures:
    figures = Figures()
    for c, ind in columns.indicators.items():
        cell = row[c] if c < len(row) else None
        try:
            parsed = parse_count(cell)
        except NumberError as exc:
            sink(exc.text, r, c, ind.name_vi, expected=COUNT_OR_EMPTY, found=text(cell))
            figures.bad = True
            continue
        if parsed.value is not None:
            figures.values[ind.code] = (parsed.value, parsed.is_approx)
    for c, header in columns.percents.items():
        value = number_or_none(row[c]) if c < len(row) else None
        if value is not None and not 0 <= value <= 100:
            sink(
                ("tỷ lệ phải từ 0 đến 100", "a percentage must be from 0 to 100"),
                r,
                c,
                header,
                expected="0–100 (%)",
                found=text(row[c]),
            )
    return figures


def _unit_error(index: UnitIndex, line: Line, province: Unit, level: str, year: int, exc: UnitNotFound) -> Text:
    if level == "C" and former_district(index, line.name, province):
        return (
            f"'{line.name}' là đơn vị cấp huyện, không còn từ 01/7/2025; báo cáo năm {year} "
            "lập theo xã/phường của tỉnh mới",
            f"'{line.name}' is a district, and districts ended on 1 July 2025; a {year} report lists the "
            "communes and wards of the new province",
        )
    return exc.text


def match_unit(
    index: UnitIndex, line: Line, table: Table, province: Unit, level: str, year: int, sink: Sink
) -> Unit | None:
    """The unit a line names, by code or name; None (with the error said) when it names none, or a unit a
    merger ended (the error names what the officer wrote and what it became)."""
    expected = (
        f"{'huyện' if level == 'D' else 'xã'} thuộc {province.name}",
        f"a {'district' if level == 'D' else 'commune'} of {province.name}",
    )
    if level == "D" and line.name:
        former = index.former(line.name, province.unit_id, year)
        if former is not None and former.relation == "renamed":
            return former.successor
        if former is not None:  # split (a merger's parts are added up by read_units)
            new = former.successor.name
            sink(
                (
                    f"'{former.written}' đã chia, phần lớn vào {new}; danh mục đơn vị chỉ có {new}: ghi một dòng "
                    f"cho {new} gồm cả số liệu của '{former.written}'",
                    f"'{former.written}' was split, mostly into {new}; the unit list has only {new}: write one row "
                    f"for {new} that includes the figures of '{former.written}'",
                ),
                line.row,
                table.unit_col,
                HEAD_UNIT,
                found=former.written,
                expected=expected,
            )
            return None
    try:
        unit = index.match(line.code or line.name, province.system, level, province.unit_id)
        if line.code and line.name and key(line.name) not in (key(unit.name), key(unit.short_name)):
            by_name = index.match(line.name, province.system, level, province.unit_id)
            if by_name.code != line.code:
                sink(
                    (
                        f"mã {line.code} và tên '{line.name}' chỉ hai đơn vị khác nhau",
                        f"code {line.code} and name '{line.name}' are two different units",
                    ),
                    line.row,
                    table.code_col,
                    expected=(f"mã của {by_name.name}: {by_name.code}", f"the code of {by_name.name}: {by_name.code}"),
                    found=line.code,
                )
                return None
            unit = by_name
        return unit
    except UnitNotFound as exc:
        sink(
            _unit_error(index, line, province, level, year, exc),
            line.row,
            table.unit_col,
            HEAD_UNIT,
            found=line.name or line.code,
            expected=expected,
        )
        return None


def read_units(
    rows: list[list[object]],
    lines: list[Line],
    table: Table,
    columns: Columns,
    report: SheetReport,
    index: UnitIndex,
    level: str,
    sink: Sink,
) -> dict[int, Figures]:
    """The units' values into `report`; returns every line's figures (units, sections, totals) by row."""
    province, year, sheet = report.province, report.year, report.sheet
    seen: dict[str, tuple[int, str]] = {}
    figures: dict[int, Figures] = {}
    merging: dict[str, list[tuple[Line, Figures, FormerUnit]]] = {}
    for line in lines:
        if line.kind == ORPHAN:
            sink(
                ("dòng có số liệu nhưng thiếu tên đơn vị", "a row with figures but no unit name"),
                line.row,
                table.unit_col,
                expected=("tên đơn vị", "the unit's name"),
                found="",
            )
            continue
        if line.kind == NOT_REPORTED:
            former = index.former(line.name, province.unit_id, year) if level == "D" else None
            if former is not None and former.relation == "merged":
                # A part that did not report: the unit it became has no whole figure (said below).
                merging.setdefault(former.successor.unit_id, []).append((line, Figures(), former))
            sink(
                (
                    f"'{line.name}' chưa báo cáo: không nạp số liệu của đơn vị này",
                    f"'{line.name}' did not report: none of its figures are loaded",
                ),
                line.row,
                table.unit_col,
                severity="warning",
                found=text(next((v for v in rows[line.row][table.unit_col + 1 :] if text(v)), "")),
            )
            continue
        if line.kind not in (UNIT, SECTION, TOTAL):
            continue
        got = read_figures(rows[line.row], line.row, columns, sink)
        figures[line.row] = got
        if line.kind != UNIT:
            continue
        former = index.former(line.name, province.unit_id, year) if level == "D" and line.name else None
        if former is not None and former.relation == "merged":
            # Added up once every part of the unit it became is read (below).
            merging.setdefault(former.successor.unit_id, []).append((line, got, former))
            continue
        unit = None
        if not got.values and not got.bad:
            # A note under the table, or a unit that gave nothing: only a unit is checked.
            try:
                unit = index.match(line.code or line.name, province.system, level, province.unit_id)
            except UnitNotFound:
                continue
        unit = unit or match_unit(index, line, table, province, level, year, sink)
        if unit is None:
            line.kind = "unknown"
            continue
        if unit.unit_id in seen:
            first_row, first_name = seen[unit.unit_id]
            written = line.name or line.code
            sink(
                (
                    f"'{written}' trùng với '{first_name}' ở dòng {first_row + 1}: hai dòng cho cùng một đơn vị",
                    f"'{written}' is the same unit as '{first_name}' on row {first_row + 1}",
                ),
                line.row,
                table.unit_col,
                HEAD_UNIT,
                found=written,
            )
            line.kind = "duplicate"
            continue
        seen[unit.unit_id] = (line.row, line.name or line.code)
        report.units_listed.append(unit.unit_id)
        for code, (value, approx) in _checked(got, line.row, columns, sink).items():
            report.values.append(Value(code, unit.unit_id, year, value, approx, f"{sheet or 'CSV'}!{line.row + 1}"))
    for parts in merging.values():
        _merge(parts, seen, figures, table, columns, report, sink)
    return figures


def _checked(got: Figures, r: int, columns: Columns, sink: Sink) -> dict[str, tuple[float, bool]]:
    """A line's values without those larger than the whole they are part of (each said)."""
    indicators = catalogue()
    kept: dict[str, tuple[float, bool]] = {}
    for c, ind in columns.indicators.items():
        if ind.code not in got.values:
            continue
        value, approx = got.values[ind.code]
        parent = got.values.get(ind.parent) if ind.parent else None
        if parent is not None and value > parent[0]:
            _above_whole(sink, r, c, ind, indicators[ind.parent], parent[0], value)
            continue
        kept[ind.code] = (value, approx)
    return kept


def _merge(
    parts: list[tuple[Line, Figures, FormerUnit]],
    seen: dict[str, tuple[int, str]],
    figures: dict[int, Figures],
    table: Table,
    columns: Columns,
    report: SheetReport,
    sink: Sink,
) -> None:
    """A report from before a merger lists the districts a unit of today's list was made of: their counts add
    up to that unit when every part is there, and are refused, naming what is missing, when one is not (a part
    is never loaded as the whole). The successor's own row is a part when it stood before the merger (the city
    of Hòa Bình took in Kỳ Sơn) and a contradiction when it did not (the city of Hoa Lư did not exist in 2023)."""
    first, _, former = parts[0]
    new = former.successor
    own = seen.get(new.unit_id)
    if own is not None and new.name not in former.parts:
        sink(
            (
                f"'{former.written}' đã nhập vào {new.name}, mà {new.name} cũng có dòng riêng (dòng {own[0] + 1}): "
                "báo cáo trước khi sáp nhập ghi các đơn vị cũ, sau đó ghi đơn vị mới, không ghi cả hai",
                f"'{former.written}' went into {new.name}, which has its own row too (row {own[0] + 1}): a report "
                "from before the merger lists the former units, a later one the new unit, never both",
            ),
            first.row,
            table.unit_col,
            HEAD_UNIT,
            found=former.written,
        )
        return
    rows = [(line, got, f.name) for line, got, f in parts]
    if own is not None:
        rows.append((Line(own[0], UNIT, own[1]), figures[own[0]], new.name))
        # Its values were read as the whole unit's: they are one part of it.
        report.values[:] = [v for v in report.values if v.unit_id != new.unit_id]
    named: dict[str, int] = {}
    for line, _, name in rows:
        if name in named:
            sink(
                (
                    f"'{line.name}' trùng với dòng {named[name] + 1}: hai dòng cho cùng một đơn vị",
                    f"'{line.name}' is the same unit as row {named[name] + 1}",
                ),
                line.row,
                table.unit_col,
                HEAD_UNIT,
                found=line.name,
            )
            return
        named[name] = line.row
    missing = [n for n in former.parts if n not in named]
    if missing:
        sink(
            (
                f"'{former.written}' đã nhập vào {new.name}, nhưng báo cáo không có dòng cho {', '.join(missing)}: "
                f"danh mục chỉ có {new.name}, và số liệu thiếu một phần không được nạp như của cả đơn vị",
                f"'{former.written}' went into {new.name}, but the report has no row for {', '.join(missing)}: the "
                f"unit list has only {new.name}, and part of its figures is never loaded as the whole",
            ),
            first.row,
            table.unit_col,
            HEAD_UNIT,
            found=former.written,
            expected=(
                f"một dòng cho mỗi đơn vị hợp thành {new.name}: {', '.join(former.parts)}",
                f"a row for each unit that made {new.name}: {', '.join(former.parts)}",
            ),
        )
        return
    rows.sort(key=lambda r: r[0].row)
    # The successor's own row was checked when it was read as a unit: its problems are not said twice.
    quiet: Sink = lambda *_, **__: None  # noqa: E731
    checked = [
        (line, _checked(got, line.row, columns, quiet if own and line.row == own[0] else sink)) for line, got, _ in rows
    ]
    added = False
    where = f"{report.sheet or 'CSV'}!" + "+".join(str(line.row + 1) for line, _ in checked)
    listing = ", ".join(f"'{line.name}'" for line, _ in checked)
    for c, ind in columns.indicators.items():
        given = [v[ind.code] for _, v in checked if ind.code in v]
        if not given:
            continue
        if len(given) < len(checked):
            lacking = ", ".join(f"'{line.name}'" for line, v in checked if ind.code not in v)
            sink(
                (
                    f"không nạp '{ind.name_vi}' của {new.name}: {lacking} không có số liệu, tổng sẽ thiếu",
                    f"'{ind.name_en}' of {new.name} not loaded: {lacking} gave no figure, the sum would be short",
                ),
                first.row,
                c,
                ind.name_vi,
                severity="warning",
            )
            continue
        total = sum(v for v, _ in given)
        approx = any(a for _, a in given)
        report.values.append(Value(ind.code, new.unit_id, report.year, total, approx, where))
        added = True
    if not added:
        return
    sink(
        (
            f"{listing} được cộng thành {new.name}, đơn vị trong danh mục sau sáp nhập",
            f"{listing} are added up as {new.name}, the unit the merger made",
        ),
        first.row,
        table.unit_col,
        HEAD_UNIT,
        severity="warning",
        found=former.written,
    )
    if own is None:
        seen[new.unit_id] = (first.row, former.written)
        report.units_listed.append(new.unit_id)


def _above_whole(sink: Sink, r: int, c: int, ind: Indicator, whole: Indicator, limit: float, value: float) -> None:
    sink(
        (
            f"'{ind.name_vi}' lớn hơn '{whole.name_vi}'",
            f"'{ind.name_en}' is larger than '{whole.name_en}'",
        ),
        r,
        c,
        ind.name_vi,
        expected=(f"không quá {limit:g}", f"at most {limit:g}"),
        found=f"{value:g}",
    )


def check_totals(lines: list[Line], figures: dict[int, Figures], columns: Columns, sink: Sink) -> None:
    """Total rows (top or bottom) against the sum of the units; a section's subtotal against its members."""
    units = [ln for ln in lines if ln.kind == UNIT and ln.row in figures]

    def sum_of(members: list[Line], code: str) -> float:
        return sum(figures[m.row].values[code][0] for m in members if code in figures[m.row].values)

    for i, line in enumerate(lines):
        if line.kind not in (TOTAL, SECTION) or line.row not in figures:
            continue
        if line.kind == TOTAL:
            members, what = (
                units,
                ("dòng tổng cộng khác tổng các dòng", "the total row differs from the sum of the rows"),
            )
        else:
            members = []
            for later in lines[i + 1 :]:
                if later.kind in (SECTION, TOTAL, BREAKDOWN):
                    break
                if later.kind == UNIT and later.row in figures:
                    members.append(later)
            what = (
                f"dòng tổng của nhóm '{line.name}' khác tổng các đơn vị trong nhóm",
                f"the subtotal of '{line.name}' differs from the sum of its units",
            )
        for c, ind in columns.indicators.items():
            given = figures[line.row].values.get(ind.code)
            if given is None:
                continue
            expected = sum_of(members, ind.code)
            if given[0] != expected:
                sink(what, line.row, c, ind.name_vi, expected=f"{expected:g}", found=f"{given[0]:g}")
