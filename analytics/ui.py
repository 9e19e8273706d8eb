"""The frame every page shares: page config, language, translated navigation, filters, banners, downloads."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import access, charts, db, maps, queries, settings
from analytics.access import Scope
from analytics.db import warehouse_path
from analytics.export import csv_bytes, tidy, xlsx_bytes
from analytics.fmt import literal, number, plan_short, signed, year_ranges
from analytics.quality import per_unit
from core import audit
from core.i18n import KPI_LABELS, coverage, decimals, hidden_text, indicator_name, t
from core.units import NATIONAL_ID, PRE2025, Y2025

PAGES = (
    ("dashboard.py", "nav_home", ":material/dashboard:"),
    ("pages/12_ban_do.py", "nav_map", ":material/map:"),
    ("pages/2_mo_hinh.py", "nav_models", ":material/groups:"),
    ("pages/3_duong_day_nong.py", "nav_hotlines", ":material/call:"),
    ("pages/4_bao_luc.py", "nav_violence", ":material/shield_person:"),
    ("pages/5_tap_huan.py", "nav_training", ":material/school:"),
    ("pages/6_tre_em.py", "nav_children", ":material/child_care:"),
    ("pages/7_ke_hoach.py", "nav_plans", ":material/flag:"),
    ("pages/9_du_lieu.py", "nav_data", ":material/table_view:"),
    ("pages/11_chat_luong_du_lieu.py", "nav_quality", ":material/fact_check:"),
    ("pages/10_nguon_so_lieu.py", "nav_sources", ":material/menu_book:"),
)
IMPORT_PAGE = ("pages/8_nhap_du_lieu.py", "nav_import", ":material/upload_file:")
ALL = "all"  # district filter value for the whole province
LANGS = {"vi": "Tiếng Việt", "en": "English"}
ICON = Path(__file__).resolve().parent.parent / "static" / "favicon.png"


@dataclass(frozen=True)
class Filters:
    lang: str
    province_id: str
    district_id: str | None
    first: int
    last: int
    scope: Scope

    @property
    def unit_id(self) -> str:
        return self.district_id or self.province_id

    @property
    def system(self) -> str:
        return self.province_id.split(":")[0]  # unit ids are system:level:code


def import_enabled() -> bool:
    """The import page writes to the warehouse: off unless DASHBOARD_IMPORT=on, then for officers and admins."""
    return os.environ.get("DASHBOARD_IMPORT", "").lower() in ("1", "on", "true", "yes")


def audit_file() -> Path:
    """Where sign-ins, loads and exports are recorded: audit.file in the settings, else beside the warehouse."""
    return settings.load().audit_file or audit.default_path(warehouse_path().parent)


def _gate(lang: str) -> Scope:
    """Who is reading, or a page that says why nothing is shown: signed in through the identity provider and
    found in the access file; or, with no provider configured, the one local user of a laptop."""
    side = st.sidebar
    try:
        conf = settings.load()
        if conf.provider and conf.access_file is None:
            raise settings.SettingsError(t("no_access_file", lang))
    except settings.SettingsError as exc:
        st.error(t("settings_error", lang, error=literal(exc)), icon=":material/error:")
        st.stop()
    if not conf.provider:
        if conf.required:
            st.error(t("auth_required_no_provider", lang), icon=":material/lock:")
            st.stop()
        address = st.get_option("server.address")
        if address not in access.LOOPBACK:
            # No sign-in: serving the figures to the network would give every district's detail to anyone.
            st.error(t("local_not_loopback", lang, address=address or "0.0.0.0"), icon=":material/lock:")
            st.stop()
        side.caption(t("local_mode", lang), help=t("local_mode_help", lang))
        scope = access.local(conf.threshold)
    else:
        if not st.user.is_logged_in:
            st.info(t("login_needed", lang), icon=":material/lock:")
            st.button(t("login", lang), on_click=st.login, type="primary", icon=":material/login:")
            st.stop()
        user = str(st.user.get("email") or st.user.get("sub") or "")
        groups = st.user.get("groups") or []
        try:
            found = access.rules(conf.access_file).scope(user, [str(g) for g in groups], conf.threshold)
        except access.AccessError as exc:
            st.error(t("settings_error", lang, error=literal(exc)), icon=":material/error:")
            st.stop()
        if found is None:
            st.error(t("no_access", lang, user=literal(user)), icon=":material/block:")
            st.button(t("logout", lang), on_click=st.logout, icon=":material/logout:")
            st.stop()
        scope = found
        if st.session_state.get("_signed_in") != user:
            audit.record(audit_file(), "login", user, role=scope.role, provinces=list(scope.provinces))
            st.session_state["_signed_in"] = user
        places = ", ".join(scope.provinces) or t("all_provinces", lang)
        role = t(f"role_{scope.role}", lang)
        side.caption(t("signed_in", lang, user=literal(user), role=role, provinces=literal(places)))
        side.button(t("logout", lang), on_click=st.logout, icon=":material/logout:", type="tertiary")
    # Small counts stay covered until an officer asks: a screen can be shared or projected.
    if scope.raw != frozenset() and not side.toggle(t("show_raw", lang), key="show_raw", help=t("show_raw_help", lang)):
        scope = replace(scope, raw=frozenset())
    return scope


def _keep(*keys: str) -> None:
    # Widget values are dropped when a page without the widget runs; re-seeding keeps them across pages.
    for k in keys:
        if k in st.session_state:
            st.session_state[k] = st.session_state[k]


def page_frame(title_key: str) -> tuple[str, Scope]:
    """Page config, language, who is reading, the translated navigation and the title; returns the language
    and the reader's scope (the page stops, saying why, when nobody may read)."""
    # The bound URL parameter carries the label ("?lang=English"); the title is set before the widget exists.
    lang_now = st.session_state.get("lang") or ("en" if st.query_params.get("lang") == LANGS["en"] else "vi")
    st.set_page_config(
        page_title=f"{t(title_key, lang_now)} · {t('app_title', lang_now)}",
        page_icon=str(ICON),  # a file: a Material icon as favicon is fetched from Google's servers
        layout="wide",
    )
    _keep("lang", "units", "province", "district", "years", "show_raw")
    side = st.sidebar
    lang = (
        side.radio(
            t("language", "vi"),
            list(LANGS),
            format_func=LANGS.get,
            horizontal=True,
            key="lang",
            bind="query-params",
            **({} if "lang" in st.session_state else {"index": 0}),
        )
        or "vi"
    )
    side.markdown(f"### {t('app_title', lang)}")
    scope = _gate(lang)
    for path, key, icon in PAGES + ((IMPORT_PAGE,) if import_enabled() and scope.may_import_any else ()):
        side.page_link(path, label=t(key, lang), icon=icon)
    st.title(t(title_key, lang))
    return lang, scope


