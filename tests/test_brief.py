"""The province brief (one-page PDF), the Word report and the summary sentences: read back, round-tripped through
the extractor, and checked for hidden counts; the download buttons in AppTest and in Chromium."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from analytics import brief as brief_pdf
from analytics import queries, summary
from analytics.access import Scope, local
from analytics.report_docx import docx_bytes
from bench.server import free_port
from core import audit
from core.units import UnitIndex
from etl.build import build
from etl.extract import extract
from etl.template import write_workbook

ROOT = Path(__file__).resolve().parent.parent
MADE = datetime(2026, 11, 30, 9, 15)
EVERYONE = replace(local(4), raw=frozenset())  # the local reader with small counts covered, as files leave

PHU_THO, QUANG_NGAI, HA_NOI, BAC_NINH, NINH_BINH = (f"y2025:P:{c}" for c in ("25", "51", "01", "24", "37"))
VP = "pre2025:P:26"
VINH_YEN, PHUC_YEN, YEN_LAC, VINH_TUONG = (f"pre2025:D:{c}" for c in (243, 244, 251, 252))
SMALL = {
    # 2024: Phúc Yên's 3 cases are small; Vĩnh Yên's 6 is hidden with them so the province's 21 gives nothing away.
    (2023, VINH_YEN): {"dv_cases": 5, "dv_cases_physical": 5, "hotlines": 20, "trusted_addresses": 40},
    (2023, PHUC_YEN): {"dv_cases": 2, "dv_cases_physical": 2, "hotlines": 10, "trusted_addresses": 31},
    (2023, VINH_TUONG): {"dv_cases": 10, "dv_cases_physical": 10, "hotlines": 12},
    (2024, VINH_YEN): {"dv_cases": 6, "dv_cases_physical": 6, "hotlines": 22, "trusted_addresses": 41},
    (2024, PHUC_YEN): {"dv_cases": 3, "dv_cases_physical": 3, "hotlines": 11, "trusted_addresses": 33},
    (2024, YEN_LAC): {"dv_cases": 0, "hotlines": 9},
    (2024, VINH_TUONG): {"dv_cases": 12, "dv_cases_physical": 12, "hotlines": 13},
}
PROVINCE_READER = Scope("lan@example.vn", "province", detail=frozenset({VP}), threshold=4)


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("brief-small") / "data"
    (data / "reports").mkdir(parents=True)
    write_workbook(data / "reports" / "vp.xlsx", "Vĩnh Phúc", [2023, 2024], SMALL)
    return build(data, data / "warehouse.duckdb").warehouse


@pytest.fixture
def sample(sample_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WAREHOUSE_PATH", str(sample_warehouse))
    return sample_warehouse


@pytest.fixture
def small(small_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WAREHOUSE_PATH", str(small_warehouse))
    return small_warehouse


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# ----------------------------------------------------------------------------------------------------------
# The PDF
# ----------------------------------------------------------------------------------------------------------
def test_pdf_holds_unit_year_figures_and_the_illustrative_mark_on_one_page(sample: Path) -> None:
    made = summary.gather(PHU_THO, None, 2016, 2026, EVERYONE, MADE)
    data = brief_pdf.pdf_bytes(made, "vi")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert len(data) <= 1_000_000
    text = _text(data)
    for said in ("BẢN TÓM TẮT CÔNG TÁC GIA ĐÌNH", "Tỉnh Phú Thọ", "Năm 2026", "đơn vị từ 7/2025", "DỮ LIỆU MINH HỌA"):
        assert said in text
    # The six key figures and their change on 2025, as the overview's cards say them.
    for value in ("429", "594", "2.447", "1.030", "54", "1.890", "+26 so với 2025", "-8 so với 2025"):
        assert value in text
    assert "giảm 8 vụ (12,9%) so với năm 2025" in text.replace("\n", " ")
    assert "Lập lúc" in text or "lập lúc 30/11/2026 09:15" in text
    # 148 communes do not fit: the table stops and says how many more.
    assert re.search(r"và \d+ đơn vị khác", text)
    assert "Kết quả so với chỉ tiêu (số liệu đến năm 2026)" in text


def test_pdf_font_is_embedded_and_has_vietnamese_text(sample: Path) -> None:
    data = brief_pdf.pdf_bytes(summary.gather(QUANG_NGAI, None, 2016, 2025, EVERYONE, MADE), "vi")
    fonts = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        if "/FontFile2" in descriptor:
            embedded.append(str(font["/BaseFont"]))
    assert len(embedded) == 2 and all("DejaVuSans" in f for f in embedded)
    assert "Tỉnh Quảng Ngãi" in _text(data)  # every glyph found its way to searchable text


def test_pdf_of_reported_figures_has_no_illustrative_mark(
    fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    text = _text(brief_pdf.pdf_bytes(summary.gather(VP, None, 2023, 2024, EVERYONE, MADE), "vi"))
    assert "MINH HỌA" not in text.upper()
    assert "Số liệu báo cáo của địa phương." in text
    assert "Tỉnh Vĩnh Phúc" in text and "Năm 2024" in text


def test_pdf_in_english(sample: Path) -> None:
    text = _text(brief_pdf.pdf_bytes(summary.gather(HA_NOI, None, 2016, 2026, EVERYONE, MADE), "en"))
    assert "FAMILY WORK BRIEF" in text and "ILLUSTRATIVE DATA" in text and "2,347" in text


@pytest.mark.slow
def test_pdf_renders_to_an_a4_picture(sample: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(brief_pdf.pdf_bytes(summary.gather(PHU_THO, None, 2016, 2026, EVERYONE, MADE), "vi"))
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    png = (tmp_path / "page.png").read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (414, 585)  # A4 (210 × 297 mm) at 50 dpi, portrait


# ----------------------------------------------------------------------------------------------------------
# The Word report
# ----------------------------------------------------------------------------------------------------------
def test_docx_has_header_headings_and_tables_matching_the_warehouse(sample: Path) -> None:
    made = summary.gather(QUANG_NGAI, None, 2016, 2026, EVERYONE, MADE)
    doc = Document(io.BytesIO(docx_bytes(made, "vi")))
    header = doc.tables[0]
    assert [c.text for c in header.rows[0].cells] == [
        "UBND TỈNH QUẢNG NGÃI\nCƠ QUAN BÁO CÁO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    assert [c.text for c in header.rows[1].cells] == ["Số: …/BC-…", "…, ngày … tháng … năm …"]
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == [
        "BÁO CÁO",
        "Kết quả công tác gia đình năm 2026",
        "Tỉnh Quảng Ngãi · đơn vị từ 7/2025",
        "DỮ LIỆU MINH HỌA",
    ]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. Tóm tắt kết quả",
        "II. Các chỉ số chính",
        "III. Kết quả so với chỉ tiêu",
        "IV. Số liệu theo đơn vị",
        "V. Biểu đồ",
        "VI. Tình trạng và nguồn số liệu",
    ]
    assert any(p.startswith("Năm 2026, toàn tỉnh xảy ra 23 vụ bạo lực gia đình, giảm 10 vụ (30,3%)") for p in texts)
    kpi = doc.tables[1]
    assert [c.text for c in kpi.rows[0].cells] == ["Chỉ tiêu", "2022", "2023", "2024", "2025", "2026"]
    assert [c.text for c in kpi.rows[1].cells] == [
        "CLB gia đình phát triển bền vững",
        "212",
        "222",
        "246",
        "244",
        "240",
    ]
    # Every figure of the table is the warehouse's, read through the same query the pages use.
    rows = queries.values(QUANG_NGAI, queries.KPI_INDICATORS, 2022, 2026, EVERYONE)
    by_label = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in kpi.rows[1:]}
    for code in queries.KPI_INDICATORS:
        mine = rows[rows["indicator"] == code].sort_values("year")
        expected = [summary.cell(r, code, "vi") for _, r in mine.iterrows()]
        assert by_label[summary.short_label(code, "vi")] == expected
    units = doc.tables[3]
    assert [c.text for c in units.rows[0].cells][0] == "Đơn vị"
    communes = queries.by_sub_unit(QUANG_NGAI, summary.TABLE_CODES, 2026, EVERYONE)
    assert len(units.rows) - 1 == communes["unit_id"].nunique()  # the report has room for every unit
    first = {r.indicator: r for r in communes[communes["unit_name"] == units.rows[1].cells[0].text].itertuples()}
    assert units.rows[1].cells[1].text == f"{first['clubs_dv_prevention'].value:.0f}"
    assert len(doc.inline_shapes) == 3  # the three charts, as pictures


# ----------------------------------------------------------------------------------------------------------
# The summary
# ----------------------------------------------------------------------------------------------------------
def _expected(made: summary.Brief) -> tuple[set[tuple[str, float, int, str]], float | None]:
    """The figures the sentences are made from: the shown counts of the year, and the change in DV cases."""
    out = set()
    for code in (*summary.NETWORK, "dv_cases", "training_participants", *summary.FORMS):
        row = made.row(code)
        if row is not None and not row["suppressed"] and row["value"] == row["value"]:
            if code in summary.FORMS and not row["value"]:
                continue
            out.add((code, float(row["value"]), made.year, "result"))
    return out, summary._change(made.row("dv_cases"))


@pytest.mark.parametrize(
    ("province", "year"),
    [(PHU_THO, 2026), (QUANG_NGAI, 2025), (HA_NOI, 2026), (BAC_NINH, 2024), (NINH_BINH, 2025), (VP, 2019)],
)
def test_summary_round_trip_through_the_extractor(sample: Path, province: str, year: int) -> None:
    made = summary.gather(province, None, 2016, year, EVERYONE, MADE)
    text = summary.paragraph(made, "vi")
    found = {(p.indicator, p.value, p.year, p.kind) for p in extract(text, province=made.province_name)}
    results, change = _expected(made)
    assert {f for f in found if f[3] == "result"} == results
    assert len(results) >= 8
    # The change on last year: the extractor keeps a rise ("tăng 3 vụ") as a change and proposes no fall ("giảm 8
    # vụ" is not something added); whatever it proposes is the change the sentence was made from.
    changes = {f for f in found if f[3] != "result"}
    assert changes <= ({("dv_cases", change, year, "change")} if change and change > 0 else set())


def test_a_rise_round_trips_as_a_change(tmp_path: Path, index: UnitIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bắc Kạn, every district reporting: 40 cases in 2023, 48 in 2024. The rise is written, and the extractor gives
    it back as a change."""
    districts = index.children("pre2025:P:06", "D")
    values = {
        (y, d.unit_id): {"dv_cases": y - 2018, "dv_cases_mental": y - 2018} for y in (2023, 2024) for d in districts
    }
    data = tmp_path / "data"
    write_workbook(data / "reports" / "bac-kan.xlsx", "Bắc Kạn", [2023, 2024], values)
    monkeypatch.setenv("WAREHOUSE_PATH", str(build(data, data / "warehouse.duckdb").warehouse))
    made = summary.gather("pre2025:P:06", None, 2023, 2024, EVERYONE, MADE)
    said = summary.paragraph(made, "vi")
    assert said.startswith(
        "Năm 2024, toàn tỉnh xảy ra 48 vụ bạo lực gia đình, tăng 8 vụ (20,0%) so với năm 2023; trong đó có 48 vụ bạo "
        "lực tinh thần."
    )
    found = {(p.indicator, p.value, p.year, p.kind) for p in extract(said, province="Bắc Kạn")}
    assert found == {
        ("dv_cases", 48.0, 2024, "result"),
        ("dv_cases", 8.0, 2024, "change"),
        ("dv_cases_mental", 48.0, 2024, "result"),
    }


