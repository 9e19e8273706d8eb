"""Mô hình & câu lạc bộ: clubs, groups and models, communes with a model against plan targets."""

import streamlit as st

from analytics import charts, components, queries
from analytics.downloads import topic_downloads

COUNTS = ("clubs_sustainable_family", "clubs_dv_prevention", "dv_models", "communes_with_model")
RATIOS = ("pct_communes_with_model", "dv_models_per_10_communes", "clubs_dv_prevention_per_10000_households")

filters, meta, frame = components.topic_page("nav_models", COUNTS + RATIOS, ("network",), COUNTS[:3] + RATIOS[:1])
targets = queries.targets(filters.province_id)
left, right = st.columns(2)
components.chart(charts.trend_lines, frame, COUNTS[:3], "chart_models", filters, left)
components.chart(charts.ratio_lines, frame, RATIOS[:1], "chart_model_coverage", filters, right, targets=targets)
components.chart(charts.ratio_lines, frame, RATIOS[1:], "chart_density", filters)

ranked = components.ranking(filters, meta, COUNTS[:3] + RATIOS, "models")
topic_downloads(frame, ranked, meta, filters, "mo-hinh")