def page_setup(title_key: str) -> Filters:
    """Set up the page and sidebar and return the filters; stops the page, saying why, when there is no data."""
    lang, scope = page_frame(title_key)
    side = st.sidebar
    side.markdown(f"**{t('filters', lang)}**")
    labels = {PRE2025: t("units_pre2025", lang), Y2025: t("units_y2025", lang)}
    # Before-reform units by default, unless only reports written after the reform are loaded.
    default = {} if "units" in st.session_state else {"index": 0 if len(queries.provinces_with_data(PRE2025)) else 1}
    system = side.radio(
        t("units", lang), list(labels), format_func=labels.get, key="units", bind="query-params", **default
    )
    provinces = queries.provinces_with_data(system)
    if provinces.empty:
        st.info(t("no_data" if system == PRE2025 else "no_data_y2025", lang))
        st.stop()
    names = dict(zip(provinces["unit_id"], provinces["short_name"], strict=True))
    chosen_province = st.session_state.get("province")
    if chosen_province and chosen_province not in names:
        # The other unit system was chosen: Vĩnh Phúc lands on Phú Thọ, Phú Thọ on its own old province.
        counterpart = queries.counterpart(chosen_province, system)
        # Switching back returns to the province the reader came from (Vĩnh Phúc, not Phú Thọ).
        came_from = st.session_state.get("_came_from")
        if came_from in names and queries.counterpart(came_from, other(system)) == chosen_province:
            counterpart = came_from
        if counterpart in names:
            st.session_state["_came_from"] = chosen_province
            st.session_state["province"] = counterpart
            st.info(
                t(
                    f"moved_to_{system}",
                    lang,
                    old=queries.unit_name(chosen_province),
                    new=queries.unit_name(counterpart),
                ),
                icon=":material/merge:",
            )
        else:
            st.session_state.pop("province", None)
    province = side.selectbox(
        t("province", lang), list(names), format_func=names.get, key="province", bind="query-params"
    )
    # Districts exist only before the reform; communes are offered where commune reports exist.
    children = queries.sub_units(province, scope)
    child_names = {ALL: t("whole_province", lang), **dict(zip(children["unit_id"], children["name"], strict=True))}
    if st.session_state.get("district") not in child_names:
        st.session_state["district"] = ALL
    district = ALL
    if not scope.sees_detail(province):
        side.caption(t("detail_restricted_side", lang), help=t("detail_restricted", lang, province=names[province]))
    if len(child_names) > 1:
        district = side.selectbox(
            t("district" if system == PRE2025 else "commune", lang),
            list(child_names),
            format_func=child_names.get,
            key="district",
            bind="query-params",
        )
    span = queries.years(province)
    if span is None:
        st.info(t("no_data_selection", lang))
        st.stop()
    lo, hi = span
    chosen = st.session_state.get("years")
    if lo == hi:
        first = last = lo  # one year: nothing to choose, and nothing to carry to the next province
        st.session_state.pop("years", None)
    else:
        if not chosen or not all(lo <= y <= hi for y in chosen):
            st.session_state["years"] = (lo, hi)
        first, last = side.slider(t("years", lang), min_value=lo, max_value=hi, key="years", bind="query-params")
    return Filters(lang, province, None if district == ALL else district, int(first), int(last), scope)


