"""Downloads of what is on screen, CSV and XLSX, each recorded in the audit log when it is written."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import queries
from analytics.access import Scope
from analytics.export import csv_bytes, file_name, tidy, xlsx_bytes
from analytics.frame import Filters, audit_file, suppression_note, unit_label
from core import audit
from core.i18n import STRINGS, t
from core.units import PRE2025


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


def what_words(stem: str, lang: str) -> str:
    """What a download holds, in words of the reader's language: a page's stem ("duong-day-nong"), a chart's
    title key ("chart_hotlines"), a ranking ("rank_…") or a map ("map_…", "map_units_…")."""
    if f"file_{stem}" in STRINGS:
        return t(f"file_{stem}", lang)
    if stem in STRINGS:
        return t(stem, lang)
    for prefix, words in (("rank_", "file_rank"), ("map_units_", "file_map_units"), ("map_", "file_ban-do")):
        if stem.startswith(prefix):
            return t(words, lang)
    return stem  # already words


def where_words(unit_id: str, lang: str) -> str:
    """Where the figures are from, in words: "Phú Thọ"; a district with its province ("Phúc Yên Vĩnh Phúc"); a
    unit from before the reform says so, since a 2025 province may carry the same name with other figures."""
    unit = queries.unit_short_name(unit_id)
    province = unit_id if unit_id.split(":")[1] == "P" else queries.unit_parent(unit_id)
    words = unit if province in (None, unit_id) else f"{unit} {queries.unit_short_name(province)}"
    return f"{words} {t('file_before_reform', lang)}" if unit_id.startswith(f"{PRE2025}:") else words


def download_name(stem: str, filters: Filters, where: str | None = None) -> str:
    """A download's file name without extension, in words: "duong-day-nong_phu-tho_2019-2024" (no codes)."""
    lang = filters.lang
    return file_name(what_words(stem, lang), where or where_words(filters.unit_id, lang), filters.first, filters.last)


def _download_buttons(
    where: DeltaGenerator, table: Table, filters: Filters, stem: str, key: str, place: str | None = None
) -> None:
    """CSV (UTF-8 with BOM) and XLSX of `table`, each written only when asked for, named in words (`place`
    names where the figures are from when it is not the filters' unit, e.g. every province)."""
    lang = filters.lang
    name = download_name(stem, filters, place)
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
        partial(logged, f"{name}.xlsx", xlsx_bytes, _about(filters), lang, what_words(stem, lang)),
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


def downloads(table: Table, filters: Filters, file_stem: str, place: str | None = None) -> None:
    """CSV and XLSX of everything on the page, with filters, build date, sources and suppression; `place` names
    where the figures are from when it is not the filters' unit."""
    st.markdown(f"**{t('download_heading', filters.lang)}**")
    buttons = st.container(horizontal=True)
    _download_buttons(buttons, table, filters, file_stem, file_stem, place)
    st.caption(_about(filters)[2][1])


def public_csv(table: pd.DataFrame, file: str, scope: Scope, lang: str) -> None:
    """A CSV of public figures not tied to the filters (the sources page), written and recorded when asked for."""

    def written() -> bytes:
        audit.record(audit_file(), "export", scope.user, file=file, rows=len(table))
        return csv_bytes(table)

    st.download_button(
        t("download_csv", lang), written, file, "text/csv", icon=":material/download:", on_click="ignore"
    )


def chart_downloads(
    where: DeltaGenerator, table: Table, filters: Filters, name: str, key: str, place: str | None = None
) -> None:
    """A chart's own CSV and XLSX, behind one small button under it, named in words after the chart."""
    with where.popover(t("download_chart", filters.lang), icon=":material/download:", type="tertiary"):
        _download_buttons(st, table, filters, name, key, place)