def test_summary_literal_sentences(sample: Path) -> None:
    made = summary.gather(PHU_THO, None, 2016, 2026, EVERYONE, MADE)
    assert summary.sentences(made, "vi") == [
        "Năm 2026, toàn tỉnh có 429 câu lạc bộ gia đình phát triển bền vững, 594 câu lạc bộ, nhóm phòng, chống bạo "
        "lực gia đình, 2.447 địa chỉ tin cậy và 1.030 đường dây nóng.",
        "Năm 2026, toàn tỉnh xảy ra 54 vụ bạo lực gia đình, giảm 8 vụ (12,9%) so với năm 2025; trong đó có 28 vụ "
        "bạo lực thân thể, 21 vụ bạo lực tinh thần, 4 vụ bạo lực kinh tế và 1 vụ bạo lực tình dục.",
        "Năm 2026, toàn tỉnh có 1.890 lượt người được tập huấn.",
        "Đối chiếu chỉ tiêu (số liệu đến năm 2026): đạt 0/3 chỉ tiêu của QĐ 45, gần đạt 2; đạt 0/1 chỉ tiêu của QĐ "
        "2238, gần đạt 1.",
        "Đây là dữ liệu minh họa, không phải số liệu báo cáo thật.",
    ]
    assert summary.sentences(made, "en")[1] == (
        "In 2026, the province recorded 54 domestic-violence cases, down 8 (12.9%) on 2025; of which 28 physical, "
        "21 psychological, 4 economic and 1 sexual."
    )