def other(system: str) -> str:
    return Y2025 if system == PRE2025 else PRE2025


def unit_label(filters: Filters) -> str:
    province = queries.unit_name(filters.province_id)
    if filters.district_id is None:
        return province
    return f"{queries.unit_name(filters.district_id)}, {province}"


def data_notes(frame: pd.DataFrame, filters: Filters) -> None:
    """Say on screen when figures are illustrative, rolled up from pre-2025 provinces, or hidden."""
    lang = filters.lang
    if frame.empty:
        return
    if frame["is_sample"].any():
        st.warning(t("sample_banner", lang), icon=":material/info:")
    if frame["counted"].eq("P").any():
        old = queries.predecessors(filters.province_id)
        st.caption(t("rollup_note", lang, provinces=", ".join(old["short_name"])))
    if frame["suppressed"].any():
        st.caption(suppression_note(filters.scope, lang))
    if frame["unstable"].any():
        st.caption(t("unstable_note", lang))
    if frame["unprotected"].any():
        st.warning(t("unprotected_note", lang), icon=":material/visibility:")


def suppression_note(scope: Scope, lang: str) -> str:
    return t("suppression_note", lang, threshold=scope.threshold, limit=scope.threshold + 1)


def detail_allowed(filters: Filters, where: DeltaGenerator | None = None) -> bool:
    """Whether the reader may see the province's districts and communes; says so on the page when not."""
    if filters.scope.sees_detail(filters.province_id):
        return True
    box = (where or st).container(border=True)
    box.caption(t("detail_restricted", filters.lang, province=queries.unit_name(filters.province_id)))
    return False


def _about(filters: Filters) -> list[tuple[str, str]]:
    """The XLSX "about" sheet: filters, build date, sources, disclosure control."""
    lang = filters.lang
    info = queries.build_info()
    return [
        (t("meta_filters", lang), f"{unit_label(filters)}; {filters.first}–{filters.last}"),
        (t("meta_built", lang), info.built_at.strftime("%d/%m/%Y %H:%M")),
        (
            t("meta_sources", lang),
            t(
                "source_caption_sample" if info.sample_sources else "source_caption",
                lang,
                n=info.sources,
                s=info.sample_sources,
                when=info.built_at.strftime("%d/%m/%Y"),
            ),
        ),
        (t("meta_suppression", lang), suppression_note(filters.scope, lang)),
    ] + ([(t("meta_unprotected", lang), t("unprotected_note", lang))] if filters.scope.raw else [])


