"""The frame every page shares: sign-in, page config, language, translated navigation, filters, banners."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import access, queries, settings
from analytics.access import Scope
from analytics.db import warehouse_path
from analytics.fmt import literal
from core import audit
from core.i18n import in_language, t
from core.textnorm import ascii_fold, key, nfc, short_key
from core.units import PRE2025, Y2025, Y2025_VALID_FROM, name_in

QUALITY_PAGE = "pages/10_chat_luong_du_lieu.py"
PAGES = (
    ("dashboard.py", "nav_home", ":material/dashboard:"),
    ("pages/1_ban_do.py", "nav_map", ":material/map:"),
    ("pages/2_so_sanh_tinh.py", "nav_compare", ":material/leaderboard:"),
    ("pages/3_mo_hinh.py", "nav_models", ":material/groups:"),
    ("pages/4_duong_day_nong.py", "nav_hotlines", ":material/call:"),
    ("pages/5_bao_luc.py", "nav_violence", ":material/shield_person:"),
    ("pages/6_tap_huan.py", "nav_training", ":material/school:"),
    ("pages/7_tre_em.py", "nav_children", ":material/child_care:"),
    ("pages/8_ke_hoach.py", "nav_plans", ":material/flag:"),
    ("pages/9_du_lieu.py", "nav_data", ":material/table_view:"),
    (QUALITY_PAGE, "nav_quality", ":material/fact_check:"),
    ("pages/11_nguon_so_lieu.py", "nav_sources", ":material/menu_book:"),
)
IMPORT_PAGE = ("pages/12_nhap_du_lieu.py", "nav_import", ":material/upload_file:")
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
        email = str(st.user.get("email") or "")
        if email and conf.verified_email and st.user.get("email_verified") is not True:
            # An address the provider has not verified could be anyone's: it names nobody in the access file,
            # and the reader gets what their groups (or the default role) give.
            email = ""
        user = email or str(st.user.get("sub") or "")
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


# What Streamlit draws and does not let an app set, and what a narrow screen needs. Scoped to the elements named
# (keyed containers: `st-key-<key>`), so nothing else changes. Streamlit's columns stack below 640 px.
_STYLE = """
<style>
/* KPI labels wrap instead of ending in "…" */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto;
}
/* Page links below the filters, a little closer together */
.st-key-nav [data-testid="stPageLink"] a { padding-top: 0.1rem; padding-bottom: 0.1rem; }
@media (max-width: 640px) {
  .st-key-kpis { flex-direction: row !important; flex-wrap: wrap !important; }
  .st-key-kpis > div, .st-key-kpis [data-testid="stHorizontalBlock"] { display: contents !important; }
  .st-key-kpis [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.5rem) !important; min-width: calc(50% - 0.5rem) !important;
    width: calc(50% - 0.5rem) !important;
  }
}
/* The file uploader's own words, in the language of the page */
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::before { content: "@DROP@"; display: block; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: "@BROWSE@"; }
</style>
"""


def style(lang: str) -> None:
    """The app's few style rules (see `_STYLE`), with the words Streamlit's file uploader cannot be given."""
    drop, browse = (t(f"uploader_{k}", lang).replace('"', "") for k in ("drop", "browse"))
    st.html(_STYLE.replace("@DROP@", drop).replace("@BROWSE@", browse))


def _keep(*keys: str) -> None:
    # Widget values are dropped when a page without the widget runs; re-seeding keeps them across pages.
    for k in keys:
        if k in st.session_state:
            st.session_state[k] = st.session_state[k]


def page_frame(title_key: str) -> tuple[str, Scope]:
    """Page config, language, who is reading, the translated navigation and the title; returns the language
    and the reader's scope (the page stops, saying why, when nobody may read)."""
    lang, scope, _, _ = _frame(title_key)
    _show_notices(lang)
    _write_link({"lang": lang})
    return lang, scope


