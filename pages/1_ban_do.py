"""Bản đồ: every province coloured by an indicator in a year, and the chosen province's districts as circles."""

import pandas as pd
import streamlit as st

from analytics import components, queries
from analytics.brief_ui import brief_buttons
from analytics.downloads import downloads
from analytics.export import tidy
from analytics.frame import data_notes, page_setup
from core.i18n import t

filters = page_setup("nav_map", brief_buttons)
lang = filters.lang
meta = queries.indicators()

codes = queries.map_indicators(filters.system)
code, year = components.indicator_and_year(filters, meta, codes, "map")
st.caption(t("map_click_hint", lang))

provinces = queries.province_map(filters.system, code, year, filters.scope)
units = queries.sub_unit_map(filters.province_id, code, year, filters.scope)
drawn = pd.concat([provinces, units])
data_notes(drawn[drawn["value"].notna() | drawn["suppressed"]], filters)

left, right = st.columns([3, 2])
with left:
    components.province_map(provinces, filters, code, year, "page")
with right:
    components.units_map(units, filters, code, year)

downloads(lambda: tidy(drawn.assign(indicator=code, year=year), meta, "", lang), filters, "ban-do")