Table = pd.DataFrame | Callable[[], pd.DataFrame]  # a table, or what makes it when a download is asked for


def _download_buttons(where: DeltaGenerator, table: Table, filters: Filters, stem: str, key: str) -> None:
    """CSV (UTF-8 with BOM) and XLSX of `table`, each written only when asked for."""
    lang = filters.lang
    name = f"{stem}_{filters.unit_id.replace(':', '-')}_{filters.first}-{filters.last}"
    logged = partial(_exported, audit_file(), filters, table if callable(table) else lambda: table)
    where.download_button(
        t("download_csv", lang),
        partial(logged, f"{name}.csv", csv_bytes),
        f"{name}.csv",
        "text/csv",
        icon=":material/download:",
        key=f"csv_{key}",
        on_click="ignore",
    )
    where.download_button(
        t("download_xlsx", lang),
        partial(logged, f"{name}.xlsx", xlsx_bytes, _about(filters), lang),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key=f"xlsx_{key}",
        on_click="ignore",
    )


def _exported(
    log: Path, filters: Filters, make: Callable[[], pd.DataFrame], file: str, write: Callable[..., bytes], *args: object
) -> bytes:
    """Write a download when it is asked for, and record who took what."""
    table = make()
    rows = len(table)
    data = write(table, *args)
    audit.record(
        log,
        "export",
        filters.scope.user,
        file=file,
        unit=filters.unit_id,
        years=[filters.first, filters.last],
        rows=rows,
        uncovered=bool(filters.scope.raw),
    )
    return data


def topic_downloads(
    frame: pd.DataFrame, ranked: pd.DataFrame, meta: pd.DataFrame, filters: Filters, file_stem: str
) -> None:
    """A topic page's downloads: the chosen unit's series and the units side by side, tidied when asked for."""
    lang = filters.lang
    downloads(
        lambda: pd.concat([tidy(frame, meta, unit_label(filters), lang), tidy(ranked, meta, "", lang)]),
        filters,
        file_stem,
    )


def downloads(table: Table, filters: Filters, file_stem: str) -> None:
    """CSV and XLSX of everything on the page, with filters, build date, sources and suppression."""
    st.markdown(f"**{t('download_heading', filters.lang)}**")
    buttons = st.container(horizontal=True)
    _download_buttons(buttons, table, filters, file_stem, file_stem)
    st.caption(_about(filters)[2][1])


def kpi_cards(frame: pd.DataFrame, meta: pd.DataFrame, codes: tuple[str, ...], year: int, lang: str) -> None:
    """One card per indicator: value in `year`, change on the year before, reporting coverage."""
    latest = frame[frame["year"] == year].set_index("indicator")
    width = len(codes) if len(codes) <= 4 else 3
    columns = st.columns(width)
    for i, code in enumerate(codes):
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
        change = row["value"] - row["prev_value"]  # NaN when last year was not reported or is hidden
        better = meta.loc[code, "higher_is_better"]
        inverse = bool(pd.notna(better) and not better)  # fewer cases is good news: show it green
        series = frame.loc[frame["indicator"] == code].sort_values("year")
        # A sparkline with hidden years would silently close the gaps: none then.
        trend = [] if series["suppressed"].any() else series["value"].dropna().tolist()
        box.metric(
            label,
            number(row["value"], lang, places) + ("%" if percent else ""),
            None if pd.isna(change) else signed(change, lang, places),
            delta_description=None if pd.isna(change) else t("vs_last_year", lang, year=year - 1),
            delta_color="off" if change == 0 else "inverse" if inverse else "normal",
            delta_arrow="off" if change == 0 else "auto",
            help=help_text,
            chart_data=trend if len(trend) > 2 else None,
        )
        if ratio and pd.notna(row["numerator"]):
            box.caption(_parts(row, meta, code, lang, percent))
        if note := coverage(row, lang):
            box.caption(note)
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
    box.plotly_chart(fig, width="stretch", config=config or {"displaylogo": False}, key=f"chart_{key}", **selection)
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


