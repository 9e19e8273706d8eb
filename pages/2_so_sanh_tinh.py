"""So sánh tỉnh: provinces ranked by an indicator in a year against the national median; under the 2025 units, the
former provinces of the chosen one too."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import charts, compare, components, frame, queries
from analytics.brief_ui import brief_buttons
from analytics.downloads import chart_downloads, downloads
from analytics.frame import page_setup, suppression_note
from core.i18n import t
from core.units import Y2025

filters = page_setup("nav_compare", brief_buttons)
lang = filters.lang
meta = queries.indicators()
national = t("national_heading", lang)

codes = queries.map_indicators(filters.system)
if not codes:
    st.info(t("no_data_selection", lang))
    st.stop()
# The same question as the map (provinces compared): the same boxes, and the same link.
code, year = components.indicator_and_year(filters, meta, codes, "cmp")


def notes(rows: pd.DataFrame) -> None:
    """What the figures are: reported or illustrative, summed over former provinces, hidden, unstable rates,
    uncovered small counts."""
    sample = rows["is_sample"].fillna(False).astype(bool)
    if sample.any():
        st.warning(t("sample_banner", lang), icon=":material/info:")
    kinds = [t(k, lang).lower() for k, some in (("kind_report", ~sample), ("kind_sample", sample)) if some.any()]
    origin = t("origin", lang, kinds=", ".join(kinds))
    st.caption(origin)
    if rows["counted"].eq("P").any():
        st.caption(t("cmp_rollup_note", lang))
    if rows["suppressed"].any():
        st.caption(suppression_note(filters.scope, lang))
    if rows["unstable"].any():
        st.caption(t("unstable_note", lang))
    if rows["unprotected"].any():
        st.warning(t("unprotected_note", lang), icon=":material/visibility:")


def ranking_block(rows: pd.DataFrame, middle: float | None, n: int, when: int, sub: str, name: str, place: str) -> None:
    """A ranking chart, what it leaves out, its own downloads, and the same numbers as a table."""
    fig = compare.figure(
        rows, meta, code, compare.title(meta, code, when, sub, lang), lang, filters.province_id, middle
    )
    st.plotly_chart(fig, width="stretch", config=charts.plotly_config(lang), key=f"chart_{name}")
    st.caption(t("cmp_median_note", lang, n=n, year=when) if n else t("cmp_median_none", lang, year=when))
    footer = st.container(horizontal=True, vertical_alignment="center")
    single = replace(filters, first=when, last=when)
    chart_downloads(footer, lambda: compare.download(rows, meta, lang), single, name, f"chart_{name}", place)
    st.dataframe(compare.table(rows, meta, code, lang), hide_index=True, width="stretch")


rows = compare.ranking(filters.system, code, year, filters.scope)
if rows.empty:
    st.info(t("chart_not_reported", lang))
    st.stop()
notes(rows)
middle, n = compare.median(rows)
units = t(f"scope_units_{filters.system}", lang)
chosen = queries.unit_name(filters.province_id, lang)
drawn = filters.province_id in set(rows["unit_id"])
sub = t("cmp_sub_chosen", lang, units=units, province=chosen) if drawn else t("cmp_sub", lang, units=units)
ranking_block(rows, middle, n, year, sub, "so-sanh-tinh", national)
missing = compare.no_data(filters.system, code, year, filters.scope)
if missing:
    st.caption(t("cmp_no_data", lang, n=missing, year=year))
if meta.loc[code, "kind"] != "ratio":
    st.caption(t("cmp_counts_note", lang))
tables = [compare.download(rows, meta, lang)]

# Under the 2025 units: the provinces the chosen one was formed from, on the same indicator before the reform.
former_years = queries.former_years(filters.province_id, code) if filters.system == Y2025 else []
if former_years:
    province = queries.unit_name(filters.province_id, lang)
    old = queries.predecessors(filters.province_id)
    st.subheader(t("cmp_former_heading", lang, province=province))
    st.caption(t("cmp_former_caption", lang, province=province, n=len(old)))
    if st.session_state.get("cmp_former_year") not in former_years:
        st.session_state["cmp_former_year"] = former_years[0]
    when = st.selectbox(t("cmp_former_year", lang), former_years, key="cmp_former_year", width=200)
    former = compare.former_ranking(filters.province_id, code, when, filters.scope)
    middle, n = compare.median(compare.ranking(frame.other(Y2025), code, when, filters.scope))
    sub = t("cmp_former_sub", lang, province=province)
    place = queries.unit_short_name(filters.province_id)
    ranking_block(former, middle, n, when, sub, "so-sanh-tinh-cu", place)
    silent = [s for u, s in zip(old["unit_id"], old["short_name"], strict=True) if u not in set(former["unit_id"])]
    if silent:
        st.caption(f"{t('no_value', lang).capitalize()}: {', '.join(silent)}")
    tables.append(compare.download(former, meta, lang))
elif filters.system == Y2025:
    st.caption(t("cmp_former_none", lang, province=queries.unit_name(filters.province_id, lang)))

downloads(
    lambda: pd.concat(tables, ignore_index=True), replace(filters, first=year, last=year), "so-sanh-tinh", national
)
