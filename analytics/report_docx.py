"""The annual report as an editable Word draft: the administrative header of Nghị định 30/2020/NĐ-CP, the summary,
the figures as tables by unit and year, the charts as pictures, and the data status."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from analytics import queries, summary
from analytics.summary import Brief
from core.i18n import t
from core.units import name_in

FONT = "Times New Roman"  # Nghị định 30/2020: Times New Roman, Unicode (TCVN 6909:2001)


def _run(
    par: Paragraph, text: str, size: float = 13, bold: bool = False, italic: bool = False, underline: bool = False
) -> None:
    run = par.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _centre(
    cell: object, text: str, size: float, bold: bool = False, italic: bool = False, underline: bool = False
) -> Paragraph:
    par = cell.add_paragraph() if cell.paragraphs[0].text else cell.paragraphs[0]  # type: ignore[attr-defined]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.space_after = Pt(0)
    _run(par, text, size, bold, italic, underline)
    return par


def _no_borders(table: object) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        tag = OxmlElement(f"w:{edge}")
        tag.set(qn("w:val"), "nil")
        borders.append(tag)
    table._tbl.tblPr.append(borders)  # type: ignore[attr-defined]


def _header(doc: Document, brief: Brief, lang: str) -> None:
    """Issuing body top left, Quốc hiệu and Tiêu ngữ top right; number and date left visibly empty to fill."""
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    _centre(left, t("report_body", lang, province=brief.province_name).upper(), 12)
    _centre(left, t("report_agency", lang), 12, bold=True, underline=True)
    _centre(right, t("report_nation", lang), 12, bold=True)
    _centre(right, t("report_motto", lang), 13, bold=True, underline=True)
    number_cell, date_cell = table.rows[1].cells
    _centre(number_cell, t("report_number", lang), 13)
    _centre(date_cell, t("report_date", lang), 13, italic=True)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.space_after = Pt(0)
    _run(title, t("report_title", lang), 14, bold=True)
    subject = doc.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(subject, t("report_subject", lang, year=brief.year), 14, bold=True)
    line = doc.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(
        line,
        t("report_unit_line", lang, unit=name_in(brief.unit_name, lang), units=summary.units_text(brief.system, lang)),
        12,
        italic=True,
    )
    if brief.is_sample:
        mark = doc.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(mark, t("brief_sample_mark", lang), 13, bold=True)
        mark.runs[0].font.color.rgb = RGBColor(0xC0, 0x20, 0x20)


def _heading(doc: Document, text: str) -> None:
    par = doc.add_heading(level=1)
    _run(par, text, 13, bold=True)
    par.runs[0].font.color.rgb = RGBColor(0, 0, 0)


TEXT_WIDTH_CM = 16.0  # A4 less the margins of Nghị định 30 (3 cm left, 2 cm right)


def _table(doc: Document, head: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.paragraphs[0].text = ""
        _run(cell.paragraphs[0], text, 11, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            _run(cell.paragraphs[0], text, 11)
            if i and widths is None:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths is None:
        # The label column wide enough for an indicator's name on two lines; the figures share the rest of the
        # 16 cm between the margins.
        first = 5.0 if len(head) > 2 else 8.0
        widths = [first] + [(TEXT_WIDTH_CM - first) / (len(head) - 1)] * (len(head) - 1)
    # Word and LibreOffice honour a width only when autofit is off and both the column and its cells carry it.
    table.autofit = False
    for column, w in zip(table.columns, widths, strict=True):
        column.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Cm(w)


def _closing(doc: Document, lang: str) -> None:
    """Nơi nhận at the left, the signer's title at the right, both left for the officer to fill in."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    par = left.paragraphs[0]
    _run(par, t("report_recipients", lang), 12, bold=True, italic=True)
    _run(left.add_paragraph(), "- …;", 11)
    _run(left.add_paragraph(), "- …;", 11)
    _centre(right, t("report_signer", lang), 13, bold=True)
    _centre(right, "(…)", 13, italic=True)


def kpi_rows(brief: Brief, lang: str) -> tuple[list[str], list[list[str]]]:
    """Key figures by year: one row per indicator, one column per year (the brief's year last)."""
    years = sorted({int(y) for y in brief.frame["year"]})[-5:]
    head = [t("report_col_indicator", lang), *[str(y) for y in years]]
    codes = tuple(dict.fromkeys(queries.KPI_INDICATORS + queries.NETWORK_TREND + summary.FORMS + brief.ratio_codes))
    rows = [[summary.short_label(c, lang)] + [summary.cell(brief.row(c, y), c, lang) for y in years] for c in codes]
    return head, rows


def docx_bytes(brief: Brief, lang: str) -> bytes:
    """The Word draft: header, summary, tables (key figures by year, targets, units), charts, data status."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    # Margins of Nghị định 30/2020: top and bottom 2 cm, left 3 cm, right 1.5–2 cm.
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    doc.core_properties.title = f"{t('report_title', lang)} {t('report_subject', lang, year=brief.year)}"
    doc.core_properties.author = t("app_title", lang)
    _header(doc, brief, lang)

    _heading(doc, t("report_h_summary", lang))
    for sentence in summary.sentences(brief, lang):
        par = doc.add_paragraph()
        par.paragraph_format.first_line_indent = Cm(1)
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _run(par, sentence)
    note = doc.add_paragraph()
    _run(note, t("report_fill", lang), 12, italic=True)

    _heading(doc, t("report_h_kpi", lang))
    head, rows = kpi_rows(brief, lang)
    _table(doc, head, rows)

    _heading(doc, t("report_h_targets", lang))
    if brief.card.empty:
        _run(doc.add_paragraph(), t("brief_no_targets", lang))
    else:
        head = [
            t(k, lang) for k in ("col_plan", "col_target", "col_goal", "col_result", "col_result_year", "col_status")
        ]
        _table(doc, head, [list(r) for r in summary.target_rows(brief, lang)], [2.4, 6.0, 2.4, 1.8, 1.4, 2.0])

    _heading(doc, t("report_h_units", lang))
    if brief.district_id is None and not brief.detail_allowed:
        _run(doc.add_paragraph(), t("brief_detail_restricted", lang, province=name_in(brief.province_name, lang)))
    else:
        head, rows, _, title = summary.unit_rows(brief, lang)
        _run(doc.add_paragraph(), title, 12, italic=True)
        _table(doc, head, rows)

    _heading(doc, t("report_h_charts", lang))
    for title_key, draw in summary.CHARTS:
        _run(doc.add_paragraph(), t(title_key, lang), 12, bold=True)
        # Drawn at half size and shown at full width: the labels read at twice their size on paper.
        png = summary.chart_bytes(draw(brief, lang, (75.0, 42.0)), "png", dpi=200)
        doc.add_picture(io.BytesIO(png), width=Cm(15))

    _heading(doc, t("report_h_status", lang))
    for line in summary.status_lines(brief, lang):
        _run(doc.add_paragraph(), line, 12)

    _closing(doc, lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
