"""Chất lượng dữ liệu: which units reported in full, and the values consistency rules and outlier checks question."""

import pandas as pd
import streamlit as st

from analytics import charts, queries
from analytics.brief_ui import brief_buttons
from analytics.downloads import chart_downloads, downloads
from analytics.frame import detail_allowed, page_setup, unit_label
from analytics.quality import per_unit, shortfalls
from core.findings import SEVERITIES, STATISTICS, describe
from core.i18n import indicator_name, t
from core.indicators import TOPIC_NAMES

AGGREGATES = {"breakdown_total", "flow_to_zero"}  # rules whose compared value sums or averages other cells
filters = page_setup("nav_quality", brief_buttons)
lang = filters.lang
en = lang == "en"
meta = queries.indicators()
if not detail_allowed(filters):  # the checks are about districts and communes
    st.stop()
scope = queries.quality_scope(filters.province_id)
years = f"{filters.first}–{filters.last}" if filters.first < filters.last else str(filters.last)
st.caption(t("quality_caption", lang, unit=unit_label(filters), years=years))

gaps = queries.completeness(scope, filters.first, filters.last, filters.scope)
if gaps["province_id"].nunique() > 1:  # a 2025 province: former districts of several provinces, named apart
    gaps["unit_name"] += " (" + gaps["province_name"] + ")"
if filters.district_id:
    gaps = gaps[gaps["unit_id"] == filters.district_id]
found = queries.findings(scope, filters.first, filters.last, filters.scope, filters.district_id)
if gaps.empty and found.empty:
    st.info(t("no_data_selection", lang))
    st.stop()
if queries.is_sample(filters.unit_id, filters.first, filters.last):
    st.warning(t("sample_banner", lang), icon=":material/info:")
if len(scope) > 1:
    former = queries.predecessors(filters.province_id)["short_name"]
    st.caption(t("quality_rollup", lang, provinces=", ".join(former)))
levels = list(gaps["level"].unique()) if len(gaps) else ["D"]
noun = t("noun_" + ("DC" if len(levels) > 1 else levels[0]), lang)  # the years chosen can span the reform


# Headline: complete returns in the last year, and findings by severity.
columns = st.columns(1 + len(SEVERITIES))
if len(gaps):
    latest = gaps[gaps["year"] == gaps["year"].max()]
    last = per_unit(latest)
    complete = int(last["complete"].sum())
    # The unit in the label, the count alone in the value: a card's value is cut at its width.
    unit_noun = t(f"noun_{latest['level'].iloc[0]}", lang)
    label = f"{t('quality_complete', lang, year=int(latest['year'].iloc[0]))} ({unit_noun})"
    columns[0].metric(label, f"{complete}/{len(last)}", border=True)
for box, severity in zip(columns[1:], SEVERITIES, strict=True):
    box.metric(
        t(f"quality_{severity}", lang),
        int(found["severity"].eq(severity).sum()),
        help=t(f"quality_help_{severity}", lang),
        border=True,
    )

# Completeness: a unit × year heat-map for one group or all, the counts per year, the units short named.
st.subheader(t("quality_completeness", lang))
if gaps.empty:
    st.caption(t("chart_not_reported", lang))
else:
    present = [g for g in TOPIC_NAMES if g in set(gaps["topic"])]
    options = ["all", *present]
    group = st.segmented_control(
        t("quality_group", lang),
        options,
        format_func=lambda g: t("quality_group_all", lang) if g == "all" else TOPIC_NAMES[g][en],
        key="dq_group",
        default="all",
    )
    group = group or "all"
    chosen = gaps if group == "all" else gaps[gaps["topic"] == group]
    cells = per_unit(chosen)
    group_name = t("quality_group_all", lang) if group == "all" else TOPIC_NAMES[group][en]
    heading = t("quality_heatmap_title", lang, group=group_name.lower())
    st.plotly_chart(
        charts.completeness_heatmap(cells, f"{heading}<br><sup>{unit_label(filters)} · {years}</sup>", lang),
        width="stretch",
        config=charts.plotly_config(lang),
    )
    chart_downloads(
        st,
        pd.DataFrame(
            {
                t("col_unit", lang): cells["unit_name"],
                t("col_year", lang): cells["year"].astype(int),
                t("quality_group", lang): group_name,
                t("col_indicators_reported", lang): cells["n_values"].astype(int),
                t("col_collected", lang): cells["n_expected"].astype(int),
            }
        ),
        filters,
        "muc-do-day-du",
        "dq_heatmap",
    )
    by_year = cells.groupby("year")["complete"].agg(["sum", "size"])
    st.caption(
        t(
            "quality_years_caption",
            lang,
            lines="; ".join(
                t("quality_year_line", lang, year=y, n=int(r["sum"]), total=int(r["size"]), noun=noun)
                for y, r in by_year.iterrows()
            ),
        )
    )
    short = shortfalls(chosen, lang)
    if short.empty:
        st.success(t("quality_all_complete", lang, noun=noun), icon=":material/task_alt:")
    else:
        st.dataframe(short, hide_index=True, width="stretch")

