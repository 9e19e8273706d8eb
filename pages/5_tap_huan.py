"""Tập huấn: classes and participants, and the share of family-work officials trained against the target."""

import streamlit as st

from analytics import charts, queries, ui
from core.i18n import t

COUNTS = ("training_classes", "training_participants", "officials_trained", "officials_family_work")
RATIOS = ("pct_officials_trained",)

filters = ui.page_setup("nav_training")
lang = filters.lang
meta = queries.indicators()
targets = queries.targets(filters.province_id)
frame = queries.values(filters.unit_id, COUNTS + RATIOS, filters.first, filters.last, filters.scope)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
ui.data_notes(frame, filters)
ui.quality_note(filters, ("training",))

ui.kpi_cards(frame, meta, COUNTS[:3] + RATIOS, filters.last, lang)
left, right = st.columns(2)
ui.chart(charts.stacked_bars, frame, COUNTS[:1], "chart_classes", filters, left)
ui.chart(charts.stacked_bars, frame, COUNTS[1:2], "chart_participants", filters, right)
ui.chart(charts.ratio_lines, frame, RATIOS, "chart_officials_trained", filters, targets=targets)

ranked = ui.ranking(filters, meta, COUNTS[:3] + RATIOS, "training")
ui.topic_downloads(frame, ranked, meta, filters, "tap-huan")
