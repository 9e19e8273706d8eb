"""Nhập dữ liệu: a blank template to fill, an uploaded report checked and previewed, loaded on confirmation."""

import tempfile
from datetime import date
from functools import partial
from pathlib import Path

import streamlit as st

from analytics import imports, queries, ui
from analytics.i18n import t
from etl.build import BuildError, load
from etl.problems import InputError
from etl.readers import read_report
from etl.template import write_workbook
from etl.units import system_for_year


def template_bytes(province: str, year: int) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_workbook(Path(folder) / "mau.xlsx", province, [year]).read_bytes()


lang = ui.page_frame("nav_import")
if not ui.import_enabled():
    st.info(t("import_disabled", lang), icon=":material/lock:")
    st.stop()

st.subheader(t("import_template_heading", lang))
st.caption(t("import_template_caption", lang))
left, right, button = st.columns([1, 2, 2], vertical_alignment="bottom")
year = int(left.number_input(t("import_year", lang), 2000, date.today().year, date.today().year - 1, key="imp_year"))
choices = queries.provinces(system_for_year(year))
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
# One folder per session, reused on every rerun: an upload is kept once, under its own name.
st.session_state.setdefault("imp_folder", imports.stage_folder())
path = imports.stage(st.session_state["imp_folder"], upload.name, upload.getvalue())
report, problems = read_report(path)
errors = [p for p in problems if p.severity == "error"]
if errors:
    st.error(t("import_errors", lang, n=len(errors)), icon=":material/error:")
    st.dataframe(imports.problem_table(problems, lang), hide_index=True, width="stretch")
    st.stop()
if problems:
    st.warning(t("import_warnings", lang, n=len(problems)), icon=":material/warning:")
    st.dataframe(imports.problem_table(problems, lang), hide_index=True, width="stretch")
sheets = ", ".join(f"{s.province.name} {s.year}" for s in report.sheets)
st.success(t("import_valid", lang, sheets=sheets, values=sum(len(s.values) for s in report.sheets)))

st.subheader(t("import_preview_heading", lang))
table = imports.changes(report, lang)
counts = table[t("col_change", lang)].value_counts()
for column, change in zip(st.columns(len(imports.CHANGE_ORDER)), imports.CHANGE_ORDER, strict=True):
    column.metric(t(f"change_{change}", lang), int(counts.get(t(f"change_{change}", lang), 0)))
ui.changes_table(table, lang)

if st.button(t("import_confirm", lang), type="primary", icon=":material/upload:"):
    try:
        result = load([path])
    except (InputError, BuildError) as exc:
        st.error(t("import_failed", lang), icon=":material/error:")
        if isinstance(exc, InputError):
            st.dataframe(imports.problem_table(exc.problems, lang), hide_index=True, width="stretch")
        else:
            st.caption(str(exc))
    else:
        done = "import_done" if result.added else "import_unchanged"
        st.success(t(done, lang, file=upload.name), icon=":material/check_circle:")