def _frame(title_key: str) -> tuple[str, Scope, DeltaGenerator, DeltaGenerator]:
    """page_frame's work; also returns the place under the title where page_setup says what the page shows, and
    the sidebar box its filters go in."""
    link = _incoming(("lang",))
    if "lang" in link:
        found = _language(link["lang"])
        if found is None:
            _notice("url_unknown", "lang", link["lang"], LANGS[st.session_state.get("lang", "vi")])
        else:
            st.session_state["lang"] = found
    lang_now = st.session_state.get("lang") or "vi"
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
            **({} if "lang" in st.session_state else {"index": 0}),
        )
        or "vi"
    )
    side.markdown(f"### {t('app_title', lang)}")
    style(lang)
    scope = _gate(lang)
    # The filters come first, above the page list: on a laptop they are in sight without scrolling, and on a phone
    # they are what the opened sidebar shows first. page_setup fills this box; the links are drawn now, below it,
    # so they are there even when a page stops early.
    filters_box = side.container()
    nav = side.container(key="nav")
    nav.caption(t("nav_heading", lang))
    for path, label_key, icon in PAGES + ((IMPORT_PAGE,) if import_enabled() and scope.may_import_any else ()):
        nav.page_link(path, label=t(label_key, lang), icon=icon)
    st.title(t(title_key, lang))
    return lang, scope, st.empty(), filters_box


Actions = Callable[["Filters", DeltaGenerator], None]  # what a page offers under the filters (the brief)


def page_setup(title_key: str, actions: Actions | None = None) -> Filters:
    """Set up the page and sidebar and return the filters; stops the page, saying why, when there is no data.

    The filters start on today's units and the latest years with data, or on what a link asks for: a link
    carries codes and readable slugs (`?units=y2025&province=phu-tho&years=2016-2026&lang=vi`), and names are
    read with or without diacritics or prefixes. What a link asks for and cannot be shown is said on the page,
    with what is shown instead."""
    lang, scope, scope_line, side = _frame(title_key)
    link = _incoming(("units", "province", "district", "years"))
    side.markdown(f"**{t('filters', lang)}**")
    labels = {PRE2025: t("units_pre2025", lang), Y2025: t("units_y2025", lang)}
    with_data = {s: queries.provinces_with_data(s) for s in (PRE2025, Y2025)}
    if "units" in link:
        found = _system(link["units"])
        if found is None:
            _notice("url_unknown", "units", link["units"], labels[st.session_state.get("units", today())])
        else:
            st.session_state["units"] = found
    if "units" not in st.session_state:
        # Today's units, unless nothing is held under them yet (only reports from before the reform).
        st.session_state["units"] = today() if len(with_data[today()]) else other(today())
    if "province" in link:
        _link_province(link["province"], "units" in link and _system(link["units"]) is not None, with_data)
    system = side.radio(t("units", lang), list(labels), format_func=labels.get, key="units")
    provinces = with_data[system]
    if provinces.empty:
        _show_notices(lang)
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
                    old=queries.unit_name(chosen_province, lang),
                    new=queries.unit_name(counterpart, lang),
                ),
                icon=":material/merge:",
            )
        else:
            st.session_state.pop("province", None)
    province = side.selectbox(t("province", lang), list(names), format_func=names.get, key="province")
    # Districts exist only before the reform; communes are offered where commune reports exist.
    children = queries.sub_units(province, scope)
    whole = t("whole_city" if queries.unit_name(province).startswith("Thành phố") else "whole_province", lang)
    child_names = {ALL: whole, **dict(zip(children["unit_id"], children["name"], strict=True))}
    if "district" in link:
        _link_district(link["district"], province, children, scope, whole)
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
        )
    span = queries.years(province)
    if span is None:
        _show_notices(lang)
        st.info(t("no_data_selection", lang))
        st.stop()
    lo, hi = span
    if "years" in link:
        _link_years(link["years"], lo, hi)
    chosen = st.session_state.get("years")
    if lo == hi:
        first = last = lo  # one year: nothing to choose, and nothing to carry to the next province
        st.session_state.pop("years", None)
    else:
        if not chosen or not all(lo <= y <= hi for y in chosen):
            st.session_state["years"] = (lo, hi)
        first, last = side.slider(t("years", lang), min_value=lo, max_value=hi, key="years")
    filters = Filters(lang, province, None if district == ALL else district, int(first), int(last), scope)
    years_text = str(first) if first == last else f"{first}–{last}"
    units_text = t(f"scope_units_{system}", lang)
    scope_line.caption(t("page_scope", lang, unit=unit_label(filters), years=years_text, units=units_text))
    _show_notices(lang)
    _write_link(
        {
            "lang": lang,
            "units": system,
            "province": _slug_for(province, provinces),
            "district": None if district == ALL else _slug_for(district, children),
            "years": None if lo == hi else years_text.replace("–", "-"),
        }
    )
    _copy_link(lang, side)
    if actions is not None:
        actions(filters, side)
    return filters


