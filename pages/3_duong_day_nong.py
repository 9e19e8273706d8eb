"""Đường dây nóng & địa chỉ tin cậy: hotlines and trusted addresses, and how many communes have a hotline."""

import streamlit as st

from analytics import charts, queries, ui
from core.i18n import t

COUNTS = ("hotlines", "trusted_addresses", "communes_with_hotline")
RATIOS = ("pct_communes_with_hotline", "trusted_addresses_per_10_communes")

filters = ui.page_setup("nav_hotlines")
lang = filters.lang
meta = queries.indicators()
targets = queries.targets(filters.province_id)
frame = queries.values(filters.unit_id, COUNTS + RATIOS, filters.first, filters.last, filters.scope)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
ui.data_notes(frame, filters)
ui.quality_note(filters, ("network",))

ui.kpi_cards(frame, meta, COUNTS[:2] + RATIOS, filters.last, lang)
left, right = st.columns(2)
ui.chart(charts.trend_lines, frame, COUNTS[:2], "chart_hotlines", filters, left)
ui.chart(charts.ratio_lines, frame, RATIOS[:1], "chart_hotline_coverage", filters, right, targets=targets)

ranked = ui.ranking(filters, meta, COUNTS[:2] + RATIOS, "hotlines")
ui.topic_downloads(frame, ranked, meta, filters, "duong-day-nong")
