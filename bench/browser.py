"""Headless Chromium against a running dashboard: navigation to the first chart, province change to the updated
chart, and many sessions changing provinces at once while the server's memory is watched."""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from urllib.parse import quote

from playwright.async_api import Browser, Page, async_playwright

CHART = '[data-testid="stPlotlyChart"] .main-svg'
# The first chart names its unit in its title: updated once it names the province chosen.
UPDATED = """name => {
    const title = document.querySelector('[data-testid="stPlotlyChart"] .gtitle');
    return title !== null && title.textContent.includes(name);
}"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "p95": p95(values), "runs": len(values)}


async def _launch(playwright, chromium: str) -> Browser:  # noqa: ANN001 (playwright's own type)
    return await playwright.chromium.launch(
        executable_path=chromium,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    )


async def _open(browser: Browser, url: str) -> tuple[Page, float]:
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    started = time.perf_counter()
    await page.goto(url, timeout=300_000)  # many sessions opening at once on two cores
    await page.wait_for_selector(CHART, timeout=300_000)
    return page, (time.perf_counter() - started) * 1000


async def _change(page: Page, short: str, full: str) -> float:
    """Choose a province in the sidebar; milliseconds from the choice to the first chart naming it."""
    await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    await page.keyboard.type(short)
    started = time.perf_counter()
    await page.keyboard.press("Enter")
    await page.wait_for_function(UPDATED, arg=full, timeout=300_000)
    return (time.perf_counter() - started) * 1000


async def single(url: str, chromium: str, provinces: list[tuple[str, str]], runs: int) -> dict[str, dict]:
    """One session at a time: `runs` fresh navigations, then `runs` province changes on one page."""
    async with async_playwright() as pw:
        browser = await _launch(pw, chromium)
        navigation = []
        for i in range(runs):
            short, _ = provinces[i % len(provinces)]
            page, ms = await _open(browser, f"{url}/?province={quote(short)}")
            navigation.append(ms)
            await page.close()
        page, _ = await _open(browser, url)
        await page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=300_000)
        changes = [await _change(page, *provinces[(i + 1) % len(provinces)]) for i in range(runs)]
        await browser.close()
    return {"navigation": summary(navigation), "filter_change": summary(changes)}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def concurrent(
    url: str, chromium: str, provinces: list[tuple[str, str]], sessions: int, changes: int, server_pid: int
) -> dict[str, float]:
    """`sessions` pages open at once, each changing province `changes` times as fast as the app answers."""
    peak = [_rss_mb(server_pid)]
    done = asyncio.Event()

    async def watch() -> None:
        while not done.is_set():
            peak.append(_rss_mb(server_pid))
            await asyncio.sleep(0.25)

    async def session(browser: Browser, offset: int) -> list[float]:
        page, _ = await _open(browser, url)
        await page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=300_000)
        out = [await _change(page, *provinces[(offset + i + 1) % len(provinces)]) for i in range(changes)]
        await page.close()
        return out

    async with async_playwright() as pw:
        browser = await _launch(pw, chromium)
        watcher = asyncio.create_task(watch())
        started = time.perf_counter()
        results = await asyncio.gather(*(session(browser, i) for i in range(sessions)))
        elapsed = time.perf_counter() - started
        done.set()
        await watcher
        await browser.close()
    latencies = [ms for r in results for ms in r]
    return {
        "sessions": sessions,
        "median": statistics.median(latencies),
        "p95": p95(latencies),
        "changes": len(latencies),
        "seconds": elapsed,
        "server_rss_mb": max(peak),
    }


def run_single(*args: object) -> dict[str, dict]:
    return asyncio.run(single(*args))  # type: ignore[arg-type]


def run_concurrent(*args: object) -> dict[str, float]:
    return asyncio.run(concurrent(*args))  # type: ignore[arg-type]