def today() -> str:
    """The unit system in force today: the 34 provinces and their communes from 1 July 2025."""
    return Y2025 if date.today() >= date.fromisoformat(Y2025_VALID_FROM) else PRE2025


# Links: what the address asks for, read once; what the page shows, written back as codes and slugs.
LINK_KEYS = ("lang", "units", "province", "district", "years", "map_indicator", "map_year")


def _incoming(keys: tuple[str, ...]) -> dict[str, str]:
    """The link's parameters of `keys` not read yet: those that differ from what this session last wrote or read
    (a reader's own choices are written back, so they never come back as a link's)."""
    seen = st.session_state.setdefault("_link_seen", {})
    found = {}
    for k in keys:
        value = st.query_params.get(k)
        if value is not None and seen.get(k) != value:
            found[k] = value
            seen[k] = value
    return found


def peek_link(key: str) -> str | None:
    """A page's own link parameter (the map's indicator and year), when the link brings a new one."""
    seen = st.session_state.setdefault("_link_seen", {})
    value = st.query_params.get(key)
    if value is None or seen.get(key) == value:
        return None
    seen[key] = value
    return value


def _write_link(values: dict[str, str | None]) -> None:
    """The address of what is on screen: codes and slugs, the same in both languages."""
    seen = st.session_state.setdefault("_link_seen", {})
    for k, v in values.items():
        if v is None:
            if k in st.query_params:
                del st.query_params[k]
            seen.pop(k, None)
        elif st.query_params.get(k) != v:
            st.query_params[k] = v
            seen[k] = v
        else:
            seen[k] = v


def write_link(values: dict[str, str | None]) -> None:
    """A page's own link parameters, written like the filters'."""
    _write_link(values)


def _notice(key: str, what: str, value: str, shown: str, **more: str) -> None:
    """Say on the page that the link asked for something it cannot show, naming it and what is shown instead."""
    st.session_state.setdefault("_link_notices", []).append((key, what, value, shown, more))


def notice(key: str, what: str, value: str, shown: str, **more: str) -> None:
    """A page's own link notice (see `_notice`), shown at once."""
    _notice(key, what, value, shown, **more)
    _show_notices(st.session_state.get("lang", "vi"))


def _show_notices(lang: str) -> None:
    for text_key, what, value, shown, more in st.session_state.pop("_link_notices", []):
        said = t(text_key, lang, what=t(f"url_what_{what}", lang), value=literal(value), shown=shown, **more)
        st.warning(said, icon=":material/link_off:")


def _slug(text: str) -> str:
    """ "Vĩnh Phúc" -> "vinh-phuc": readable, and the same in every language and browser."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


def _slug_for(unit: str, units: pd.DataFrame) -> str:
    """A unit's slug among `units` (unit_id, short_name); its code when another unit there has the same one."""
    slugs = units["short_name"].map(_slug)
    mine = slugs[units["unit_id"] == unit]
    if len(mine) == 1 and (slugs == mine.iloc[0]).sum() == 1:
        return str(mine.iloc[0])
    return unit.rsplit(":", 1)[-1]


