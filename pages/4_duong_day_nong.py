"""Đường dây nóng & địa chỉ tin cậy: hotlines and trusted addresses, and how many communes have a hotline."""

import streamlit as st

from analytics import charts, components, queries
from analytics.downloads import topic_downloads

COUNTS = ("hotlines", "trusted_addresses", "communes_with_hotline")
RATIOS = ("pct_communes_with_hotline", "trusted_addresses_per_10_communes")

filters, meta, frame = components.topic_page("nav_hotlines", COUNTS + RATIOS, ("network",), COUNTS[:2] + RATIOS)
targets = queries.targets(filters.province_id)
left, right = st.columns(2)
components.chart(charts.trend_lines, frame, COUNTS[:2], "chart_hotlines", filters, left)
components.chart(charts.ratio_lines, frame, RATIOS[:1], "chart_hotline_coverage", filters, right, targets=targets)

ranked = components.ranking(filters, meta, COUNTS[:2] + RATIOS, "hotlines")
topic_downloads(frame, ranked, meta, filters, "duong-day-nong")
