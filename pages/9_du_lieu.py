"""Dữ liệu & tải về: every indicator for the chosen unit and years, as a table to read and download."""

import streamlit as st

from analytics import components, queries
from analytics.brief_ui import brief_buttons
from analytics.downloads import downloads
from analytics.export import tidy, wide, wide_text
from analytics.frame import data_notes, page_setup, unit_label
from core.i18n import t

filters = page_setup("nav_data", brief_buttons)
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
table = tidy(frame, meta, label, lang)
# One row per figure, or one row per indicator with a column per year; one switch per language (a widget keeps
# the labels it was first drawn with), the choice carried across.
views = ["long", "wide"]
kept = st.session_state.get("_data_view", "long")
view = st.segmented_control(
    t("data_view", lang),
    views,
    format_func=lambda v: t(f"data_view_{v}", lang),
    default=kept if kept in views else "long",
    key="data_view" if lang == "vi" else f"data_view_{lang}",
)
view = view or kept  # clicking the chosen option again clears it: keep the view
st.session_state["_data_view"] = view
by_year = wide(table, lang) if view == "wide" else None
caption = "data_caption" if by_year is None else "data_caption_wide"
st.caption(t(caption, lang, unit=label, first=filters.first, last=filters.last))
if by_year is not None:
    shown = wide_text(by_year, lang).drop(columns=[t("col_unit", lang)])  # the unit is in the caption
    years = list(shown.columns[by_year.keys - 1 :])
    config = {y: st.column_config.TextColumn(y, alignment="right") for y in years}
    st.dataframe(shown, hide_index=True, width="stretch", height=520, column_config=config)
    st.caption(t("wide_note", lang))
else:
    components.table(table, lang)
downloads(table, filters, "du-lieu")
