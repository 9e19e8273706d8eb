"""Trẻ em: children under 16 and under 6, children in special circumstances, child-abuse cases."""

import streamlit as st

from analytics import charts, queries, ui
from core.i18n import t

COUNTS = ("children_total", "children_under6", "children_special", "child_abuse_cases")

filters = ui.page_setup("nav_children")
lang = filters.lang
meta = queries.indicators()
frame = queries.values(filters.unit_id, COUNTS, filters.first, filters.last, filters.scope)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
ui.data_notes(frame, filters)
ui.quality_note(filters, ("children",))
st.info(t("hotline_111", lang), icon=":material/call:")

ui.kpi_cards(frame, meta, COUNTS, filters.last, lang)
left, right = st.columns(2)
ui.chart(charts.trend_lines, frame, COUNTS[:2], "chart_children", filters, left)
ui.chart(charts.trend_lines, frame, COUNTS[2:3], "chart_children_special", filters, right)
ui.chart(charts.stacked_bars, frame, COUNTS[3:], "chart_child_abuse", filters)

ranked = ui.ranking(filters, meta, COUNTS, "children")
ui.topic_downloads(frame, ranked, meta, filters, "tre-em")