def _match(text: str, units: pd.DataFrame) -> str | None:
    """The one unit of `units` (unit_id, name, short_name) that `text` names: its slug, its name with or without
    diacritics or prefix ("Huyện", "TP."), in any Unicode form, its GSO code or its id; None when none or several."""
    raw = nfc(text)
    if raw in set(units["unit_id"]):
        return raw
    codes = units["unit_id"].str.rsplit(":", n=1).str[-1]
    if raw.isdigit():
        hits = units.loc[codes.str.lstrip("0") == raw.lstrip("0"), "unit_id"]
        return str(hits.iloc[0]) if len(hits) == 1 else None
    for mine, theirs in ((key(raw), units["name"].map(key)), (key(raw), units["short_name"].map(key))):
        hits = units.loc[theirs == mine, "unit_id"]
        if len(hits) == 1:
            return str(hits.iloc[0])
    hits = units.loc[units["short_name"].map(key) == short_key(raw), "unit_id"]
    return str(hits.iloc[0]) if len(hits) == 1 else None


def _language(text: str) -> str | None:
    words = {"vi": {"vi", "tiengviet", "vietnamese"}, "en": {"en", "english", "tienganh"}}
    found = key(text)
    return next((code for code, said in words.items() if found in said), None)


def _system(text: str) -> str | None:
    found = key(text)
    said = {
        PRE2025: {key(PRE2025), "truoc2025", "truoc72025", key(t("units_pre2025", "vi")), key(t("units_pre2025", "en"))}
    }
    said[Y2025] = {key(Y2025), "2025", "tu72025", key(t("units_y2025", "vi")), key(t("units_y2025", "en"))}
    return next((s for s, words in said.items() if found in words), None)


def _link_province(text: str, system_given: bool, with_data: dict[str, pd.DataFrame]) -> None:
    """Choose the province a link names. A link without `units` that names a former province (Vĩnh Phúc) opens
    the units before 7/2025, which is what it asks for; one naming nothing, or a province without figures, is
    said, and the province shown is named."""
    system = st.session_state["units"]
    found = _match(text, with_data[system])
    if found is None and not system_given:
        old = _match(text, with_data[other(system)])
        if old is not None and _match(text, queries.provinces(system)) is None:
            st.session_state["units"], found = other(system), old
            if other(system) == PRE2025:
                successor = queries.counterpart(old, Y2025)
                name = queries.unit_name(old)
                _notice(
                    "url_former_province",
                    "province",
                    text,
                    name,
                    name=name,
                    successor=queries.unit_name(successor or ""),
                )
    if found is None and system_given and system == Y2025:
        # A former province asked for under today's units: its 2025 province, which holds its history.
        old = _match(text, with_data[PRE2025])
        successor = queries.counterpart(old, Y2025) if old else None
        if old and successor in set(with_data[Y2025]["unit_id"]):
            old_name, new_name = queries.unit_name(old), queries.unit_name(successor)
            _notice("moved_to_y2025", "province", text, new_name, old=old_name, new=new_name)
            found = successor
    if found is not None:
        st.session_state["province"] = found
        return
    system = st.session_state["units"]
    fallback = st.session_state.get("province")
    if fallback not in set(with_data[system]["unit_id"]):
        fallback = with_data[system]["unit_id"].iloc[0] if len(with_data[system]) else None
    shown = queries.unit_name(fallback) if fallback else "–"
    exists = _match(text, queries.provinces(system))
    if exists is not None:
        _notice("url_no_data", "province", text, shown, name=queries.unit_name(exists))
    else:
        _notice("url_unknown", "province", text, shown)


