"""Bạo lực gia đình: cases by form and by district, the rate per 1,000 households, victims, handling."""

import streamlit as st

from analytics import charts, components, queries
from analytics.downloads import topic_downloads

FORMS = queries.DV_FORMS
VICTIMS_SEX = ("victims_female", "victims_male")
VICTIMS_AGE = ("victims_under16", "victims_60plus")
HANDLING = (
    "handled_criticism",
    "handled_education",
    "handled_no_contact",
    "handled_admin_penalty",
    "handled_criminal",
    "dv_cases_mediated",
)
TOTALS = ("dv_cases", "dv_households", "victims_total", "perpetrators_total", "dv_cases_per_1000_households")

filters, meta, frame = components.topic_page(
    "nav_violence",
    TOTALS + FORMS + VICTIMS_SEX + VICTIMS_AGE + HANDLING,
    ("violence",),
    ("dv_cases", "dv_households", "dv_cases_per_1000_households"),
)
left, right = st.columns(2)
components.chart(charts.stacked_bars, frame, FORMS, "trend_dv", filters, left)
components.chart(charts.ratio_lines, frame, ("dv_cases_per_1000_households",), "chart_dv_rate", filters, right)
left, right = st.columns(2)
components.chart(charts.stacked_bars, frame, VICTIMS_SEX, "chart_victims_sex", filters, left)
components.chart(charts.stacked_bars, frame, VICTIMS_AGE, "chart_victims_age", filters, right, mode="group")
components.chart(charts.stacked_bars, frame, HANDLING, "chart_handling", filters, mode="group")

ranked = components.ranking(filters, meta, ("dv_cases", "dv_cases_per_1000_households", "victims_total"), "violence")
topic_downloads(frame, ranked, meta, filters, "bao-luc-gia-dinh")