def test_partial_rollup_is_said_to_be_partial(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 2025 Phú Thọ in 2024: only Phú Thọ and Vĩnh Phúc of its three former provinces reported."""
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    made = summary.gather(PHU_THO, None, 2024, 2024, EVERYONE, MADE)
    said = summary.paragraph(made, "vi")
    assert "52 đường dây nóng (một phần: chỉ có Phú Thọ, Vĩnh Phúc (2/3 tỉnh cũ))" in said
    assert "so với năm 2023" not in said  # a part is not compared with another year
    text = _text(brief_pdf.pdf_bytes(made, "vi"))
    assert "Số liệu một phần" in text


def test_hidden_counts_never_appear(small: Path) -> None:
    # The province: shown (21), the districts' small count and its complement hidden in the table.
    made = summary.gather(VP, None, 2023, 2024, PROVINCE_READER, MADE)
    assert "xảy ra 21 vụ bạo lực gia đình" in summary.paragraph(made, "vi")
    head, rows, left, _ = summary.unit_rows(made, "vi")
    dv = head.index("Vụ bạo lực gia đình")
    assert {r[0]: r[dv] for r in rows} == {"Vĩnh Tường": "12", "Vĩnh Yên": "Ẩn", "Phúc Yên": "Ẩn", "Yên Lạc": "0"}
    text = _text(brief_pdf.pdf_bytes(made, "vi"))
    lines = {line.split(" ")[0] + " " + line.split(" ")[1]: line for line in text.splitlines() if line.count(" ") > 3}
    assert lines["Phúc Yên"].split()[-2] == "Ẩn" and lines["Vĩnh Yên"].split()[-2] == "Ẩn"
    assert re.search(r"\d+ ô số liệu được ẩn để bảo vệ nạn nhân", text)
    # A district whose count is hidden: no sentence states it, nor its change, nor any form of it.
    for district in (PHUC_YEN, VINH_YEN):
        made = summary.gather(VP, district, 2023, 2024, PROVINCE_READER, MADE)
        said = summary.paragraph(made, "vi")
        assert "được ẩn để bảo vệ nạn nhân" in said
        assert not [p for p in extract(said, province="Vĩnh Phúc") if p.indicator.startswith("dv_cases")]
        assert not re.search(r"\d+ vụ", said)
        text = _text(brief_pdf.pdf_bytes(made, "vi"))
        lines = text.splitlines()
        card = lines.index("Vụ bạo lực gia đình")
        assert lines[card + 1] == "Ẩn"  # the key figure, and no change on 2023 beneath it
        assert lines[card + 2] == "ẩn để bảo vệ nạn nhân"
        assert next(line for line in lines if line.startswith("2024 ")).split()[-2] == "Ẩn"  # the table by year
        assert re.search(r"Năm có số bị ẩn: (2023–)?2024", text)  # the chart leaves the years out and says so
        assert not re.search(r"\d+ vụ", text)


# ----------------------------------------------------------------------------------------------------------
# The command
# ----------------------------------------------------------------------------------------------------------
def test_command_writes_the_brief_and_records_it(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no secrets.toml here: the audit log goes beside the warehouse
    out = tmp_path / "phu-tho.pdf"
    assert brief_pdf.main(["--province", "phu tho", "--year", "2026", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "Tỉnh Phú Thọ" in _text(out.read_bytes())
    assert "đã ghi" in capsys.readouterr().out
    entry = audit.read(sample.parent / "audit.jsonl")[-1]
    assert (entry["event"], entry["unit"], entry["year"], entry["format"]) == ("export", PHU_THO, 2026, "pdf")
    docx = tmp_path / "bao-cao.docx"
    assert brief_pdf.main(["--province", "51", "--format", "docx", "--out", str(docx)]) == 0
    assert Document(str(docx)).paragraphs[1].text == "Kết quả công tác gia đình năm 2026"
    assert brief_pdf.main(["--province", "Atlantis", "--out", str(out)]) == 2
    assert "không tìm thấy tỉnh 'Atlantis'" in capsys.readouterr().err
    assert brief_pdf.main(["--province", "Phú Thọ", "--year", "2010", "--out", str(out), "--lang", "en"]) == 2
    assert "has no figures for 2010; it has 2016–2026" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------------------------
# The buttons
# ----------------------------------------------------------------------------------------------------------
def _page(unit: str, district: str | None, lang: str) -> None:
    from analytics.access import Scope
    from analytics.brief_ui import brief_buttons, summary_paragraph
    from analytics.frame import Filters

    reader = Scope("lan@example.vn", "province", threshold=4)
    filters = Filters(lang, unit, district, 2016, 2026, reader)
    brief_buttons(filters)
    summary_paragraph(filters)


def test_buttons_cost_nothing_until_clicked_and_record_what_they_made(sample: Path) -> None:
    from analytics.brief_ui import _made, file_name
    from analytics.frame import Filters, audit_file

    log = audit_file()
    before = len(audit.read(log))
    at = AppTest.from_function(_page, args=(PHU_THO, None, "vi"), default_timeout=120).run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Tải bản tóm tắt (PDF)", "Tải báo cáo (Word)"]
    assert len(audit.read(log)) == before  # nothing made, nothing recorded
    assert at.markdown[1].value.startswith("Năm 2026, toàn tỉnh có 429 câu lạc bộ")
    en = AppTest.from_function(_page, args=(PHU_THO, None, "en"), default_timeout=120).run()
    assert [b.proto.label for b in en.get("download_button")] == [
        "Download the brief (PDF)",
        "Download the report (Word)",
    ]
    # What a click runs: the file, and one audit line saying who took which unit, year and format.
    filters = Filters("vi", PHU_THO, None, 2016, 2026, Scope("lan@example.vn", "province", threshold=4))
    assert _made(log, filters, "pdf").startswith(b"%PDF")
    assert _made(log, filters, "docx").startswith(b"PK")
    made = audit.read(log)[-2:]
    assert [(e["user"], e["unit"], e["year"], e["format"], e["file"]) for e in made] == [
        ("lan@example.vn", PHU_THO, 2026, "pdf", file_name(filters, "pdf")),
        ("lan@example.vn", PHU_THO, 2026, "docx", "bao-cao_phu-tho_2026.docx"),
    ]


_SCRIPT = """
from analytics.access import Scope
from analytics.brief_ui import brief_buttons
from analytics.frame import Filters

brief_buttons(Filters("vi", "y2025:P:25", None, 2016, 2026, Scope("lan@example.vn", "province", threshold=4)))
"""


@pytest.mark.browser
@pytest.mark.slow
def test_chromium_downloads_the_pdf(sample_warehouse: Path, browser: object, tmp_path: Path) -> None:
    script = tmp_path / "brief_page.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "WAREHOUSE_PATH": str(sample_warehouse), "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "streamlit did not start"
                time.sleep(0.3)
        page = browser.new_page(accept_downloads=True)  # type: ignore[attr-defined]
        page.goto(url)
        page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Tải bản tóm tắt (PDF)").click()
        assert info.value.suggested_filename == "tom-tat_phu-tho_2026.pdf"
        data = Path(info.value.path()).read_bytes()
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        assert "Tỉnh Phú Thọ" in _text(data) and "DỮ LIỆU MINH HỌA" in _text(data)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
