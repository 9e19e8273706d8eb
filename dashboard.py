"""Tổng quan: key figures for the chosen province or district and year, with the trend behind them."""

import streamlit as st

from analytics import charts, components, queries
from analytics.brief_ui import brief_buttons, summary_paragraph
from analytics.downloads import downloads
from analytics.export import tidy
from analytics.frame import data_notes, page_setup, unit_label
from core.i18n import t
from core.units import NATIONAL_ID

filters = page_setup("nav_home", brief_buttons)
lang = filters.lang
meta = queries.indicators()
label = unit_label(filters)

codes = tuple(dict.fromkeys(queries.KPI_INDICATORS + queries.NETWORK_TREND + queries.DV_FORMS))
frame = queries.values(filters.unit_id, codes, filters.first, filters.last, filters.scope)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
data_notes(frame, filters)
components.quality_note(filters)

st.subheader(t("kpi_heading", lang, year=filters.last))
components.kpi_cards(frame, meta, queries.KPI_INDICATORS, filters.last, lang)
# The same sentences the brief and the Word report carry.
summary_paragraph(filters)

left, right = st.columns(2)
components.chart(charts.trend_lines, frame, queries.NETWORK_TREND, "trend_network", filters, left)
components.chart(charts.stacked_bars, frame, queries.DV_FORMS, "trend_dv", filters, right)

# The country, for scale: the provinces on a map, and the national figures as published.
st.subheader(t("national_heading", lang))
left, right = st.columns([2, 3])
with left:
    codes_on_map = queries.map_indicators(filters.system)
    code = components.MAP_DEFAULT if components.MAP_DEFAULT in codes_on_map else codes_on_map[0]
    _, year = components.map_years(filters, code)
    components.province_map(
        queries.province_map(filters.system, code, year, filters.scope), filters, code, year, "home", 480
    )
    st.caption(t("map_overview_caption", lang))
    st.page_link("pages/1_ban_do.py", label=t("map_open", lang), icon=":material/map:")
with right:
    components.national_series(queries.published(NATIONAL_ID), meta, lang)
    st.page_link("pages/11_nguon_so_lieu.py", label=t("nav_sources", lang), icon=":material/menu_book:")

downloads(lambda: tidy(frame[frame["indicator"].isin(codes)], meta, label, lang), filters, "tong-quan")
