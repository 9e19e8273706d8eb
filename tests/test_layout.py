"""Every page on the office laptop (1366×768) and on a phone (390×844), in both languages, in headless Chromium:
nothing wider than the screen, no legend on the axis labels, no title cut or covered, the filters in sight on a
laptop, KPI cards two a row and the scorecard as cards on a phone, and none of the other language's leftovers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from analytics.frame import IMPORT_PAGE, PAGES
from bench.server import serve

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts" / "layout"
pytestmark = pytest.mark.browser

SIZES = {"laptop": (1366, 768), "phone": (390, 844)}
# Words a leader must not meet: the other language's, Plotly's and Streamlit's English, and an operator's.
LEFTOVERS = {
    "both": [
        "Download plot as a PNG",
        "Autoscale",
        "127.0.0.1",
        "dựng lúc",
        "python -m",
        "secrets.toml",
        "quality.toml",
        "Traceback",
    ],
    "vi": [
        "Drag and drop file here",
        "Browse files",
        "Upload",
        "per file",
        "approx.",
        "rounded",
        "later-revised",
        "Reset axes",
        "Zoom in",
    ],
    "en": ["UBND tỉnh", "Thủ tướng Chính phủ", "Chế độ một máy", "Bộ lọc", "Tải CSV", "Chỉ tiêu"],
}
NOTHING = re.compile(r"(?<!\w)(None|nan|NaN)(?!\w)")  # a missing value printed as Python or pandas says it
# One province for every page: the 2025 Quảng Ngãi has a former province's plan (Kon Tum's, issued by its People's
# Committee), so the plans page names an issuer to translate.
QUERY = "province=quang-ngai"


@pytest.fixture(scope="module")
def server(sample_warehouse: Path) -> Iterator[str]:
    with serve(ROOT, WAREHOUSE_PATH=str(sample_warehouse), DASHBOARD_IMPORT="on") as (url, _):
        yield url


def _slug(path: str) -> str:
    return "" if path == "dashboard.py" else Path(path).stem.split("_", 1)[1]


def _open(page: Page, server: str, path: str, lang: str) -> None:
    """The page, once every chart has drawn (charts appear one after another: wait until their count holds)."""
    page.goto(f"{server}/{_slug(path)}?{QUERY}&lang={lang}")
    page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
    last = -1
    for _ in range(60):
        page.wait_for_timeout(400)
        drawn = page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
        waiting = page.locator('[data-testid="stSkeleton"]').count()
        charts = page.locator('[data-testid="stPlotlyChart"]').count()
        if drawn == last and not waiting and drawn >= charts:
            break
        last = drawn


# Bounding boxes of what overlaps in a chart, per chart: the legend over tick labels or past the figure's edge, the
# title over tick labels or the legend, the title outside its figure (cut off).
CHART_FAULTS = """
() => {
  const box = e => e.getBoundingClientRect();
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const faults = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
    const figure = box(plot);
    if (figure.width === 0) return;  // hidden (the other of a pair shown by screen width)
    const ticks = [...plot.querySelectorAll('.xtick text, .ytick text')].map(box).filter(r => r.width > 0);
    const legend = plot.querySelector('.legend');
    const title = plot.querySelector('.gtitle');
    const name = title ? title.textContent.slice(0, 40) : `chart ${i}`;
    if (legend && box(legend).width > 0) {
      if (ticks.some(t => meet(box(legend), t))) faults.push(`${name}: legend over the axis labels`);
      const entries = [...legend.querySelectorAll('.traces')].map(e => box(e).right);
      if (Math.max(0, ...entries) > figure.right + 1) faults.push(`${name}: legend past the figure's edge`);
    }
    if (title) {
      const tb = box(title);
      const hit = ticks.find(t => meet(tb, t));
      if (hit) faults.push(`${name}: title over the axis labels (${JSON.stringify([tb, hit])})`);
      if (legend && box(legend).width > 0 && meet(tb, box(legend))) faults.push(`${name}: title over the legend`);
      if (tb.top < figure.top - 1 || tb.left < figure.left - 1 || tb.right > figure.right + 1)
        faults.push(`${name}: title cut at the figure's edge`);
    }
  });
  return faults;
}
"""

# Elements whose right edge is beyond the screen and that no narrower box clips (a table scrolls inside itself).
TOO_WIDE = """
() => {
  const w = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= w + 1 || r.left >= w) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 1) { clipped = true; break; }
    }
    if (!clipped) found.push(`${el.tagName} ${el.getAttribute('data-testid') || ''} ${Math.round(r.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, width: w, beyond: found.slice(0, 8)};
}
"""


def _leftovers(page: Page, lang: str) -> list[str]:
    text = page.locator(".stApp").inner_text()
    titles = page.eval_on_selector_all(".modebar-btn", "els => els.map(e => e.getAttribute('data-title') || '')")
    said = text + "\n" + "\n".join(titles)
    found = [w for w in LEFTOVERS["both"] + LEFTOVERS[lang] if w in said]
    return found + [m.group(0) for m in NOTHING.finditer(text)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits_and_speaks_one_language(server: str, browser: Browser, size: str, lang: str) -> None:
    width, height = SIZES[size]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": height})
    faults: dict[str, list[str]] = {}
    for path, _, _ in (*PAGES, IMPORT_PAGE):
        _open(page, server, path, lang)
        page.screenshot(path=str(SHOTS / f"{_slug(path) or 'tong-quan'}-{size}-{lang}.png"))
        mine: list[str] = []
        if page.locator('[data-testid="stException"]').count():
            mine.append("an exception")
        mine += page.evaluate(CHART_FAULTS)
        wide = page.evaluate(TOO_WIDE)
        if wide["scroll"] > wide["width"] or wide["beyond"]:
            mine.append(f"wider than the screen: {wide}")
        if page.locator(".modebar-btn").count():
            mine.append("a chart toolbar")
        mine += [f"leftover {w!r}" for w in _leftovers(page, lang)]
        if size == "laptop":
            # Every filter in sight without scrolling, the years last.
            filters = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]')
            if filters.count() and filters.first.bounding_box()["y"] + filters.first.bounding_box()["height"] > height:
                mine.append(f"the filters end below the fold ({filters.first.bounding_box()})")
        if mine:
            faults[path] = mine
    page.close()
    assert faults == {}


def test_a_phone_shows_two_cards_a_row_and_the_scorecard_as_cards(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _open(page, server, "dashboard.py", "vi")
    cards = page.locator('[data-testid="stMetric"]')
    first, second, third = (cards.nth(i).bounding_box() for i in range(3))
    assert first["y"] == second["y"] and third["y"] > first["y"]  # two a row
    assert first["width"] < 195
    _open(page, server, "pages/8_ke_hoach.py", "vi")
    # One card per target, one under another in the scorecard's order, each within the screen.
    targets = page.locator(".st-key-scorecard_cards [data-testid='stCaptionContainer']")
    boxes = [targets.nth(i).bounding_box() for i in range(targets.count())]
    assert len(boxes) >= 6
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    assert [b["y"] for b in boxes] == sorted(b["y"] for b in boxes) and len({b["y"] for b in boxes}) == len(boxes)
    page.close()
    laptop = browser.new_page(viewport={"width": 1366, "height": 768})
    _open(laptop, server, "pages/8_ke_hoach.py", "en")
    columns = laptop.locator(".st-key-scorecard_cards [data-testid='stColumn']")
    assert len({columns.nth(i).bounding_box()["y"] for i in range(3)}) == 1  # three a row
    assert "(Kon Tum Provincial People's Committee)" in laptop.locator(".stApp").inner_text()
    assert "(Prime Minister)" in laptop.locator(".stApp").inner_text()
    laptop.close()
