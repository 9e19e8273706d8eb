"""Kế hoạch & chỉ tiêu: the province's and the national targets, the results against them, and the trends."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import charts, components, queries
from analytics.brief_ui import brief_buttons
from analytics.downloads import downloads
from analytics.frame import data_notes, page_setup
from analytics.scorecard import score
from core.i18n import indicator_name, t

filters = page_setup("nav_plans", brief_buttons)
lang = filters.lang
meta = queries.indicators()
targets = queries.targets(filters.province_id)
if targets.empty:
    st.info(t("no_targets", lang))
    st.stop()
codes = tuple(targets["indicator"].dropna().unique())
# Plans are set for a province: judged on province figures up to the last year chosen, and the charts and
# downloads say so (not the district chosen, nor only the years chosen).
series = queries.values(filters.province_id, codes, 2000, filters.last, filters.scope)
province_filters = replace(filters, district_id=None, first=int(series["year"].min()) if len(series) else filters.first)
data_notes(series, province_filters)
if filters.district_id is not None:
    st.caption(t("plans_province_level", lang, province=queries.unit_name(filters.province_id, lang)))

# A former province's plan (Kon Tum's KH 925 on the 2025 Quảng Ngãi) is judged on that province's figures alone.
own = targets[targets["scope_unit_id"] == filters.province_id]
cards = [score(own, series)]
for unit in targets.loc[targets["scope_unit_id"] != filters.province_id, "scope_unit_id"].unique():
    history = queries.values(unit, codes, 2000, filters.last, filters.scope)
    cards.append(score(targets[targets["scope_unit_id"] == unit], history))
card = pd.concat(cards, ignore_index=True) if len(cards) > 1 else cards[0]
st.subheader(t("scorecard_heading", lang, year=filters.last))
table = components.scorecard(card, lang, filters.last, filters.province_id)
if len(cards) > 1:
    st.caption(t("plans_former_note", lang))

ratio_codes = tuple(c for c in codes if meta.loc[c, "kind"] == "ratio")
province = queries.unit_name(filters.province_id, lang)
columns = st.columns(2)
for i, code in enumerate(ratio_codes):
    title = f"{indicator_name(meta, code, lang)}<br><sup>{province}</sup>"
    components.chart(
        charts.ratio_lines, series, (code,), code, province_filters, columns[i % 2], title=title, targets=own
    )
downloads(table, province_filters, "ke-hoach-chi-tieu")
