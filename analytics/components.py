"""What pages are made of: a topic's opening, KPI cards, charts, rankings, maps, scorecard, tables, quality line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import charts, db, maps, quality, queries
from analytics.access import Scope
from analytics.brief_ui import brief_buttons
from analytics.db import warehouse_path
from analytics.downloads import chart_downloads
from analytics.export import tidy
from analytics.fmt import is_partial, literal, number, partial_text, plan_short, said_in, signed, year_ranges
from analytics.frame import (
    ALL,
    QUALITY_PAGE,
    Filters,
    data_notes,
    detail_allowed,
    notice,
    page_setup,
    peek_link,
    unit_label,
    write_link,
)
from core.i18n import KPI_LABELS, decimals, hidden_text, indicator_name, t
from core.textnorm import key
from core.units import NATIONAL_ID


def topic_page(
    title_key: str,
    codes: tuple[str, ...],
    topics: tuple[str, ...] | None,
    kpis: tuple[str, ...],
    notice: tuple[str, str] | None = None,
) -> tuple[Filters, pd.DataFrame, pd.DataFrame]:
    """A topic page's opening: filters, the chosen unit's rows of `codes` (the page stops, saying so, when there
    are none), the notes on them, the quality line for the indicator groups `topics`, a `notice` (text key,
    icon) if given, and one KPI card per code of `kpis`. Returns the filters, the catalogue and the rows."""
    filters = page_setup(title_key, brief_buttons)
    lang = filters.lang
    meta = queries.indicators()
    frame = queries.values(filters.unit_id, codes, filters.first, filters.last, filters.scope)
    if frame.empty:
        st.info(t("no_data_selection", lang))
        st.stop()
    data_notes(frame, filters)
    quality_note(filters, topics)
    if notice is not None:
        st.info(t(notice[0], lang), icon=notice[1])
    kpi_cards(frame, meta, kpis, filters.last, lang)
    return filters, meta, frame


def kpi_cards(frame: pd.DataFrame, meta: pd.DataFrame, codes: tuple[str, ...], year: int, lang: str) -> None:
    """One card per indicator: value in `year`, change on the year before, reporting coverage."""
    latest = frame[frame["year"] == year].set_index("indicator")
    width = len(codes) if len(codes) <= 4 else 3
    # Rows of `width` cards, a row at a time, so the cards keep their order when a phone shows them two a row
    # (the frame's style lets the rows' columns flow together there).
    kpis = st.container(key="kpis")
    for i, code in enumerate(codes):
        if i % width == 0:
            columns = kpis.columns(width)
        box = columns[i % width].container(border=True)
        label = KPI_LABELS[code][lang == "en"] if code in KPI_LABELS else indicator_name(meta, code, lang)
        help_text = indicator_name(meta, code, lang)
        if code not in latest.index:
            box.metric(label, "–", help=help_text)
            box.caption(t("not_reported", lang))
            continue
        row = latest.loc[code]
        ratio = meta.loc[code, "kind"] == "ratio"
        if row["suppressed"]:
            # "<5" would read as the rate itself; a rate is hidden because its count is.
            box.metric(label, row["hidden_as"] or t("hidden", lang), help=hidden_text(row, ratio, lang))
            if not row["hidden_as"]:
                box.caption(hidden_text(row, ratio, lang))
            continue
        percent = ratio and meta.loc[code, "unit_vi"] == "%"
        places = decimals(meta, code)
        partial = is_partial(row)
        # A sum of some members compared with another year's is no change at all: none when either is partial.
        before = row.get("prev_whole")
        comparable = not partial and (before is None or pd.isna(before) or bool(before))
        change = row["value"] - row["prev_value"] if comparable else None
        change = None if change is None or pd.isna(change) else change  # NaN: last year not reported or hidden
        better = meta.loc[code, "higher_is_better"]
        inverse = bool(pd.notna(better) and not better)  # fewer cases is good news: show it green
        series = frame.loc[frame["indicator"] == code].sort_values("year")
        # A sparkline with hidden years would silently close the gaps, one with partial years mix parts and
        # wholes: none then.
        broken = series["suppressed"].any() or not series["whole"].fillna(True).astype(bool).all()
        trend = [] if broken else series["value"].dropna().tolist()
        shown = number(row["value"], lang, places) + ("%" if percent else "")
        if partial:
            # Where the change on last year would be, a grey "một phần": the number is a part, not the unit's.
            box.metric(label, shown, t("partial_mark", lang), delta_color="off", delta_arrow="off", help=help_text)
        else:
            box.metric(
                label,
                shown,
                None if change is None else signed(change, lang, places),
                delta_description=None if change is None else t("vs_last_year", lang, year=year - 1),
                delta_color="off" if change == 0 else "inverse" if inverse else "normal",
                delta_arrow="off" if change == 0 else "auto",
                help=help_text,
                chart_data=trend if len(trend) > 2 else None,
            )
        if ratio and pd.notna(row["numerator"]):
            box.caption(_parts(row, meta, code, lang, percent))
        if partial:
            box.caption(f":orange[{partial_text(row, lang)}]")
        if row["unstable"]:
            box.caption(t("unstable", lang).capitalize(), help=t("unstable_note", lang))
        if row["unprotected"]:
            box.caption(f":orange[{t('unprotected', lang).capitalize()}]")


def _parts(row: pd.Series, meta: pd.DataFrame, code: str, lang: str, percent: bool) -> str:
    """What a ratio is made of: "60/102 xã" for a share, "9 vụ / 70.000 hộ" for a rate."""
    unit = "unit_vi" if lang == "vi" else "unit_en"
    top, bottom = number(row["numerator"], lang), number(row["denominator"], lang)
    of = meta.loc[meta.loc[code, "denominator"], unit]
    if percent:
        return f"{top}/{bottom} {of}"
    return f"{top} {meta.loc[meta.loc[code, 'numerator'], unit]} / {bottom} {of}"


def chart(
    build: Callable[..., go.Figure],
    frame: pd.DataFrame,
    codes: tuple[str, ...],
    title_key: str,
    filters: Filters,
    where: DeltaGenerator | None = None,
    *,
    title: str | None = None,
    **options: object,
) -> None:
    """A topic chart built by `charts.<build>` from the rows of `codes`, shown with its origin and downloads."""
    data = frame[frame["indicator"].isin(codes)]
    if data["value"].isna().all():
        # Nothing to draw: one line saying why takes the place of an empty axis.
        box = (where or st).container(border=True)
        box.markdown(f"**{t(title_key, filters.lang) if title is None else title.split('<br>')[0]}**")
        box.caption(t("chart_not_reported" if data.empty else "chart_all_hidden", filters.lang))
        return
    meta = queries.indicators()
    fig = build(data, meta, codes, title or chart_title(title_key, filters), filters.lang, **options)
    points = queries.published_points(filters.unit_id, codes, filters.first, filters.last)
    if len(points):
        charts.add_published(fig, points, meta, filters.lang)
        points = points.assign(published=True, is_sample=False, suppressed=False, level="")
    show(
        fig,
        pd.concat([data, points], ignore_index=True) if len(points) else data,
        filters,
        title_key,
        where,
        key="-".join((title_key, *codes)),
    )


def show(
    fig: go.Figure,
    data: pd.DataFrame,
    filters: Filters,
    name: str,
    where: DeltaGenerator | None = None,
    on_select: Callable[[], None] | None = None,
    key: str | None = None,
    config: dict | None = None,
) -> None:
    """A figure across its column, without the Plotly logo; under it, where its figures come from, the
    years hidden to protect victims, and a CSV/XLSX download of exactly the figures drawn. `name` names
    the downloaded files; `key` (default `name`) keeps the widgets apart."""
    lang = filters.lang
    key = key or name
    box = (where or st).container()
    selection = {"on_select": on_select, "selection_mode": "points"} if on_select else {}
    config = charts.plotly_config(lang, **(config or {}))
    box.plotly_chart(fig, width="stretch", config=config, key=f"chart_{key}", **selection)
    hidden = sorted(data.loc[data["suppressed"], "year"].unique()) if "unit_name" not in data else []
    if hidden:
        box.caption(t("chart_hidden_years", lang, years=year_ranges([int(y) for y in hidden])))
    if data.empty:
        return  # the figure itself says there is nothing to draw
    # Where the figures come from: a map's provinces without one come from nowhere.
    figures = data["value"].notna() | data["suppressed"]
    sample = data["is_sample"].astype(bool) & figures
    published = data["published"].fillna(False).astype(bool) if "published" in data else sample & False
    kinds = [
        t(k, lang)
        for k, rows in (
            ("kind_report", figures & ~sample & ~published),
            ("kind_sample", sample),
            ("kind_published", published),
        )
        if rows.any()
    ]
    origin = t("origin", lang, kinds=", ".join(kinds).lower())
    if data["counted"].eq("P").any():
        origin += " · " + t("origin_rollup", lang)
    footer = box.container(horizontal=True, vertical_alignment="center")
    footer.caption(origin)
    made = partial(tidy, data, queries.indicators(), unit_label(filters), lang)
    chart_downloads(footer, made, filters, name, key)


def chart_title(key: str, filters: Filters) -> str:
    """A chart title that names the unit and the years it covers."""
    return f"{t(key, filters.lang)}<br><sup>{unit_label(filters)} · {filters.first}–{filters.last}</sup>"


def ranking(filters: Filters, meta: pd.DataFrame, codes: tuple[str, ...], key: str) -> pd.DataFrame:
    """Districts (or communes) side by side for the last year, on an indicator the reader picks.

    Returns the rows behind the chart (empty when a district is selected or none reported)."""
    lang = filters.lang
    if filters.district_id is not None:
        return pd.DataFrame()
    st.subheader(t("ranking_heading", lang, year=filters.last))
    if not detail_allowed(filters):
        return pd.DataFrame()
    frame = queries.by_sub_unit(filters.province_id, codes, filters.last, filters.scope)
    if frame.empty:
        st.caption(t("ranking_empty", lang))
        return frame
    present = [c for c in codes if c in set(frame["indicator"])]
    # One box per language, the choice carried across: a box keeps the labels it was first drawn with.
    kept = st.session_state.get(f"_rank_{key}")
    code = st.selectbox(
        t("ranking_by", lang),
        present,
        format_func=lambda c: indicator_name(meta, c, lang),
        key=f"rank_{key}" if lang == "vi" else f"rank_{key}_{lang}",
        index=present.index(kept) if kept in present else 0,
    )
    st.session_state[f"_rank_{key}"] = code
    title = f"{indicator_name(meta, code, lang)}<br><sup>{unit_label(filters)} · {filters.last}</sup>"
    st.caption(t("ranking_hint", lang))
    shown = frame[frame["indicator"] == code]
    fig = charts.unit_bars(shown, meta, code, title, lang)
    show(fig, shown, filters, f"rank_{key}", on_select=partial(_drill, f"chart_rank_{key}"))
    return frame


def _picked(chart_key: str) -> str | None:
    """The unit_id of the bar, shape or circle clicked in a chart."""
    points = st.session_state[chart_key]["selection"]["points"]
    unit = points[0].get("customdata") if points else None
    return unit if isinstance(unit, str) and unit else None


def _drill(chart_key: str) -> None:
    """Choosing a bar or a circle filters the page to that district or commune (one outside the province, a
    former province's district on a 2025 province's map, is left alone by page_setup)."""
    if unit := _picked(chart_key):
        st.session_state["district"] = unit


def _pick_province(chart_key: str, system: str) -> None:
    """Clicking a province on a map makes it the province filter; one without figures is named, not chosen."""
    unit = _picked(chart_key)
    if unit is None:
        return
    if unit in set(queries.provinces_with_data(system)["unit_id"]):
        st.session_state["province"] = unit
        st.session_state["district"] = ALL
        st.session_state.pop("_map_no_data", None)
    else:
        st.session_state["_map_no_data"] = unit


MAP_DEFAULT = "dv_cases_per_1000_households"  # a rate: provinces of unequal size side by side


def map_years(filters: Filters, code: str) -> tuple[list[int], int]:
    """The years an indicator has province figures in (latest first), and the one to show first: the latest
    up to the end of the years chosen, else the latest."""
    years = queries.map_years(filters.system, code)
    return years, next((y for y in years if y <= filters.last), years[0])


def indicator_and_year(filters: Filters, meta: pd.DataFrame, codes: list[str], box: str) -> tuple[str, int]:
    """The indicator and year boxes of a page that compares provinces (the map, "map"; the ranking, "cmp"). A link
    carries them as `map_indicator` (a code or a name in either language) and `map_year`, the same for both pages;
    what a link asks for wins over a choice already made, and what it asks for and cannot be shown is said."""
    lang = filters.lang
    default = MAP_DEFAULT if MAP_DEFAULT in codes else codes[0]
    widget = (
        f"{box}_indicator" if lang == "vi" else f"{box}_indicator_{lang}"
    )  # a box keeps the labels it was drawn with
    chosen = f"_{box}_indicator"  # carried to the other language's box
    if (asked := peek_link("map_indicator")) is not None:
        said = {c: {key(c), key(indicator_name(meta, c, "vi")), key(indicator_name(meta, c, "en"))} for c in codes}
        found = next((c for c, names in said.items() if key(asked) in names), None)
        if found is None:
            notice("url_unknown", f"{box}_indicator", asked, indicator_name(meta, default, lang))
        st.session_state[chosen] = found
        st.session_state.pop(widget, None)
    if st.session_state.get(chosen) not in codes:
        st.session_state[chosen] = default
    controls = st.container(horizontal=True)
    code = controls.selectbox(
        t(f"{box}_indicator", lang),
        codes,
        format_func=lambda c: indicator_name(meta, c, lang),
        key=widget,
        index=codes.index(st.session_state[chosen]),
        width=520,
    )
    st.session_state[chosen] = code
    # Any year some province reported; the province's own years only choose the first one shown.
    years, latest = map_years(filters, code)
    if (asked := peek_link("map_year")) is not None:
        if asked.isdigit() and int(asked) in years:
            st.session_state[f"{box}_year"] = int(asked)
        else:
            notice("url_unknown", f"{box}_year", asked, str(latest))
    if st.session_state.get(f"{box}_year") not in years:
        st.session_state[f"{box}_year"] = latest
    year = controls.selectbox(t(f"{box}_year", lang), years, key=f"{box}_year", width=120)
    write_link({"map_indicator": code, "map_year": str(year)})
    return code, int(year)


# Shared, and only read once built (st.plotly_chart serialises it): a national map's 63 hovers and traces
# need not be rebuilt on every rerun. `digest` stands for the frame and the catalogue.
@st.cache_resource(max_entries=64, show_spinner=False)
def _choropleth(
    _frame: pd.DataFrame,
    _meta: pd.DataFrame,
    digest: str,  # noqa: ARG001 (the key standing for the two above)
    system: str,
    code: str,
    title: str,
    lang: str,
    province_id: str,
    height: int,
) -> go.Figure:
    return maps.province_choropleth(_frame, system, _meta, code, title, lang, province_id, height)


def province_map(frame: pd.DataFrame, filters: Filters, code: str, year: int, key: str, height: int = 640) -> None:
    """Every province (rows of `queries.province_map`) coloured by one indicator in one year, the chosen one
    outlined; clicking a province chooses it."""
    lang = filters.lang
    meta = queries.indicators()
    frame = frame.assign(indicator=code, year=year)  # provinces without a value have neither
    sub = t("map_national_sub", lang, units=t(f"units_{filters.system}", lang))
    title = f"{indicator_name(meta, code, lang)}, {year}<br><sup>{sub}</sup>"
    digest = f"{db.version()}:{pd.util.hash_pandas_object(frame).sum()}"  # the figures drawn, as a cache key
    fig = _choropleth(frame, meta, digest, filters.system, code, title, lang, filters.province_id, height)
    # One widget per chosen province: clicking the province chosen before it again must still register.
    name = f"map_{key}_{filters.province_id}_{code}_{year}"
    single = replace(filters, first=year, last=year)
    pick = partial(_pick_province, f"chart_{name}", filters.system)
    show(fig, frame, single, name, on_select=pick, config=maps.CONFIG)
    if unit := st.session_state.pop("_map_no_data", None):
        st.info(t("map_picked_no_data", lang, province=queries.unit_name(unit, lang), current=unit_label(filters)))


def units_map(frame: pd.DataFrame, filters: Filters, code: str, year: int, height: int = 640) -> None:
    """The chosen province's districts or communes (rows of `queries.sub_unit_map`) as circles sized by the
    value; clicking one chooses it."""
    lang = filters.lang
    meta = queries.indicators()
    province = queries.unit_name(filters.province_id, lang)
    if not detail_allowed(filters):
        return
    if frame["value"].isna().all() and not frame["suppressed"].any():
        box = st.container(border=True)
        box.caption(t("map_units_empty", lang, province=province, year=year))
        return
    frame = frame.assign(indicator=code, year=year)
    level = frame["level"].iloc[0]
    sub = t(f"map_units_sub_{level}", lang, province=province)
    title = f"{indicator_name(meta, code, lang)}, {year}<br><sup>{sub}</sup>"
    fig = maps.unit_markers(
        frame, filters.system, filters.province_id, meta, code, title, lang, filters.district_id, height
    )
    name = f"map_units_{filters.province_id}_{code}_{year}"
    single = replace(filters, first=year, last=year)
    show(fig, frame, single, name, on_select=partial(_drill, f"chart_{name}"), config=maps.CONFIG)
    st.caption(t("map_size_note", lang))


STATUS_COLOURS = {
    "achieved": "#D7F0DD",
    "near": "#FCEFC7",
    "missed": "#F8D7D5",
    "no_data": "#EEEEEE",
    "not_measured": "#EEEEEE",
}


def scorecard(card: pd.DataFrame, lang: str, data_to: int, province_id: str | None = None) -> pd.DataFrame:
    """The scorecard as a coloured table, judged on figures up to `data_to`; returns the table (for download).
    A plan of a former province of `province_id` is named with its scope ("KH 925 của Tỉnh Kon Tum (trước
    7/2025)")."""
    en = lang == "en"

    def plan(row: pd.Series) -> str:
        scope = row.get("scope_unit_id")
        if province_id is None or row.get("national") or not scope or scope == province_id:
            return plan_short(row["plan_id"])
        return t("plan_of_former", lang, plan=plan_short(row["plan_id"]), unit=queries.unit_name(scope, lang))

    def goal(row: pd.Series) -> str:
        if row["comparator"].startswith("change"):
            return t("goal_change", lang, value=number(abs(row["value"]), lang, 0))
        return ("≥ " if row["comparator"] == "ge" else "≤ ") + number(row["value"], lang, 0) + "%"

    def result(row: pd.Series) -> str:
        if pd.isna(row["result"]):
            return "–"
        # A result on a sum of only some members says so: the target is judged on a part.
        mark = f" ({t('partial_mark', lang)})" if row.get("result_partial") else ""
        if row["comparator"].startswith("change"):
            return signed(row["result"], lang, 1) + "%" + mark
        return number(row["result"], lang, 1) + "%" + mark

    table = pd.DataFrame(
        {
            t("col_plan", lang): [plan(r) for _, r in card.iterrows()],
            t("col_target", lang): card["text_en" if en else "text_vi"],
            t("col_goal", lang): [f"{goal(r)} ({r['year']})" for _, r in card.iterrows()],
            t("col_result", lang): [result(r) for _, r in card.iterrows()],
            t("col_result_year", lang): [f"{y:.0f}" if pd.notna(y) else "–" for y in card["result_year"]],
            # A target for a later year judged on the latest data is a progress check, not a verdict.
            t("col_status", lang): [
                t(f"status_{r['status']}", lang)
                + (f" ({t('interim', lang)})" if r["year"] > data_to and pd.notna(r["result"]) else "")
                for _, r in card.iterrows()
            ],
        }
    )
    colours = [STATUS_COLOURS[s] for s in card["status"]]
    status_col = t("col_status", lang)
    styled = table.style.apply(lambda col: [f"background-color: {c}" for c in colours], subset=[status_col])
    # A card per target, its status first and its words in full: in a table the target was cut on a laptop, and on
    # a phone the result and the status were off the screen. The table stays, one click away.
    status_cards(table, card["status"].tolist(), lang)
    st.expander(t("scorecard_as_table", lang), icon=":material/table_view:").dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config={
            t("col_plan", lang): st.column_config.TextColumn(width="small"),
            t("col_target", lang): st.column_config.TextColumn(width="large"),
        },
    )
    st.caption(t("status_legend", lang))
    plans = card.drop_duplicates("plan_id")
    st.caption(
        " · ".join(
            f"**{plan_short(p.plan_id)}**: {p.title_en if en else p.title_vi} ({said_in(p.issuer, lang)})"
            for p in plans.itertuples()
        )
    )
    return table


