"""Tổng quan: key figures for the chosen province or district and year, with the trend behind them."""

import streamlit as st

from analytics import charts, queries, ui
from analytics.export import tidy
from analytics.i18n import t

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

st.subheader(t("kpi_heading", lang, year=filters.last))
ui.kpi_cards(frame, meta, queries.KPI_INDICATORS, filters.last, lang)

left, right = st.columns(2)
left.plotly_chart(
    charts.trend_lines(frame, meta, queries.NETWORK_TREND, t("trend_network", lang), lang),
    width="stretch",
    config={"displaylogo": False},
)
right.plotly_chart(
    charts.stacked_bars(frame, meta, queries.DV_FORMS, t("trend_dv", lang), lang),
    width="stretch",
    config={"displaylogo": False},
)
hidden = sorted(frame.loc[frame["indicator"].isin(queries.DV_FORMS) & frame["suppressed"], "year"].unique())
if hidden:
    right.caption(t("chart_hidden_years", lang, years=", ".join(map(str, hidden))))

table = tidy(frame[frame["indicator"].isin(codes)], meta, label, lang)
ui.downloads(table, filters, "tong-quan")
