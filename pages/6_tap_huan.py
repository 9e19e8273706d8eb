"""Tập huấn: classes and participants, and the share of family-work officials trained against the target."""

import streamlit as st

from analytics import charts, components, queries
from analytics.downloads import topic_downloads

COUNTS = ("training_classes", "training_participants", "officials_trained", "officials_family_work")
RATIOS = ("pct_officials_trained",)

filters, meta, frame = components.topic_page("nav_training", COUNTS + RATIOS, ("training",), COUNTS[:3] + RATIOS)
targets = queries.targets(filters.province_id)
left, right = st.columns(2)
components.chart(charts.stacked_bars, frame, COUNTS[:1], "chart_classes", filters, left)
components.chart(charts.stacked_bars, frame, COUNTS[1:2], "chart_participants", filters, right)
components.chart(charts.ratio_lines, frame, RATIOS, "chart_officials_trained", filters, targets=targets)

ranked = components.ranking(filters, meta, COUNTS[:3] + RATIOS, "training")
topic_downloads(frame, ranked, meta, filters, "tap-huan")
