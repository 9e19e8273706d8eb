"""Tổng quan: key figures for the chosen province or district and year, with the trend behind them."""

import streamlit as st

from analytics import charts, queries, ui
from analytics.export import tidy
from analytics.i18n import t
from etl.published import NATIONAL_ID

filters = ui.page_setup("nav_home")
lang = filters.lang
meta = queries.indicators()
label = ui.unit_label(filters)
st.caption(f"{label} · {filters.first}–{filters.last}")

codes = tuple(dict.fromkeys(queries.KPI_INDICATORS + queries.NETWORK_TREND + queries.DV_FORMS))
frame = queries.values(filters.unit_id, codes, filters.first, filters.last)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
ui.data_notes(frame, filters)
ui.quality_note(filters)

st.subheader(t("kpi_heading", lang, year=filters.last))
ui.kpi_cards(frame, meta, queries.KPI_INDICATORS, filters.last, lang)

left, right = st.columns(2)
ui.chart(charts.trend_lines, frame, queries.NETWORK_TREND, "trend_network", filters, left)
ui.chart(charts.stacked_bars, frame, queries.DV_FORMS, "trend_dv", filters, right)

# The country as published, for scale: where the province stands among the national figures.
with st.expander(t("national_expander", lang), icon=":material/public:"):
    ui.national_series(queries.published(NATIONAL_ID), meta, lang)
    st.page_link("pages/10_nguon_so_lieu.py", label=t("nav_sources", lang), icon=":material/menu_book:")

table = tidy(frame[frame["indicator"].isin(codes)], meta, label, lang)
ui.downloads(table, filters, "tong-quan")