STATUS_BADGES = {"achieved": "green", "near": "orange", "missed": "red", "no_data": "gray", "not_measured": "gray"}


def status_cards(table: pd.DataFrame, statuses: list[str], lang: str) -> None:
    """The scorecard's rows (the table `scorecard` made) as cards: the status first, as a coloured badge, then the
    target in full, the goal and the result."""
    box = st.container(key="scorecard_cards")
    col = {k: t(f"col_{k}", lang) for k in ("plan", "target", "goal", "result", "result_year", "status")}
    for i, (row, status) in enumerate(zip(table.to_dict("records"), statuses, strict=True)):
        if i % 3 == 0:  # three a row, a row at a time: on a phone, where columns stack, the order is kept
            columns = box.columns(3)
        card = columns[i % 3].container(border=True, height="stretch")
        badge = f":{STATUS_BADGES[status]}-badge[{literal(row[col['status']])}]"
        card.markdown(f"{badge} **{literal(row[col['plan']])}**")
        card.markdown(literal(row[col["target"]]))
        year = row[col["result_year"]]
        result = literal(row[col["result"]]) + ("" if year == "–" else f" ({literal(year)})")
        card.caption(f"{col['goal']}: {literal(row[col['goal']])} · {col['result']}: {result}")


def table(frame: pd.DataFrame, lang: str, height: int = 520) -> None:
    """A read-only table with numbers in the language's format, whatever the browser's locale."""
    frame = frame.drop(columns=[t("col_unit", lang)])  # the unit is in the caption; downloads keep it
    value_col = t("col_value", lang)
    parts = frame[t("col_kind", lang)].str.endswith(f", {t('partial_mark', lang)}").to_numpy()
    mark = f" ({t('partial_mark', lang)})"

    def shown(value: float, suffix: str = "") -> str:
        return number(value, lang, 0 if float(value).is_integer() else 1) + suffix

    # Hidden or missing is "–" (the note says which); a partial sum says so beside the number itself. The
    # numbers stay numbers underneath: only what is drawn differs.
    styled = frame.style.format({value_col: shown}, na_rep="–")
    if parts.any():
        styled = styled.format(partial(shown, suffix=mark), subset=(frame.index[parts], [value_col]), na_rep="–")
    st.dataframe(styled, hide_index=True, width="stretch", height=height)


