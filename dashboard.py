"""Tổng quan: key figures for the chosen province or district and year, with the trend behind them."""

import streamlit as st

from analytics import charts, queries, ui
from analytics.export import tidy
from analytics.fmt import number, signed
from analytics.i18n import indicator_name, t

filters = ui.page_setup("nav_home")
if filters is None:
    st.stop()
lang = filters.lang
meta = queries.indicators()
label = ui.unit_label(filters)
st.caption(f"{label} · {filters.first}–{filters.last}")

codes = tuple(dict.fromkeys(queries.KPI_INDICATORS + queries.NETWORK_TREND + queries.DV_FORMS))
frame = queries.values(filters.unit_id, codes, filters.first, filters.last)
if frame.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
ui.data_notes(frame, lang)

st.subheader(t("kpi_heading", lang, year=filters.last))
latest = frame[frame["year"] == filters.last].set_index("indicator")
columns = st.columns(3)
for i, code in enumerate(queries.KPI_INDICATORS):
    box = columns[i % 3].container(border=True)
    if code not in latest.index:
        box.metric(indicator_name(meta, code, lang), t("not_reported", lang))
        continue
    row = latest.loc[code]
    if row["suppressed"]:
        box.metric(indicator_name(meta, code, lang), "<5")
        continue
    delta = None
    if row["prev_value"] == row["prev_value"]:  # not NaN: last year was reported and shown
        delta = f"{signed(row['value'] - row['prev_value'], lang)} {t('vs_last_year', lang, year=filters.last - 1)}"
    box.metric(
        indicator_name(meta, code, lang),
        number(row["value"], lang),
        delta,
        delta_color="normal" if meta.loc[code, "higher_is_better"] else "inverse",
    )
    if row["level"] == "P" and row["units_reported"] < row["units_total"]:
        box.caption(t("coverage", lang, n=row["units_reported"], total=row["units_total"]))

left, right = st.columns(2)
left.plotly_chart(
    charts.trend_lines(frame, meta, queries.NETWORK_TREND, t("trend_network", lang), lang),
    width="stretch",
    config={"displaylogo": False},
)
right.plotly_chart(
    charts.stacked_bars(frame, meta, queries.DV_FORMS, t("trend_dv", lang), lang),
    width="stretch",
    config={"displaylogo": False},
)

table = tidy(frame[frame["indicator"].isin(codes)], meta, label, lang)
ui.downloads(table, filters, "tong-quan")
