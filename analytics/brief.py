"""The one-page brief (A4 PDF): key figures, summary, charts, scorecard, units, data status; and its command.

Charts are drawn with matplotlib's object API (no pyplot: no global state across sessions) into SVG, which
fpdf2 draws as vector paths; the text is DejaVu Sans (every Vietnamese glyph), taken from matplotlib's own
package and embedded as a subset, so the text can be selected and searched."""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from analytics import queries, summary
from analytics.fmt import is_partial, number
from analytics.summary import Brief
from core.i18n import t
from core.textnorm import key
from core.units import name_in

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu Sans"
RED = (192, 32, 32)
GREY = (90, 90, 90)
MARGIN = 12.0
WIDTH = 210.0 - 2 * MARGIN
PAGE_BOTTOM = 297.0 - MARGIN
STATUS_COLOURS = {"achieved": (215, 240, 221), "near": (252, 239, 199), "missed": (248, 215, 213)}
MAX_TARGET_ROWS = 7
FORMATS = ("pdf", "docx")

# fpdf2 names every SVG tag it skips (matplotlib's <metadata>) at WARNING: nothing a reader needs.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)


# ----------------------------------------------------------------------------------------------------------
# The page: header, key figures, summary, charts, scorecard, units, and the data status at its foot.
# ----------------------------------------------------------------------------------------------------------
class _Page(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        # The family's own name: the charts' SVG text names it so, and finds the same embedded font.
        self.add_font(FAMILY, "", str(FONT))
        self.add_font(FAMILY, "B", str(FONT_BOLD))
        self.set_font(FAMILY, size=8)
        self.c_margin = 0.8

    def text_at(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        size: float,
        bold: bool = False,
        align: str = "L",
        colour: tuple[int, int, int] = (0, 0, 0),
    ) -> None:
        self.set_xy(x, y)
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.cell(w, h, text, align=align)
        self.set_text_color(0, 0, 0)

    def para(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        size: float,
        line: float,
        bold: bool = False,
        colour: tuple[int, int, int] = (0, 0, 0),
    ) -> float:
        """A wrapped paragraph; returns the y below it."""
        self.set_xy(x, y)
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(w, line, text, align="L")
        self.set_text_color(0, 0, 0)
        return self.get_y()

    def heading(self, y: float, text: str) -> float:
        self.text_at(MARGIN, y, WIDTH, 4.5, text, 9, bold=True, colour=(20, 60, 120))
        return y + 5.0


def _header(pdf: _Page, brief: Brief, lang: str) -> float:
    y = MARGIN
    pdf.text_at(MARGIN, y, 120, 6, t("brief_title", lang), 13, bold=True, colour=(20, 60, 120))
    if brief.is_sample:
        mark = t("brief_sample_mark", lang)
        pdf.set_font(FAMILY, "B", 10)
        w = pdf.get_string_width(mark) + 6
        pdf.set_draw_color(*RED)
        pdf.set_line_width(0.6)
        pdf.set_fill_color(253, 236, 236)
        pdf.rect(MARGIN + WIDTH - w, y - 0.5, w, 8, style="DF")
        pdf.text_at(MARGIN + WIDTH - w, y + 0.5, w, 6, mark, 10, bold=True, align="C", colour=RED)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0, 0, 0)
    y += 7
    pdf.text_at(MARGIN, y, WIDTH, 6, name_in(brief.unit_name, lang), 12, bold=True)
    y += 6
    sub = t(
        "brief_subtitle",
        lang,
        unit=name_in(brief.province_name, lang) if brief.district_id else "",
        year=brief.year,
        units=summary.units_text(brief.system, lang),
    ).lstrip(" ·")
    pdf.text_at(MARGIN, y, WIDTH, 5, sub, 9, colour=GREY)
    y += 6
    pdf.set_draw_color(20, 60, 120)
    pdf.line(MARGIN, y, MARGIN + WIDTH, y)
    pdf.set_draw_color(0, 0, 0)
    return y + 2