def _link_district(text: str, province: str, children: pd.DataFrame, scope: Scope, whole: str) -> None:
    """Choose the district or commune a link names, or say why not: none of that name in the province, or the
    reader sees only the province's figures. The whole province is shown then, and named."""
    if key(text) in {"all", key(whole), key(t("whole_province", "vi")), key(t("whole_province", "en"))}:
        st.session_state["district"] = ALL
        return
    found = _match(text, children)
    if found is not None:
        st.session_state["district"] = found
        return
    st.session_state["district"] = ALL
    shown = f"{whole} ({queries.unit_name(province)})"
    if not scope.sees_detail(province):
        # Naming a district is no disclosure: its figures stay out of reach.
        named = _match(text, queries.sub_units(province, access.local(scope.threshold)))
        if named is not None:
            name = queries.unit_name(named)
            _notice("url_out_of_scope", "district", text, shown, name=name, province=queries.unit_name(province))
            return
    _notice("url_unknown", "district", text, shown)


def _link_years(text: str, lo: int, hi: int) -> None:
    """Years a link asks for ("2016-2024", "2024"); those outside the years with figures are said."""
    asked = [int(y) for y in re.findall(r"\d{4}", text)][:2]
    if not asked:
        _notice("url_unknown", "years", text, f"{lo}–{hi}")
        return
    first, last = min(asked), max(asked)
    inside = (max(first, lo), min(last, hi))
    if inside[0] > inside[1]:
        inside = (lo, hi)
    if inside != (first, last):
        _notice("url_years_outside", "years", text, f"{inside[0]}–{inside[1]}", lo=str(lo), hi=str(hi))
    st.session_state["years"] = inside


def _copy_link(lang: str, side: DeltaGenerator) -> None:
    """A "Sao chép liên kết" button: the address of what is on screen, with Streamlit's own copy icon."""
    base = st.context.url or ""
    if urlsplit(base).path in ("", "/"):
        base = base.rstrip("/") + "/"
    asked = st.query_params
    query = "&".join(f"{k}={quote(str(asked[k]))}" for k in LINK_KEYS if k in asked)  # always in one order
    box = side.popover(t("copy_link", lang), icon=":material/link:", width="stretch")
    box.caption(t("copy_link_help", lang))
    box.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)


def other(system: str) -> str:
    return Y2025 if system == PRE2025 else PRE2025


def unit_label(filters: Filters) -> str:
    """ "Thành phố Phúc Yên, Tỉnh Vĩnh Phúc"; in English "Phúc Yên city, Vĩnh Phúc province"."""
    province = name_in(queries.unit_name(filters.province_id), filters.lang)
    if filters.district_id is None:
        return province
    return f"{name_in(queries.unit_name(filters.district_id), filters.lang)}, {province}"


def data_notes(frame: pd.DataFrame, filters: Filters) -> None:
    """Say on screen when figures are illustrative, rolled up from pre-2025 provinces, or hidden."""
    lang = filters.lang
    if frame.empty:
        return
    if frame["is_sample"].any():
        st.warning(t("sample_banner", lang), icon=":material/info:")
    rolled = frame[frame["counted"].eq("P")]
    if len(rolled):
        # Name the former provinces whose figures are in the sums, and those that sent nothing: a list of all
        # three would read as if all three were summed.
        old = list(queries.predecessors(filters.province_id)["short_name"])
        given = {n for names in rolled["reported_from"].dropna() for n in str(names).split(", ")}
        missing = [n for n in old if n not in given]
        summed = ", ".join(n for n in old if n in given)
        if missing:
            st.caption(t("rollup_note_some", lang, provinces=summed, missing=", ".join(missing)))
        else:
            st.caption(t("rollup_note", lang, provinces=summed))
    if frame["whole"].eq(False).any():
        st.caption(f":orange[{t('partial_note', lang, unit=unit_label(filters))}]")
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
    box.caption(t("detail_restricted", filters.lang, province=queries.unit_name(filters.province_id, filters.lang)))
    return False
