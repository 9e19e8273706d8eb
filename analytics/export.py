"""Downloads of what is on screen: CSV in UTF-8 with BOM (Excel shows Vietnamese) and XLSX with an about sheet."""

from __future__ import annotations

import io

import pandas as pd

from analytics.i18n import coverage, indicator_name, indicator_unit, t


def tidy(frame: pd.DataFrame, meta: pd.DataFrame, unit: str, lang: str) -> pd.DataFrame:
    """Query rows (indicator, year, value, ...) as a table a person reads: translated headers, no codes.

    `unit` names the rows unless they carry their own `unit_name` (districts side by side)."""

    frame = frame.reset_index(drop=True)  # rows from several queries: one position each
    published = frame["published"].fillna(False).astype(bool) if "published" in frame else None

    def note(row: pd.Series) -> str:
        if published is not None and published[row.name]:
            return row["source_url"]  # a published figure: where it was published
        if row["suppressed"]:
            return t("suppressed_rate" if meta.loc[row["indicator"], "kind"] == "ratio" else "suppressed", lang)
        if pd.isna(row["value"]):
            return t("no_value", lang)  # a province on the map without a figure
        return coverage(row, lang)

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
            t("col_kind", lang): [
                t(
                    "kind_published"
                    if published is not None and published[i]
                    else "kind_sample"
                    if s
                    else "kind_report",
                    lang,
                )
                for i, s in zip(frame.index, frame["is_sample"], strict=True)
            ],
            t("col_note", lang): [note(r) for _, r in frame.iterrows()],
        }
    )


def csv_bytes(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, about: list[tuple[str, str]], lang: str) -> bytes:
    """The table on its first sheet; filters, data date, sources and suppression on a second."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
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
