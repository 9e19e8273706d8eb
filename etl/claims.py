"""What a report sheet says about itself: its year, its province, the period its figures cover, and its level."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from core.textnorm import ascii_fold, declared_level, key
from core.units import PRE2025, Unit, UnitIndex, UnitNotFound, unit_frames
from etl.report import MIN_YEAR
from etl.table import Sink, Table, header_level, text
from etl.template import LABEL_PROVINCE, LABEL_YEAR

SOURCE_EN = {"tên sheet": "sheet name", "tiêu đề": "title", "tên tệp": "file name"}
_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TITLE_YEAR_RE = re.compile(r"\bnam\s+(20\d\d)(?!\d)")
# Dates name when a report was signed, not the year it reports on: "ngày 15 tháng 01 năm 2024", "15/01/2024",
# "2024-03-15". They are taken out before looking for the year.
_DATE_RE = re.compile(
    r"ngay\s*\d{1,2}\s*thang\s*\d{1,2}(?:\s*nam\s*\d{4})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
)


def metadata(rows: list[list[object]], header_row: int, label: str) -> tuple[str, int, int] | None:
    """Value after a label in the block above the header: (text, row, column)."""
    want = key(label)
    for r in range(header_row):
        row = rows[r]
        for c, cell in enumerate(row):
            if key(text(cell)) == want:
                for c2 in range(c + 1, len(row)):
                    if text(row[c2]):
                        return text(row[c2]), r, c2
                return "", r, c
    return None


def _one_year(value: str, pattern: re.Pattern[str]) -> int | None:
    """The one report year a text names, dates left aside; none when it names several or a future one."""
    distinct = {int(y) for y in pattern.findall(_DATE_RE.sub(" ", ascii_fold(value)))}
    if len(distinct) != 1:
        return None
    year = distinct.pop()
    return year if MIN_YEAR <= year <= date.today().year else None


def year(file: str, sheet: str, rows: list[list[object]], header_row: int, title: str, sink: Sink) -> int | None:
    """The report year: the template's label, else the sheet name ("Năm 2024"), the title ("… năm 2024"),
    the file name; sources that name a year must agree."""
    said = {
        "tên sheet": _one_year(sheet, _YEAR_RE),
        "tiêu đề": _one_year(title, _TITLE_YEAR_RE),
        "tên tệp": _one_year(Path(file).stem, _YEAR_RE),
    }
    meta = metadata(rows, header_row, LABEL_YEAR)
    if meta is not None and meta[0]:
        value, r, c = meta
        if not (value.isdigit() and MIN_YEAR <= int(value) <= date.today().year):
            sink(
                ("năm báo cáo không hợp lệ", "the report year is not valid"),
                r,
                c,
                expected=(
                    f"năm từ {MIN_YEAR} đến {date.today().year}",
                    f"a year from {MIN_YEAR} to {date.today().year}",
                ),
                found=value,
            )
            return None
        found, where = int(value), (r, c)
    else:
        source = next((k for k, v in said.items() if v is not None), None)
        if source is None:
            sink(
                ("không xác định được năm báo cáo", "the report year cannot be found"),
                expected=(
                    f"'{LABEL_YEAR} 2024' trên bảng, hoặc năm trong tên sheet, tiêu đề hay tên tệp",
                    f"'{LABEL_YEAR} 2024' above the table, or the year in the sheet name, title or file name",
                ),
                found="" if meta else None,
            )
            return None
        found, where = said[source], (None, None)
    # The file name may carry another year (a copy of last year's file): only the sheet and title must agree.
    for source in ("tên sheet", "tiêu đề"):
        if said[source] is not None and said[source] != found:
            sink(
                (
                    f"{source} ghi năm {said[source]}, khác năm báo cáo {found}",
                    f"the {SOURCE_EN[source]} says {said[source]}, not the report year {found}",
                ),
                *where,
                expected=str(found),
                found=str(said[source]),
            )
            return None
    return found


def _province_from_text(index: UnitIndex, year: int, title: str, file: str, sink: Sink) -> Unit | None:
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
            sink(exc.text, found=names[0])
            return None
    if names:
        sink(
            ("tiêu đề nêu nhiều tỉnh/thành phố", "the title names several provinces"),
            expected=(f"ghi rõ '{LABEL_PROVINCE} …' trên bảng", f"'{LABEL_PROVINCE} …' written above the table"),
            found=", ".join(names),
        )
    else:
        sink(
            ("không xác định được tỉnh/thành phố", "the province cannot be found"),
            expected=(
                f"'{LABEL_PROVINCE} …' trên bảng, hoặc tên tỉnh trong tiêu đề hay tên tệp",
                f"'{LABEL_PROVINCE} …' above the table, or the province in the title or file name",
            ),
        )
    return None


def province(
    index: UnitIndex, year: int, rows: list[list[object]], table: Table, title: str, sink: Sink
) -> Unit | None:
    """The report's province: the template's label, else the title or the file name."""
    meta = metadata(rows, table.row, LABEL_PROVINCE)
    if not (meta and meta[0]):
        return _province_from_text(index, year, title, sink.file, sink)
    value, r, c = meta
    try:
        return index.province(value, year)
    except UnitNotFound as exc:
        sink(
            exc.text,
            r,
            c,
            expected=("tỉnh/thành phố có trong danh mục đơn vị hành chính", "a province in the unit list"),
            found=value,
        )
        return None


# Part of a year: "6 tháng đầu năm", "9 tháng", "quý I", "từ đầu năm đến nay", "nửa đầu năm" ("6 tháng tuổi" is
# an age, "ngày 5 tháng 3" a date).
_MONTHS = r"(?:[1-9]|1[01]|mot|hai|ba|bon|sau|bay|tam|chin|muoi|muoi mot)"
_PARTIAL = re.compile(
    rf"(?<![\d/.])\b{_MONTHS}\s+thang\b(?!\s+(?:tuoi|\d))|\bquy\s+(?:i{{1,3}}|iv|[1-4])\b"
    r"|\btu dau nam\b|\bnua (?:dau|cuoi) nam\b|\b\d{1,2}\s*thang (?:dau|cuoi) nam\b"
)
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_SPAN = re.compile(rf"\btu\s*(?:ngay\s*)?{_DATE}\s*(?:den|toi|-|–)\s*(?:het\s*)?(?:ngay\s*)?{_DATE}")
_AS_OF = re.compile(rf"\b(?:tinh )?den (?:het )?(?:ngay\s*)?{_DATE}|\btinh den (?:het )?thang\s*(\d{{1,2}})\b")
_SIGNED = re.compile(r"ngay\s*\d{1,2}\s*thang\s*\d{1,2}(?:\s*nam\s*\d{4})?")


def _day(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def partial_period(value: str) -> str | None:
    """The words by which a text says its figures cover part of a year, or None.

    A year is 01/01–31/12, or the statistical year of Nghị định 09/2019/NĐ-CP (15/12 of the year before to
    14/12); a span of 360 days or more counts as a year, and "tính đến" a day from 14/12 to 31/12 too."""
    folded = _SIGNED.sub(" ", ascii_fold(value))
    if m := _PARTIAL.search(folded):
        return m.group()
    for m in _SPAN.finditer(folded):
        start, end = _day(*m.groups()[:3]), _day(*m.groups()[3:])
        if start and end and not 360 <= (end - start).days <= 370:
            return m.group()
    for m in _AS_OF.finditer(folded):
        if m.group(4):
            if int(m.group(4)) < 12:
                return m.group()
            continue
        day = _day(m.group(1), m.group(2), m.group(3))
        if day and not (day.month == 12 and day.day >= 14):
            return m.group()
    return None


def period(rows: list[list[object]], table: Table, sheet: str, sink: Sink) -> bool:
    """Whether the sheet says (title, header, notes below the table, or sheet name) that its figures cover
    part of a year; such a report is refused, never stored as the year's figure. The first claim is named."""
    places: list[tuple[str, int | None, int | None]] = [(sheet, None, None)]
    for r, row in enumerate(rows):
        # Title and header in full; below them the cells a note is written in, not every figure of a wide sheet.
        head = r < table.first_data_row
        for c, v in enumerate(row if head else row[: table.unit_col + 22]):
            if isinstance(v, str) and (head or c <= table.unit_col + 1 or len(v) > 12):
                places.append((v, r, c))
    for value, r, c in places:
        claim = partial_period(value)
        if claim:
            sink(
                (
                    f"số liệu một phần của năm ('{claim}'): không nạp thành số liệu cả năm",
                    f"figures for part of a year ('{claim}'): not loaded as the year's figures",
                ),
                r,
                c,
                expected=(
                    "báo cáo cả năm (01/01–31/12, hoặc 15/12 năm trước–14/12)",
                    "a whole year's report (1 January–31 December, or 15 December of the year before–14 December)",
                ),
                found=text(value),
            )
            return True
    return False


