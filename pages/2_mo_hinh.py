"""Mô hình & câu lạc bộ: clubs, groups and models, communes with a model against plan targets."""

import streamlit as st

from analytics import charts, queries, ui
from core.i18n import t

COUNTS = ("clubs_sustainable_family", "clubs_dv_prevention", "dv_models", "communes_with_model")
RATIOS = ("pct_communes_with_model", "dv_models_per_10_communes", "clubs_dv_prevention_per_10000_households")

filters = ui.page_setup("nav_models")
lang = filters.lang
meta = queries.indicators()
targets = queries.targets(filters.province_id)
frame = queries.values(filters.unit_id, COUNTS + RATIOS, filters.first, filters.last, filters.scope)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
ui.data_notes(frame, filters)
ui.quality_note(filters, ("network",))

ui.kpi_cards(frame, meta, COUNTS[:3] + RATIOS[:1], filters.last, lang)
left, right = st.columns(2)
ui.chart(charts.trend_lines, frame, COUNTS[:3], "chart_models", filters, left)
ui.chart(charts.ratio_lines, frame, RATIOS[:1], "chart_model_coverage", filters, right, targets=targets)
ui.chart(charts.ratio_lines, frame, RATIOS[1:], "chart_density", filters)

ranked = ui.ranking(filters, meta, COUNTS[:3] + RATIOS, "models")
ui.topic_downloads(frame, ranked, meta, filters, "mo-hinh")