def chart_downloads(where: DeltaGenerator, table: Table, filters: Filters, name: str, key: str) -> None:
    """A chart's own CSV and XLSX, behind one small button under it."""
    with where.popover(t("download_chart", filters.lang), icon=":material/download:", type="tertiary"):
        _download_buttons(st, table, filters, name.replace("_", "-"), key)


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
    code = st.selectbox(
        t("ranking_by", lang), present, format_func=lambda c: indicator_name(meta, c, lang), key=f"rank_{key}"
    )
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
        st.info(t("map_picked_no_data", lang, province=queries.unit_name(unit), current=unit_label(filters)))


def units_map(frame: pd.DataFrame, filters: Filters, code: str, year: int, height: int = 640) -> None:
    """The chosen province's districts or communes (rows of `queries.sub_unit_map`) as circles sized by the
    value; clicking one chooses it."""
    lang = filters.lang
    meta = queries.indicators()
    province = queries.unit_name(filters.province_id)
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


def scorecard(card: pd.DataFrame, lang: str, data_to: int) -> pd.DataFrame:
    """The scorecard as a coloured table, judged on figures up to `data_to`; returns the table (for download)."""
    en = lang == "en"

    def goal(row: pd.Series) -> str:
        if row["comparator"].startswith("change"):
            return t("goal_change", lang, value=number(abs(row["value"]), lang, 0))
        return ("≥ " if row["comparator"] == "ge" else "≤ ") + number(row["value"], lang, 0) + "%"

    def result(row: pd.Series) -> str:
        if pd.isna(row["result"]):
            return "–"
        if row["comparator"].startswith("change"):
            return signed(row["result"], lang, 1) + "%"
        return number(row["result"], lang, 1) + "%"

    table = pd.DataFrame(
        {
            t("col_plan", lang): [plan_short(p) for p in card["plan_id"]],
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
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config={t("col_target", lang): st.column_config.TextColumn(width="large")},
    )
    st.caption(t("status_legend", lang))
    plans = card.drop_duplicates("plan_id")
    st.caption(
        " · ".join(
            f"**{plan_short(p.plan_id)}**: {p.title_en if en else p.title_vi} ({p.issuer})" for p in plans.itertuples()
        )
    )
    return table


def table(frame: pd.DataFrame, lang: str, height: int = 520) -> None:
    """A read-only table with numbers in the language's format, whatever the browser's locale."""
    frame = frame.drop(columns=[t("col_unit", lang)])  # the unit is in the caption; downloads keep it
    value_col = t("col_value", lang)
    styled = frame.style.format(
        {value_col: lambda v: number(v, lang, 0 if float(v).is_integer() else 1)}, na_rep="–"
    )  # hidden or missing: the note says which
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
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
    st.caption(t("origin", lang, kinds=t("kind_published", lang).lower()))


QUALITY_PAGE = "pages/11_chat_luong_du_lieu.py"


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
    scope = queries.quality_scope(province_id)
    gaps = queries.completeness(scope, first, last, reader)
    found = queries.findings(scope, first, last, reader, district_id)
    if district_id:
        gaps = gaps[gaps["unit_id"] == district_id]
    if topics is not None:
        gaps = gaps[gaps["topic"].isin(topics)]
        found = found[found["topic"].isin(topics)]
    if gaps.empty and found.empty:
        return None  # nothing reported at the reporting level (published figures only): nothing to say
    level = gaps["level"].iloc[0] if len(gaps) else "D"
    cells = per_unit(gaps)
    short = (~cells["complete"]).groupby(cells["year"]).sum().loc[lambda n: n > 0].sort_index(ascending=False)
    parts = [
        t("quality_note_gaps", lang, n=n, noun=t(f"noun_{level}" + ("_1" if n == 1 else ""), lang), year=year)
        for year, n in short.head(2).items()
    ]
    if len(short) > 2:
        parts[-1] += " " + t("quality_note_more_years", lang, n=len(short) - 2)
    # Unusual values (notes) stay on the quality page: across districts of unequal size they are many and
    # mostly real; this line says what needs a look.
    review = int(found["severity"].isin(("error", "warning")).sum())
    if review:
        parts.append(t("quality_note_review", lang, n=review))
    noun = t(f"noun_{level}", lang)
    text = " · ".join(parts) if parts else t("quality_note_ok", lang, noun=noun)
    return t("quality_note", lang, text=text), ":material/fact_check:" if not parts else ":material/report:"