# Findings: filters on severity and rule, then one row per value questioned.
st.subheader(t("quality_findings", lang))
rules = queries.quality_rules().set_index("code")
title = "title_en" if en else "title_vi"
left, right = st.columns([1, 2], vertical_alignment="bottom")
severities = left.pills(
    t("quality_severity", lang),
    list(SEVERITIES),
    selection_mode="multi",
    default=list(SEVERITIES),
    format_func=lambda s: t(f"quality_{s}", lang),
    key="dq_severity",
)
chosen_rules = right.multiselect(
    t("quality_rule", lang),
    list(rules.index),
    format_func=lambda c: rules.loc[c, title],
    key="dq_rules",
    placeholder=t("sources_all", lang),
)
shown = found[found["severity"].isin(severities or SEVERITIES)]
if chosen_rules:
    shown = shown[shown["rule"].isin(chosen_rules)]
if shown.empty:
    st.info(t("quality_no_findings", lang), icon=":material/task_alt:")
else:
    names = {c: indicator_name(meta, c, lang) for c in meta.index}

    def described(row: pd.Series) -> str:
        # One label for every hidden number ("<5" on some would say which are small). About a violence figure,
        # the range, the z-score and a sum or average of other cells are left out even when the value is shown:
        # they are worked out from neighbours that may be hidden.
        if row["hidden"]:
            return describe(row.to_dict(), row.to_dict(), lang, names, t("hidden", lang))
        if row["sensitive"] and not filters.scope.sees_raw(row["province_id"]):
            masked = STATISTICS | ({"other_value"} if row["rule"] in AGGREGATES else set())
            return describe(row.to_dict(), row.to_dict(), lang, names, t("hidden", lang), masked)
        return describe(row.to_dict(), row.to_dict(), lang, names)

    def where(row: pd.Series) -> str:
        parts = [row["source_file"], row["row_ref"]]
        return " · ".join(str(p) for p in parts if isinstance(p, str) and p)

    table = pd.DataFrame(
        {
            t("quality_severity", lang): [t(f"severity_{s}", lang) for s in shown["severity"]],
            t("col_year", lang): shown["year"].astype(int),
            t("col_unit", lang): shown["unit_name"],
            t("col_indicator", lang): [names[c] for c in shown["indicator"]],
            t("col_finding", lang): [described(r) for _, r in shown.iterrows()],
            t("col_where", lang): [where(r) for _, r in shown.iterrows()],
            t("quality_rule", lang): [rules.loc[c, title] for c in shown["rule"]],
        }
    )
    links = shown["source_url"].where(shown["source_url"].str.startswith("http", na=False))
    if links.notna().any():  # published figures: the page they were published on
        table[t("col_link", lang)] = links.to_numpy()
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(560, 40 + 35 * len(table)),
        column_config={
            t("col_indicator", lang): st.column_config.TextColumn(width="medium"),
            t("col_finding", lang): st.column_config.TextColumn(width="large"),
            t("col_link", lang): st.column_config.LinkColumn(display_text=r"https?://([^/]+)"),
        },
    )
    if shown["hidden"].any():
        st.caption(t("quality_hidden", lang))
    downloads(table, filters, "chat-luong-du-lieu")

with st.expander(t("quality_rules", lang), icon=":material/rule:"):
    st.caption(t("quality_rules_caption", lang))
    st.dataframe(
        pd.DataFrame(
            {
                t("quality_rule", lang): rules[title],
                t("quality_severity", lang): [t(f"severity_{s}", lang) for s in rules["severity"]],
                t("col_settings", lang): rules["settings"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
