"""Downloads of what is on screen: CSV in UTF-8 with BOM (Excel shows Vietnamese) and XLSX with an about sheet."""

from __future__ import annotations

import io

import pandas as pd

from analytics.fmt import is_partial, partial_text
from core.i18n import hidden_text, indicator_name, indicator_unit, t


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


def xlsx_bytes(table: pd.DataFrame, about: list[tuple[str, str]], lang: str) -> bytes:
    """The table on its first sheet; filters, data date, sources and suppression on a second. Text is
    written as text, never as a formula or a link, whatever it starts with."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        table.to_excel(writer, sheet_name=t("nav_data", lang)[:31], index=False)
        sheet = writer.sheets[t("nav_data", lang)[:31]]
        sheet.set_column(0, 0, 24)
        sheet.set_column(2, 2, 60)
        sheet.set_column(3, 6, 16)
        sheet.freeze_panes(1, 0)
        pd.DataFrame(about, columns=["", ""]).to_excel(
            writer, sheet_name=t("meta_sheet", lang), index=False, header=False
        )
        writer.sheets[t("meta_sheet", lang)].set_column(0, 1, 60)
    return buffer.getvalue()
