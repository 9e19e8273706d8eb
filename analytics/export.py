"""Downloads of what is on screen: CSV in UTF-8 with BOM (Excel shows Vietnamese) and XLSX with an about sheet."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from analytics.fmt import is_partial, number, partial_text
from core.i18n import hidden_text, indicator_name, indicator_unit, t
from core.textnorm import ascii_fold, nfc


def _flag(row: pd.Series, col: str) -> bool:
    """A yes/no column that rows from other sources (published figures) leave empty."""
    value = row.get(col)
    return bool(value) if value is not None and pd.notna(value) else False


def tidy(frame: pd.DataFrame, meta: pd.DataFrame, unit: str, lang: str) -> pd.DataFrame:
    """Query rows (indicator, year, value, ...) as a table a person reads: translated headers, no codes.

    `unit` names the rows unless they carry their own `unit_name` (districts side by side)."""

    frame = frame.reset_index(drop=True)  # rows from several queries: one position each
    published = frame["published"].fillna(False).astype(bool) if "published" in frame else None

    def note(i: int, row: dict) -> str:
        if published is not None and published[i]:
            return row["source_url"]  # a published figure: where it was published
        if row["suppressed"]:
            return hidden_text(row, meta.loc[row["indicator"], "kind"] == "ratio", lang)
        if pd.isna(row["value"]):
            return t("no_value", lang)  # a province on the map without a figure
        marks = [partial_text(row, lang)] + [t(col, lang) for col in ("unstable", "unprotected") if _flag(row, col)]
        return "; ".join(m for m in marks if m)

    if frame.empty:  # e.g. no ranking when a district is chosen: the headers alone
        frame = pd.DataFrame(columns=["indicator", "year", "value", "is_sample", "suppressed"])

    return pd.DataFrame(
        {
            t("col_unit", lang): frame.get("unit_name", unit),
            t("col_year", lang): frame["year"].astype(int),
            t("col_indicator", lang): [indicator_name(meta, c, lang) for c in frame["indicator"]],
            # Counts as whole numbers ("45", not "45.0"), ratios to two decimals, hidden or missing left empty.
            t("col_value", lang): pd.Series(
                [
                    None if pd.isna(v) else int(v) if float(v).is_integer() else round(float(v), 2)
                    for v in frame["value"]
                ],
                dtype=object,
                index=frame.index,
            ),
            t("col_unit_of_measure", lang): [indicator_unit(meta, c, lang) for c in frame["indicator"]],
            # A sum of only some members is a kind of value of its own: "Báo cáo, một phần".
            t("col_kind", lang): [
                t(
                    "kind_published"
                    if published is not None and published[i]
                    else "kind_sample"
                    if s
                    else "kind_report",
                    lang,
                )
                + (f", {t('partial_mark', lang)}" if is_partial(r) else "")
                for i, s, r in zip(frame.index, frame["is_sample"], frame.to_dict("records"), strict=True)
            ],
            t("col_note", lang): [note(i, r) for i, r in enumerate(frame.to_dict("records"))],
        }
    )


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a file name or a
# quote that came in with a report must not become "=HYPERLINK(...)" on a leader's computer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells (and headers) that start like a formula get a leading apostrophe, which spreadsheets
    read as "this is text"; numbers are left alone, negative ones included."""

    def safe(value: object) -> object:
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value

    # Cell by cell, keeping each column's dtype: a column of 45 and 0.13 must not come back as 45.0.
    out = table.rename(columns=safe)
    for i in range(out.shape[1]):
        values = out.iloc[:, i]
        if not pd.api.types.is_numeric_dtype(values):
            out.isetitem(i, pd.Series([safe(v) for v in values], index=values.index, dtype=values.dtype))
    return out


def csv_bytes(table: pd.DataFrame) -> bytes:
    # CRLF rows (RFC 4180), so a carriage return inside a cell is quoted rather than breaking the row.
    return defused(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def slug(text: str) -> str:
    """Words as a file name part: "Phú Thọ" -> "phu-tho", "Đường dây nóng" -> "duong-day-nong" (ASCII, no
    diacritics, đ as d)."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


def file_name(what: str, where: str, first: int, last: int) -> str:
    """A download's name in words, without its extension: what, where, when ("duong-day-nong_phu-tho_2019-2024")."""
    years = str(first) if first == last else f"{first}-{last}"
    return "_".join(part for part in (slug(what), slug(where), years) if part)


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str) -> str:
    """A name Excel accepts for a sheet: none of []:*?/\\, no apostrophe at either end, at most 31 characters
    (composed, so a letter with its marks is one; cut at a space rather than inside a word)."""
    name = nfc(_SHEET_FORBIDDEN.sub(" ", text)).strip("' ")
    if len(name) > 31:
        cut = name[:32].rsplit(" ", 1)[0] if " " in name[:32] else name[:31]
        name = cut.rstrip(",;–- ").strip("' ")
    return name or "Sheet"


@dataclass(frozen=True)
class Wide:
    """A long table turned year by column: `cells` holds numbers, "Ẩn" for hidden cells and None for missing;
    `partial` says which numbers are sums of only some units. The first `keys` columns name the row."""

    cells: pd.DataFrame
    partial: pd.DataFrame
    keys: int


