"""The frame every page shares: sign-in, page config, language, translated navigation, filters, banners."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import access, queries, settings
from analytics.access import Scope
from analytics.db import warehouse_path
from analytics.fmt import literal
from core import audit
from core.i18n import in_language, t
from core.units import PRE2025, Y2025

QUALITY_PAGE = "pages/9_chat_luong_du_lieu.py"
PAGES = (
    ("dashboard.py", "nav_home", ":material/dashboard:"),
    ("pages/1_ban_do.py", "nav_map", ":material/map:"),
    ("pages/2_mo_hinh.py", "nav_models", ":material/groups:"),
    ("pages/3_duong_day_nong.py", "nav_hotlines", ":material/call:"),
    ("pages/4_bao_luc.py", "nav_violence", ":material/shield_person:"),
    ("pages/5_tap_huan.py", "nav_training", ":material/school:"),
    ("pages/6_tre_em.py", "nav_children", ":material/child_care:"),
    ("pages/7_ke_hoach.py", "nav_plans", ":material/flag:"),
    ("pages/8_du_lieu.py", "nav_data", ":material/table_view:"),
    (QUALITY_PAGE, "nav_quality", ":material/fact_check:"),
    ("pages/10_nguon_so_lieu.py", "nav_sources", ":material/menu_book:"),
)
IMPORT_PAGE = ("pages/11_nhap_du_lieu.py", "nav_import", ":material/upload_file:")
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
    return settings.load().import_enabled


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
            raise settings.SettingsError(t("no_access_file", "vi"), t("no_access_file", "en"))
    except settings.SettingsError as exc:
        st.error(t("settings_error", lang, error=literal(in_language(exc.text, lang))), icon=":material/error:")
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
            st.error(t("settings_error", lang, error=literal(in_language(exc.text, lang))), icon=":material/error:")
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