@cache
def _predecessors(province_id: str) -> tuple[str, ...]:
    """The pre-2025 provinces a 2025 province was formed from."""
    _, crosswalk, _ = unit_frames()
    rows = crosswalk[(crosswalk.to_unit == province_id) & crosswalk.from_unit.str.startswith(f"{PRE2025}:P:")]
    return tuple(rows.from_unit)


def former_district(index: UnitIndex, name: str, province: Unit) -> bool:
    """Whether `name` is a pre-2025 district of a province that went into the 2025 `province`; a name written
    as a commune ("Xã Yên Lạc", "Phường Vĩnh Yên") is not."""
    if not name or declared_level(name) == "C":
        return False
    for old in _predecessors(province.unit_id):
        try:
            index.match(name, PRE2025, "D", old)
            return True
        except UnitNotFound:
            continue
    return False


def level(index: UnitIndex, table: Table, names: list[tuple[int, str]], province: Unit, year: int, sink: Sink) -> bool:
    """Whether a report for 2025 or later is by district: its unit column says so, or most of its unit names
    are the province's former districts (the commune that kept a district's name is the trap: the district's
    30,000 households must not become one commune's). Such a report is refused, saying why."""
    header = table.header(table.unit_col)
    if header_level(header) == "D":
        sink(
            (
                f"cột '{header}' ghi đơn vị cấp huyện: từ 01/7/2025 không còn cấp huyện, báo cáo năm {year} "
                "lập theo xã/phường của tỉnh",
                f"column '{header}' lists districts: districts ended on 1 July 2025, a {year} report lists the "
                "province's communes and wards",
            ),
            table.row,
            table.unit_col,
            found=header,
        )
        return True
    districts = [(r, n) for r, n in names if former_district(index, n, province)]
    if len(districts) >= 2 and 2 * len(districts) > len(names):
        listing = ", ".join(f"'{n}'" for _, n in districts[:5]) + (" …" if len(districts) > 5 else "")
        sink(
            (
                f"báo cáo lập theo huyện cũ: {listing} là huyện trước 01/7/2025; không nạp vào các xã/phường trùng "
                f"tên. Báo cáo năm {year} lập theo xã/phường của {province.name}",
                f"a report by former district: {listing} were districts before 1 July 2025; not loaded into the "
                f"communes of the same name. A {year} report lists the communes and wards of {province.name}",
            ),
            districts[0][0],
            table.unit_col,
            found=districts[0][1],
        )
        return True
    return False
