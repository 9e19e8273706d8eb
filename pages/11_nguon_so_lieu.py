"""Nguồn số liệu: published figures and figures accepted from texts, with link and quote; the national series."""

import pandas as pd
import streamlit as st

from analytics import components, queries
from analytics.downloads import public_csv
from analytics.fmt import number, said_in
from analytics.frame import page_frame
from core.i18n import indicator_name, t

lang, scope = page_frame("nav_sources")  # published figures are public
st.caption(t("sources_caption", lang))
meta = queries.indicators()
figures = queries.published()
if figures.empty:
    st.info(t("no_data", lang))
    st.stop()

components.national_series(figures, meta, lang)

units = figures.drop_duplicates("unit_id").sort_values("unit_name")
names = {"": t("sources_all", lang), **dict(zip(units["unit_id"], units["unit_name"], strict=True))}
left, right = st.columns([2, 1], vertical_alignment="bottom")
chosen = left.selectbox(t("sources_unit", lang), list(names), format_func=names.get, key="src_unit")
yearly = right.toggle(t("sources_yearly_only", lang), key="src_yearly")
shown = figures if not chosen else queries.published(chosen)
if yearly:
    shown = shown[shown["period_type"] == "year"]


def unit_of(code: object, written: str) -> str:
    """The unit as the source wrote it, in the page's language where a translation is kept: an indicator's own
    unit ("vụ") is its catalogue unit ("cases"); a source's notes in it ("approx.") are said in words."""
    if isinstance(code, str) and code in meta.index and written == meta.loc[code, "unit_vi"]:
        return str(meta.loc[code, "unit_en" if lang == "en" else "unit_vi"])
    return said_in(written, lang)


def flags(row: pd.Series) -> str:
    said = [t("flag_approx", lang)] if row["is_approx"] else []
    said += [t("flag_year_uncertain", lang)] if row["year_uncertain"] else []
    said += [t("flag_not_yearly", lang)] if row["period_type"] != "year" else []
    return "; ".join(said)


table = pd.DataFrame(
    {
        t("col_year", lang): shown["year"].astype(int),
        t("col_unit", lang): shown["unit_name"].fillna(shown["province_text"]),
        t("col_indicator", lang): [
            indicator_name(meta, c, lang) if isinstance(c, str) else said_in(label, lang)
            for c, label in zip(shown["indicator"], shown["label"], strict=True)
        ],
        t("col_value", lang): [number(v, lang, 0 if float(v).is_integer() else 1) for v in shown["value"]],
        t("col_unit_of_measure", lang): [
            unit_of(c, u) for c, u in zip(shown["indicator"], shown["unit_text"], strict=True)
        ],
        t("col_note", lang): [flags(r) for _, r in shown.iterrows()],
        t("col_source_kind", lang): [t(f"kind_{k}", lang) for k in shown["source_kind"]],
        t("col_source", lang): shown["source_url"],
        t("col_published", lang): shown["published_on"].dt.strftime("%d/%m/%Y").fillna(""),
        # The quote as the source wrote it: a leading "[…]" is the compiler's note, said in the columns before.
        t("col_quote", lang): shown["quote"].str.replace(r"^\[[^\]]*\]\s*", "", regex=True),
    }
)
st.caption(t("sources_count", lang, n=len(table), m=shown["source_url"].nunique()))
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=520,
    column_config={
        t("col_source", lang): st.column_config.LinkColumn(t("col_source", lang), display_text=r"https?://([^/]+)"),
        t("col_quote", lang): st.column_config.TextColumn(t("col_quote", lang), width="large"),
        t("col_value", lang): st.column_config.TextColumn(t("col_value", lang), alignment="right"),
    },
)
public_csv(table, "so-lieu-cong-bo.csv", scope, lang)
