"""The brief on screen: the two download buttons (PDF brief, Word report), made only when clicked and recorded in
the audit log, and the summary paragraph of the overview page."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import export, summary
from analytics.downloads import where_words
from analytics.fmt import literal
from analytics.frame import Filters, audit_file
from core import audit
from core.i18n import t

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def file_name(filters: Filters, fmt: str) -> str:
    """ "tom-tat_phu-tho_2026.pdf", "bao-cao_phu-tho_2026.docx": what, where and the year, in words."""
    what = t("file_brief" if fmt == "pdf" else "file_report", filters.lang)
    return f"{export.file_name(what, where_words(filters.unit_id, filters.lang), filters.last, filters.last)}.{fmt}"


def make(filters: Filters, fmt: str) -> bytes:
    """The brief (pdf) or the report (docx) of what the filters show, for the year chosen last."""
    brief = summary.gather(filters.province_id, filters.district_id, filters.first, filters.last, filters.scope)
    if fmt == "pdf":
        from analytics.brief import pdf_bytes

        return pdf_bytes(brief, filters.lang)
    from analytics.report_docx import docx_bytes

    return docx_bytes(brief, filters.lang)


def _made(log: Path, filters: Filters, fmt: str) -> bytes:
    """Made when the button is clicked, then recorded: who, which unit and year, which format."""
    data = make(filters, fmt)
    audit.record(
        log,
        "export",
        filters.scope.user,
        file=file_name(filters, fmt),
        kind="brief",
        format=fmt,
        unit=filters.unit_id,
        year=filters.last,
        uncovered=bool(filters.scope.raw),
    )
    return data


def brief_buttons(filters: Filters, where: DeltaGenerator | None = None) -> None:
    """ "Tải bản tóm tắt (PDF)" and "Tải báo cáo (Word)": nothing is made until one is clicked."""
    box = where or st
    log = audit_file()
    for fmt, label in (("pdf", "brief_download_pdf"), ("docx", "brief_download_docx")):
        box.download_button(
            t(label, filters.lang),
            partial(_made, log, filters, fmt),
            file_name(filters, fmt),
            MIME[fmt],
            icon=":material/picture_as_pdf:" if fmt == "pdf" else ":material/description:",
            key=f"brief_{fmt}",
            on_click="ignore",
            width="stretch",
        )


def summary_paragraph(filters: Filters, where: DeltaGenerator | None = None) -> None:
    """The summary written from the figures the reader sees, as the brief and the report say it."""
    brief = summary.gather(filters.province_id, filters.district_id, filters.first, filters.last, filters.scope)
    box = (where or st).container(border=True)
    box.markdown(f"**{t('brief_summary_heading', filters.lang)}**")
    box.markdown(literal(summary.paragraph(brief, filters.lang)))
