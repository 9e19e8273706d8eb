"""Trẻ em: children under 16 and under 6, children in special circumstances, child-abuse cases."""

import streamlit as st

from analytics import charts, components
from analytics.downloads import topic_downloads

COUNTS = ("children_total", "children_under6", "children_special", "child_abuse_cases")

filters, meta, frame = components.topic_page(
    "nav_children", COUNTS, ("children",), COUNTS, notice=("hotline_111", ":material/call:")
)
left, right = st.columns(2)
components.chart(charts.trend_lines, frame, COUNTS[:2], "chart_children", filters, left)
components.chart(charts.trend_lines, frame, COUNTS[2:3], "chart_children_special", filters, right)
components.chart(charts.stacked_bars, frame, COUNTS[3:], "chart_child_abuse", filters)

ranked = components.ranking(filters, meta, COUNTS, "children")
topic_downloads(frame, ranked, meta, filters, "tre-em")
