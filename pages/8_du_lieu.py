"""Dữ liệu & tải về: every indicator for the chosen unit and years, as a table to read and download."""

import streamlit as st

from analytics import components, queries
from analytics.downloads import downloads
from analytics.export import tidy
from analytics.frame import data_notes, page_setup, unit_label
from core.i18n import t

filters = page_setup("nav_data")
lang = filters.lang
meta = queries.indicators()
label = unit_label(filters)

frame = queries.unit_table(filters.unit_id, filters.first, filters.last, filters.scope)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
data_notes(frame, filters)
components.quality_note(filters)
st.subheader(t("data_heading", lang))
st.caption(t("data_caption", lang, unit=label, first=filters.first, last=filters.last))
table = tidy(frame, meta, label, lang)
components.table(table, lang)
downloads(table, filters, "du-lieu")