def _kpis(pdf: _Page, brief: Brief, lang: str, y: float) -> float:
    y = pdf.heading(y, t("brief_kpi_heading", lang, year=brief.year))
    meta = queries.indicators()
    w, h, gap = (WIDTH - 2 * 3) / 3, 15.0, 3.0
    for i, code in enumerate(queries.KPI_INDICATORS):
        x = MARGIN + (i % 3) * (w + gap)
        top = y + (i // 3) * (h + 2)
        pdf.set_draw_color(200, 200, 200)
        pdf.rect(x, top, w, h)
        label, value, under = summary.kpi_texts(brief, code, lang)
        pdf.text_at(x + 1, top + 0.8, w - 2, 3.5, label, 7, colour=GREY)
        pdf.text_at(x + 1, top + 4.3, w - 2, 6, value, 13, bold=True)
        row = brief.row(code)
        colour = GREY
        if row is not None and not bool(row["suppressed"]) and not is_partial(row):
            change = summary._change(row)
            better = meta.loc[code, "higher_is_better"]
            if change:
                good = (change > 0) == (bool(better) if pd.notna(better) else True)
                colour = (30, 120, 60) if good else RED
        elif row is not None and is_partial(row):
            colour = (190, 110, 0)
        # Beneath the figure: its change, or what part it is ("Một phần: chỉ có …"), on up to two lines in the box.
        pdf.set_font(FAMILY, "", 6.3)
        lines = pdf.multi_cell(w - 2, 2.6, under, dry_run=True, output="LINES")
        pdf.para(x + 1, top + (10.3 if len(lines) < 2 else 9.6), w - 2, "\n".join(lines[:2]), 6.3, 2.6, colour=colour)
    pdf.set_draw_color(0, 0, 0)
    return y + 2 * h + 2 + 1


def _summary(pdf: _Page, brief: Brief, lang: str, y: float) -> float:
    y = pdf.heading(y, t("brief_summary_heading", lang))
    return pdf.para(MARGIN, y, WIDTH, summary.paragraph(brief, lang), 8.3, 3.8) + 1.5


def _charts(pdf: _Page, brief: Brief, lang: str, y: float) -> float:
    gap = 3.0
    w = (WIDTH - 2 * gap) / 3
    h = 44.0
    for i, (title_key, draw) in enumerate(summary.CHARTS):
        x = MARGIN + i * (w + gap)
        pdf.text_at(x, y, w, 4, t(title_key, lang), 7.5, bold=True)
        svg = summary.chart_bytes(draw(brief, lang, (w, h)), "svg")
        # matplotlib's glyphs are paths without a fill of their own: they take the page's current one.
        pdf.set_fill_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        pdf.image(io.BytesIO(svg), x=x, y=y + 4.2, w=w, h=h)
    return y + 4.2 + h + 1.5


def _status(pdf: _Page, brief: Brief, lang: str) -> float:
    """The data status at the foot of the page; returns where it starts."""
    text = "\n".join(summary._status_text(brief, lang))
    # Measure first, then draw at the bottom: what is above it shrinks, never this.
    pdf.set_font(FAMILY, "", 6.8)
    lines = pdf.multi_cell(WIDTH - 4, 3.1, text, dry_run=True, output="LINES")
    height = 5 + 3.1 * len(lines) + 2
    top = PAGE_BOTTOM - height
    pdf.set_fill_color(242, 242, 242)
    pdf.rect(MARGIN, top, WIDTH, height, style="F")
    pdf.text_at(MARGIN + 2, top + 1, WIDTH - 4, 4, t("brief_status_heading", lang), 7.5, bold=True)
    pdf.para(MARGIN + 2, top + 5, WIDTH - 4, text, 6.8, 3.1)
    return top


def _scorecard(pdf: _Page, brief: Brief, lang: str, y: float) -> float:
    y = pdf.heading(y, t("brief_scorecard_heading", lang, year=brief.year))
    if brief.card.empty:
        return pdf.para(MARGIN, y, WIDTH, t("brief_no_targets", lang), 7.5, 3.5) + 1
    rows = summary.target_rows(brief, lang)
    statuses = list(brief.card["status"])
    shown, more = rows[:MAX_TARGET_ROWS], len(rows) - MAX_TARGET_ROWS
    head = (
        t("col_plan", lang),
        t("col_target", lang),
        t("col_goal", lang),
        t("col_result", lang),
        t("col_result_year", lang),
        t("col_status", lang),
    )
    pdf.set_font(FAMILY, "", 6.5)
    pdf.set_xy(MARGIN, y)
    bold = FontFace(emphasis="BOLD", fill_color=(230, 236, 245))
    with pdf.table(
        col_widths=(28, 78, 26, 18, 12, 24),
        line_height=2.9,
        headings_style=bold,
        padding=0.5,
        first_row_as_headings=True,
        text_align="LEFT",
        width=WIDTH,
    ) as table:
        table.row(head)
        for status, values in zip(statuses, shown, strict=False):
            row = table.row()
            for i, value in enumerate(values):
                style = FontFace(fill_color=STATUS_COLOURS[status]) if i == 5 and status in STATUS_COLOURS else None
                row.cell(value, style=style)
    y = pdf.get_y()
    if more > 0:
        pdf.text_at(MARGIN, y, WIDTH, 3.4, t("brief_more_targets", lang, n=more), 6.5, colour=GREY)
        y += 3.4
    if brief.district_id is not None:
        pdf.text_at(
            MARGIN,
            y,
            WIDTH,
            3.4,
            t("plans_province_level", lang, province=name_in(brief.province_name, lang)),
            6.5,
            colour=GREY,
        )
        y += 3.4
    return y + 1.5


def _units_table(pdf: FPDF, head: list[str], rows: list[list[str]], y: float) -> float:
    """The table by unit (or year) from `y`; returns the y below it."""
    pdf.set_font(FAMILY, "", 6.5)
    pdf.set_xy(MARGIN, y)
    bold = FontFace(emphasis="BOLD", fill_color=(230, 236, 245))
    with pdf.table(
        col_widths=(46, 28, 28, 28, 28, 28),
        line_height=2.9,
        headings_style=bold,
        padding=0.4,
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        width=WIDTH,
    ) as table:
        table.row(head)
        for values in rows:
            table.row(values)
    return pdf.get_y()


def _fits(pdf: _Page, head: list[str], rows: list[list[str]], y: float) -> float:
    """Where the table would end, drawn on a dry run that leaves the page as it was."""
    with pdf.offset_rendering() as dry:
        end = _units_table(dry, head, rows, y)  # type: ignore[arg-type]
    return end


def _units(pdf: _Page, brief: Brief, lang: str, y: float, bottom: float) -> float:
    """The table by district or commune, as many rows as the page holds above the data status, then "và X đơn vị
    khác"; by year for a district or commune."""
    if brief.district_id is None and not brief.detail_allowed:
        y = pdf.heading(
            y, t("brief_units_heading_C" if brief.system == "y2025" else "brief_units_heading_D", lang, year=brief.year)
        )
        return pdf.para(
            MARGIN, y, WIDTH, t("brief_detail_restricted", lang, province=name_in(brief.province_name, lang)), 7, 3.3
        )
    head, every, _, title = summary.unit_rows(brief, lang)
    y = pdf.heading(y, title)
    more_line = 4.0
    rows = every
    if _fits(pdf, head, rows, y) > bottom:
        # Rows are one line each: measure one and two rows, and take as many as fit with the line saying the rest.
        one, two = _fits(pdf, head, every[:1], y), _fits(pdf, head, every[:2], y)
        limit = max(int((bottom - more_line - one) // max(two - one, 0.1)) + 1, 1)
        while limit > 1 and _fits(pdf, head, every[:limit], y) > bottom - more_line:
            limit -= 1
        rows = every[:limit]
    y = _units_table(pdf, head, rows, y) + 0.5
    if left := len(every) - len(rows):
        pdf.text_at(MARGIN, y, WIDTH, 3.4, t("brief_more_units", lang, n=left), 6.5, bold=True, colour=GREY)
        y += 3.4
    return y


def pdf_bytes(brief: Brief, lang: str) -> bytes:
    """The one-page A4 brief."""
    pdf = _Page()
    pdf.set_title(f"{t('brief_title', lang)} · {name_in(brief.unit_name, lang)} · {brief.year}")
    pdf.set_creator(t("app_title", lang))
    pdf.set_lang("vi" if lang == "vi" else "en")
    pdf.set_creation_date(brief.made_at.astimezone())
    pdf.add_page()
    y = _header(pdf, brief, lang)
    y = _kpis(pdf, brief, lang, y)
    y = _summary(pdf, brief, lang, y)
    y = _charts(pdf, brief, lang, y)
    bottom = _status(pdf, brief, lang)
    y = _scorecard(pdf, brief, lang, y)
    _units(pdf, brief, lang, y, bottom - 1.5)
    return bytes(pdf.output())


# ----------------------------------------------------------------------------------------------------------
# The command: python -m analytics.brief --province "Phú Thọ" --year 2026 --format pdf --out phu-tho.pdf
# ----------------------------------------------------------------------------------------------------------
def _find(text: str, units: pd.DataFrame) -> str | None:
    """The one unit of `units` (unit_id, name, short_name) named by `text`: name with or without diacritics or
    prefix, GSO code, or id."""
    if text in set(units["unit_id"]):
        return text
    codes = units["unit_id"].str.rsplit(":", n=1).str[-1]
    if text.strip().isdigit():
        hits = units.loc[codes.str.lstrip("0") == text.strip().lstrip("0"), "unit_id"]
    else:
        wanted = key(text)
        hits = units.loc[(units["name"].map(key) == wanted) | (units["short_name"].map(key) == wanted), "unit_id"]
    return str(hits.iloc[0]) if len(hits) == 1 else None


def main(argv: list[str] | None = None) -> int:
    from analytics.access import local
    from core import audit
    from core import settings as core_settings

    lang = os.environ.get("DASHBOARD_LANG", "vi")
    if argv is None:
        argv = sys.argv[1:]
    if "--lang" in argv and argv.index("--lang") + 1 < len(argv):
        lang = argv[argv.index("--lang") + 1]
    lang = "en" if lang == "en" else "vi"
    p = argparse.ArgumentParser(prog="python -m analytics.brief", description=t("brief_cli_help", lang))
    p.add_argument("--province", required=True, help=t("brief_cli_province", lang))
    p.add_argument("--unit", help=t("brief_cli_unit", lang))
    p.add_argument("--units", choices=("y2025", "pre2025"), default="y2025", help=t("brief_cli_units", lang))
    p.add_argument("--year", type=int, help=t("brief_cli_year", lang))
    p.add_argument("--format", choices=FORMATS, default="pdf", help=t("brief_cli_format", lang))
    p.add_argument("--out", type=Path, required=True, help=t("brief_cli_out", lang))
    p.add_argument("--lang", choices=("vi", "en"), default=lang, help=t("brief_cli_lang", lang))
    args = p.parse_args(argv)
    lang = args.lang
    conf = core_settings.load(core_settings.read_secrets())
    with_data = queries.provinces_with_data(args.units)
    province = _find(args.province, with_data)
    if province is None:
        known = ", ".join(with_data["short_name"])
        print(t("brief_cli_no_province", lang, name=args.province, units=args.units, known=known), file=sys.stderr)
        return 2
    district = None
    if args.unit:
        district = _find(args.unit, queries.sub_units(province, local(conf.threshold)))
        if district is None:
            print(
                t("brief_cli_no_unit", lang, name=args.unit, province=queries.unit_name(province, lang)),
                file=sys.stderr,
            )
            return 2
    span = queries.years(district or province)
    lo, hi = span or (0, 0)
    year = args.year or hi
    if span is None or not lo <= year <= hi:
        said = t("brief_cli_no_year", lang, unit=queries.unit_name(district or province, lang), year=year, lo=lo, hi=hi)
        print(said, file=sys.stderr)
        return 2
    # A file leaves the machine: small counts stay covered, as on a screen before the officer uncovers them.
    scope = replace(local(conf.threshold), raw=frozenset())
    brief = summary.gather(province, district, lo, year, scope)
    data = pdf_bytes(brief, lang) if args.format == "pdf" else _docx(brief, lang)
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        print(t("brief_cli_cannot_write", lang, file=args.out, error=exc.strerror or exc), file=sys.stderr)
        return 1
    log = audit.path_for(conf.audit_file, conf.warehouse)
    audit.record(
        log,
        "export",
        audit.system_user(),
        file=args.out.name,
        kind="brief",
        format=args.format,
        unit=brief.unit_id,
        year=year,
        via="cli",
    )
    print(t("brief_cli_written", lang, file=args.out, size=number(len(data), lang)))
    return 0


def _docx(brief: Brief, lang: str) -> bytes:
    from analytics.report_docx import docx_bytes

    return docx_bytes(brief, lang)


if __name__ == "__main__":
    raise SystemExit(main())
