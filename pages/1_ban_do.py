"""Bản đồ: every province coloured by an indicator in a year, and the chosen province's districts as circles."""

import pandas as pd
import streamlit as st

from analytics import components, frame, queries
from analytics.brief_ui import brief_buttons
from analytics.downloads import downloads
from analytics.export import tidy
from analytics.frame import data_notes, page_setup
from core.i18n import indicator_name, t
from core.textnorm import key

filters = page_setup("nav_map", brief_buttons)
lang = filters.lang
meta = queries.indicators()

codes = queries.map_indicators(filters.system)
# The link carries the indicator's code and the year, the same in both languages.
if (asked := frame.peek_link("map_indicator")) is not None:
    names = {c: {key(c), key(indicator_name(meta, c, "vi")), key(indicator_name(meta, c, "en"))} for c in codes}
    found = next((c for c, said in names.items() if key(asked) in said), None)
    if found is None:
        default = components.MAP_DEFAULT if components.MAP_DEFAULT in codes else codes[0]
        frame.notice("url_unknown", "map_indicator", asked, indicator_name(meta, default, lang))
    st.session_state["_map_indicator"] = found
if st.session_state.get("_map_indicator") not in codes:
    st.session_state["_map_indicator"] = components.MAP_DEFAULT if components.MAP_DEFAULT in codes else codes[0]
controls = st.container(horizontal=True)
code = controls.selectbox(
    t("map_indicator", lang),
    codes,
    format_func=lambda c: indicator_name(meta, c, lang),
    key="map_indicator" if lang == "vi" else f"map_indicator_{lang}",  # a box keeps the labels it was drawn with
    index=codes.index(st.session_state["_map_indicator"]),
    width=520,
)
st.session_state["_map_indicator"] = code  # carried to the other language's box
# Any year some province reported; the province's own years only choose the first one shown.
years, latest = components.map_years(filters, code)
if (asked := frame.peek_link("map_year")) is not None:
    if asked.isdigit() and int(asked) in years:
        st.session_state["map_year"] = int(asked)
    else:
        frame.notice("url_unknown", "map_year", asked, str(latest))
if st.session_state.get("map_year") not in years:
    st.session_state["map_year"] = latest
year = controls.selectbox(t("map_year", lang), years, key="map_year", width=120)
frame.write_link({"map_indicator": code, "map_year": str(year)})
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
