"""Nhập dữ liệu: a report checked, previewed and loaded on confirmation; or figures extracted from a text, reviewed."""

import hashlib
import tempfile
import zipfile
from datetime import date
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

import streamlit as st

from analytics import components, imports, queries
from analytics.access import Scope
from analytics.fmt import literal
from analytics.frame import QUALITY_PAGE, audit_file, import_enabled, page_frame
from core import audit
from core.i18n import t
from core.problems import InputError
from core.units import system_for_year
from etl import narrative
from etl.build import AuditNote, BuildError, load
from etl.extract import decode_text, extract
from etl.template import write_workbook
from etl.untrusted import read_untrusted


def template_bytes(province: str, year: int) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_workbook(Path(folder) / "mau.xlsx", province, [year]).read_bytes()


def show_failure(exc: InputError | BuildError, lang: str, columns: dict[str, str] | None = None) -> None:
    """A refused load: nothing changed, and every problem where it is."""
    st.error(t("import_failed", lang), icon=":material/error:")
    if isinstance(exc, InputError):
        st.dataframe(imports.problem_table(exc.problems, lang, columns), hide_index=True, width="stretch")
    else:
        st.caption(literal(exc))


def extract_from_text(lang: str, scope: Scope) -> None:
    """Paste or upload a text, review the figures proposed in an editable table, load the accepted ones."""
    st.subheader(t("extract_heading", lang))
    st.caption(t("extract_caption", lang))
    meta = queries.indicators().set_index("code")
    source = st.text_input(t("extract_source", lang), key="ext_source")
    left, right = st.columns(2)
    provinces = sorted(set(queries.provinces("pre2025")["short_name"]) | set(queries.provinces("y2025")["short_name"]))
    given = left.selectbox(
        t("extract_province", lang), [""] + provinces, format_func=lambda p: p or t("extract_from_text", lang),
        key="ext_province",
    )  # fmt: skip
    year = right.number_input(t("extract_year", lang), 1990, date.today().year, None, key="ext_year")
    upload = st.file_uploader(
        t("extract_upload", lang, mb=imports.MAX_MB), type=["txt", "docx"], max_upload_size=imports.MAX_MB,
        key="ext_upload",
    )  # fmt: skip
    pasted = st.text_area(t("extract_paste", lang), height=160, key="ext_text")
    try:
        text = decode_text(upload.getvalue(), upload.name) if upload is not None else pasted
    except (UnicodeDecodeError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        st.error(t("extract_unreadable", lang), icon=":material/error:")
        return
    if not text.strip():
        st.caption(t("extract_waiting", lang))
        return
    proposals = extract(text, given or None, int(year) if year else None)
    if not proposals:
        st.info(t("extract_none", lang))
        return
    st.caption(t("extract_found", lang, n=len(proposals)))
    name = "name_en" if lang == "en" else "name_vi"
    kinds = {k: t(f"kind_{k}", lang) for k in narrative.KINDS}
    edited = st.data_editor(
        narrative.review_table(proposals),
        key=f"ext_review_{hash(text)}_{given}_{year}",  # a new text starts a new review
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        column_order=["accept", "indicator", "value", "year", "province", "district", "is_approx", "kind", "quote"],
        column_config={
            "accept": st.column_config.CheckboxColumn(t("col_accept", lang)),
            "indicator": st.column_config.SelectboxColumn(
                t("col_indicator", lang), options=list(meta.index), format_func=meta[name].get, required=True,
                width="medium",
            ),
            "value": st.column_config.NumberColumn(t("col_value", lang), format="localized"),
            "year": st.column_config.NumberColumn(t("col_year", lang), format="%d", min_value=1990),
            "province": st.column_config.TextColumn(t("col_province", lang)),
            "district": st.column_config.TextColumn(t("col_district", lang)),
            "is_approx": st.column_config.CheckboxColumn(t("col_approx", lang)),
            "kind": st.column_config.SelectboxColumn(
                t("col_kind", lang), options=list(kinds), format_func=kinds.get, required=True
            ),
            "quote": st.column_config.TextColumn(t("col_quote", lang), disabled=True, width="large"),
        },
    )  # fmt: skip
    accepted = int(edited["accept"].sum())
    if st.button(
        t("extract_confirm", lang, n=accepted), type="primary", icon=":material/upload:", disabled=not accepted
    ):
        outside = sorted(imports.outside_scope(edited[edited["accept"]]["province"], scope))
        if outside:
            st.error(t("import_not_allowed", lang, provinces=", ".join(outside)), icon=":material/block:")
            return
        try:
            result = narrative.save(edited, source or (upload.name if upload is not None else ""))
        except (InputError, BuildError) as exc:
            show_failure(exc, lang, imports.review_columns(lang))
        else:
            audit.record(audit_file(), "load", scope.user, source=source, values=accepted, via="text")
            if result is None:
                st.info(t("extract_unchanged", lang))
            else:
                st.success(t("extract_done", lang, n=accepted, source=literal(source)), icon=":material/check_circle:")


lang, scope = page_frame("nav_import")
if not import_enabled() or not scope.may_import_any:
    st.info(t("import_disabled", lang), icon=":material/lock:")
    st.stop()
modes = {"report": t("import_mode_report", lang), "text": t("import_mode_text", lang)}
mode = st.segmented_control(
    t("import_mode", lang), list(modes), format_func=modes.get, default="report", key="imp_mode"
)
if mode == "text":
    extract_from_text(lang, scope)
    st.stop()

st.subheader(t("import_template_heading", lang))
st.caption(t("import_template_caption", lang))
left, right, button = st.columns([1, 2, 2], vertical_alignment="bottom")
year = int(left.number_input(t("import_year", lang), 2000, date.today().year, date.today().year - 1, key="imp_year"))
choices = queries.provinces(system_for_year(year))
choices = choices[choices["unit_id"].map(scope.may_import)]  # the officer's own provinces
if choices.empty:  # e.g. a former province's officer asking for a year after the reform
    right.caption(t("import_no_template", lang, year=year))
else:
    names = dict(zip(choices["unit_id"], choices["short_name"], strict=True))
    province = right.selectbox(t("province", lang), list(names), format_func=names.get, key="imp_province")
    button.download_button(
        t("import_template_button", lang),
        partial(template_bytes, names[province], year),
        f"mau-bao-cao_{province.replace(':', '-')}_{year}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )

st.subheader(t("import_upload_heading", lang))
upload = st.file_uploader(
    t("import_upload", lang, mb=imports.MAX_MB), type=["xlsx", "csv"], max_upload_size=imports.MAX_MB, key="upload"
)
if upload is None:
    st.caption(t("import_waiting", lang))
    st.stop()
# Read once per upload (in a limited worker process, the file staged only while it is read); a rerun of the page
# (the confirm button) reuses what was read.
data = upload.getvalue()
digest = hashlib.sha256(data).hexdigest()
if st.session_state.get("imp_read", (None,))[0] != digest:
    with imports.staged(upload.name, data) as path:
        st.session_state["imp_read"] = (digest, *read_untrusted(path))
_, report, problems = st.session_state["imp_read"]
errors = [p for p in problems if p.severity == "error"]
if errors:
    st.error(t("import_errors", lang, n=len(errors)), icon=":material/error:")
    st.dataframe(imports.problem_table(problems, lang), hide_index=True, width="stretch")
    st.stop()
if problems:
    st.warning(t("import_warnings", lang, n=len(problems)), icon=":material/warning:")
    st.dataframe(imports.problem_table(problems, lang), hide_index=True, width="stretch")
outside = sorted({s.province.name for s in report.sheets if not scope.may_import(s.province.unit_id)})
if outside:
    st.error(t("import_not_allowed", lang, provinces=", ".join(outside)), icon=":material/block:")
    st.stop()
sheets = ", ".join(f"{s.province.name} {s.year}" for s in report.sheets)
st.success(t("import_valid", lang, sheets=literal(sheets), values=sum(s.n_values for s in report.sheets)))

st.subheader(t("import_preview_heading", lang))
table = imports.changes(report.value_frame(), [(s.province.unit_id, s.year) for s in report.sheets], lang, scope)
counts = table[t("col_change", lang)].value_counts()
for column, change in zip(st.columns(len(imports.CHANGE_ORDER)), imports.CHANGE_ORDER, strict=True):
    column.metric(t(f"change_{change}", lang), int(counts.get(t(f"change_{change}", lang), 0)))
components.changes_table(table, lang)

if st.button(t("import_confirm", lang), type="primary", icon=":material/upload:"):
    note = AuditNote(audit_file(), scope.user, {"file": upload.name, "sheets": sheets, "via": "app"})
    try:
        with imports.staged(upload.name, data) as path:
            result = load([path], note=note)
    except (InputError, BuildError) as exc:
        show_failure(exc, lang)
    else:
        done = "import_done" if result.added else "import_unchanged"
        st.success(t(done, lang, file=literal(upload.name)), icon=":material/check_circle:")
        if result.added:  # what the checks now say about the province's figures
            st.page_link(QUALITY_PAGE, label=t("import_quality", lang), icon=":material/fact_check:")