def changes_table(table: pd.DataFrame, lang: str) -> None:
    """What a load would change, numbers in the language's format, missing values as "–"."""

    numbers = [t("col_old", lang), t("col_new", lang)]  # already written as the language writes numbers
    config = {c: st.column_config.TextColumn(c, alignment="right") for c in numbers}
    st.dataframe(table, hide_index=True, width="stretch", height=420, column_config=config)


def national_series(figures: pd.DataFrame, meta: pd.DataFrame, lang: str) -> None:
    """The country's published DV cases by year, certain yearly figures only (the others are listed, flagged,
    on the sources page)."""
    national = figures[
        (figures["unit_id"] == NATIONAL_ID)
        & (figures["indicator"] == "dv_cases")
        & (figures["period_type"] == "year")
        & ~figures["year_uncertain"].astype(bool)
    ]
    if national.empty:
        return
    fig = charts.trend_lines(national, meta, ("dv_cases",), t("sources_national_chart", lang), lang)
    st.plotly_chart(fig, width="stretch", config=charts.plotly_config(lang))
    st.caption(t("origin", lang, kinds=t("kind_published", lang).lower()))


def quality_note(filters: Filters, topics: tuple[str, ...] | None = None) -> None:
    """One line under a topic page's title on how far its figures can be trusted: units that did not report the
    page's indicator groups in full, and values the quality rules question; it links to the quality page."""
    choice = (filters.province_id, filters.district_id, filters.first, filters.last, topics)
    line = _quality_line(*choice, filters.scope, filters.lang, (str(warehouse_path()), db.version()))
    if line is not None:
        st.page_link(QUALITY_PAGE, label=line[0], icon=line[1])


# The same for every rerun of the same choice: worked out once per build and choice (exact keys).
@db.cached(maxsize=256)
def _quality_line(
    province_id: str,
    district_id: str | None,
    first: int,
    last: int,
    topics: tuple[str, ...] | None,
    reader: Scope,
    lang: str,
    build: tuple[str, float],  # noqa: ARG001 (part of the key)
) -> tuple[str, str] | None:
    """The quality line `quality.note` writes for a choice, from the province's completeness and findings."""
    scope = queries.quality_scope(province_id)
    gaps = queries.completeness(scope, first, last, reader)
    found = queries.findings(scope, first, last, reader, district_id)
    members = queries.members_reported(province_id, first, last)
    return quality.note(gaps, found, lang, district_id, topics, members)