def wide(table: pd.DataFrame, lang: str) -> Wide | None:
    """A tidy table (see `tidy`) with one column per year: the unit, the indicator and its unit of measure name
    each row. None when the table has no years and values, or names one figure twice (a sheet that would drop or
    merge a figure is worse than none)."""
    unit, year, indicator, value = (t(k, lang) for k in ("col_unit", "col_year", "col_indicator", "col_value"))
    measure, kind, note = (t(k, lang) for k in ("col_unit_of_measure", "col_kind", "col_note"))
    if not {year, indicator, value, kind, note} <= set(table.columns) or table.empty:
        return None
    hidden_notes = {t("suppressed_rate", lang), t("suppressed_complement", lang)}
    published = table[kind].astype(str).str.startswith(t("kind_published", lang))
    series = table[indicator].where(~published, table[indicator] + f" ({t('wide_published', lang)})")
    rows = pd.DataFrame({unit: table.get(unit, ""), indicator: series})
    if measure in table:
        rows[measure] = table[measure]
    hidden = table[value].isna() & table[note].isin(hidden_notes)
    cell = table[value].astype(object).where(~hidden, t("hidden", lang))
    part = table[kind].astype(str).str.endswith(f", {t('partial_mark', lang)}") & ~hidden
    long = rows.assign(_year=table[year].astype(int), _cell=cell, _part=part)
    names = list(rows.columns)
    if long.duplicated([*names, "_year"]).any():
        return None
    order = long[names].drop_duplicates()
    years = sorted(long["_year"].unique())
    cells = long.pivot(index=names, columns="_year", values="_cell").reindex(pd.MultiIndex.from_frame(order))
    flags = long.pivot(index=names, columns="_year", values="_part").reindex(pd.MultiIndex.from_frame(order))
    cells = cells.reindex(columns=years).astype(object).where(cells.notna(), None)
    flags = flags.reindex(columns=years).fillna(False).astype(bool)
    cells.columns = flags.columns = [str(y) for y in years]
    return Wide(cells.reset_index(), flags.reset_index(drop=True), len(names))


def _shown(value: object, lang: str, percent: bool) -> str:
    """A number as the language writes it: whole numbers bare, shares to one decimal (as everywhere else), other
    ratios to one or two as they need."""
    v = float(value)  # type: ignore[arg-type]
    places = 0 if v.is_integer() else 1 if percent or round(v, 1) == v else 2
    return number(v, lang, places)


def wide_text(made: Wide, lang: str) -> pd.DataFrame:
    """The wide table as text to read on screen: 1.234,5; "45 (một phần)"; "Ẩn"; "–" where there is no figure."""
    out = made.cells.copy()
    mark = f" ({t('partial_mark', lang)})"
    measure = t("col_unit_of_measure", lang)
    percent = out[measure].eq("%").tolist() if measure in out else [False] * len(out)
    for i, col in enumerate(out.columns[made.keys :]):
        flags = made.partial.iloc[:, i]
        out[col] = [
            "–" if v is None else v if isinstance(v, str) else _shown(v, lang, p) + (mark if f else "")
            for v, f, p in zip(out[col], flags, percent, strict=True)
        ]
    return out


def xlsx_bytes(table: pd.DataFrame, about: list[tuple[str, str]], lang: str, title: str | None = None) -> bytes:
    """Sheets named by what they hold: the figures year by column ("Theo năm"), one row per figure ("Dữ liệu chi
    tiết") and the filters, data date, sources and disclosure control ("Ghi chú"). A table without years and
    values (a scorecard) gets one sheet named `title`. Text is written as text, never as a formula or a link,
    whatever it starts with; hidden cells read "Ẩn" and partial sums "(một phần)" beside the number, which stays
    a number."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    made = wide(table, lang)
    long_name = sheet_name(t("sheet_long", lang) if made is not None or title is None else title)
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        if made is not None:
            _wide_sheet(writer, made, sheet_name(t("sheet_wide", lang)), lang)
        table.to_excel(writer, sheet_name=long_name, index=False)
        sheet = writer.sheets[long_name]
        sheet.set_column(0, 0, 24)
        sheet.set_column(2, 2, 60)
        sheet.set_column(3, 6, 16)
        sheet.freeze_panes(1, 0)
        notes = sheet_name(t("sheet_notes", lang))
        pd.DataFrame(about, columns=["", ""]).to_excel(writer, sheet_name=notes, index=False, header=False)
        writer.sheets[notes].set_column(0, 1, 60)
    return buffer.getvalue()


def _wide_sheet(writer: pd.ExcelWriter, made: Wide, name: str, lang: str) -> None:
    """The year-by-column sheet, written cell by cell: a partial sum keeps its number under a format that shows
    "(một phần)" after it, so it still adds up in Excel and never reads as the whole."""
    book = writer.book
    sheet = book.add_worksheet(name)
    writer.sheets[name] = sheet
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    mark = t("partial_mark", lang).replace('"', "")
    formats = {
        (whole, partial): book.add_format(
            {"num_format": ("#,##0" if whole else "#,##0.0#") + (f' "({mark})"' if partial else ""), "align": "right"}
        )
        for whole in (True, False)
        for partial in (True, False)
    }
    right = book.add_format({"align": "right"})
    cells = made.cells
    for c, header in enumerate(cells.columns):
        sheet.write_string(0, c, str(header), bold)
    for r, row in enumerate(cells.itertuples(index=False), start=1):
        for c, v in enumerate(row):
            if v is None or (isinstance(v, float) and v != v):
                continue
            if c < made.keys:
                sheet.write_string(r, c, str(v))
            elif isinstance(v, str):
                sheet.write_string(r, c, v, right)
            else:
                flag = bool(made.partial.iat[r - 1, c - made.keys])
                sheet.write_number(r, c, float(v), formats[(float(v).is_integer(), flag)])
    below = len(cells) + 2
    sheet.write_string(below, 0, t("wide_note", lang))
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, made.keys - 1, 14)
    sheet.set_column(made.keys, made.keys + cells.shape[1], 16)
    sheet.freeze_panes(1, made.keys)
