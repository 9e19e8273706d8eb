"""Headless Chromium against the running app: navigation, province changes, and many tabs at once."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from playwright.async_api import Browser, Page, WebSocket, async_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CHART = '[data-testid="stPlotlyChart"] .main-svg'
SETTLED = ".stApp[data-test-script-state=notRunning]"
# The first chart names its unit in its title: updated once it names the province chosen.
UPDATED = """name => {
    const title = document.querySelector('[data-testid="stPlotlyChart"] .gtitle');
    return title !== null && title.textContent.includes(name);
}"""
TICK = os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "p95": p95(values), "runs": len(values)}


@dataclass
class Tab:
    """A browser page and the times at which the server finished a run of its script."""

    page: Page
    finished: list[float] = field(default_factory=list)

    def listen(self) -> None:
        def frame(payload: bytes | str) -> None:
            if isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished":
                self.finished.append(time.perf_counter())

        def socket(ws: WebSocket) -> None:
            ws.on("framereceived", frame)

        self.page.on("websocket", socket)


async def _launch(playwright, chromium: str) -> Browser:  # noqa: ANN001 (playwright's own type)
    return await playwright.chromium.launch(
        executable_path=chromium,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    )


async def _open(browser: Browser, url: str) -> tuple[Tab, float]:
    tab = Tab(await browser.new_page(viewport={"width": 1400, "height": 1000}))
    tab.listen()
    started = time.perf_counter()
    await tab.page.goto(url, timeout=300_000)  # many sessions opening at once on two cores
    await tab.page.wait_for_selector(CHART, timeout=300_000)
    return tab, (time.perf_counter() - started) * 1000


async def _change(tab: Tab, short: str, full: str) -> tuple[float, float]:
    """Choose a province in the sidebar; milliseconds from the choice to the server's answer, and to the first
    chart naming the province."""
    await tab.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    await tab.page.keyboard.type(short)
    started = time.perf_counter()
    await tab.page.keyboard.press("Enter")
    await tab.page.wait_for_function(UPDATED, arg=full, timeout=300_000)
    drawn = time.perf_counter()
    while not any(t > started for t in tab.finished):  # the chart can be drawn before the page's last element
        if time.perf_counter() - started > 300:
            raise TimeoutError(f"no end of run from the server after choosing {full}")
        await asyncio.sleep(0.01)
    answered = min(t for t in tab.finished if t > started)
    return (answered - started) * 1000, (drawn - started) * 1000


async def single(
    url: str, chromium: str, provinces: list[tuple[str, str]], runs: int, server_pid: int
) -> dict[str, dict]:
    """One session at a time: `runs` fresh navigations, then `runs` province changes on one page (with the CPU
    time the server and the browser spent per change)."""
    async with async_playwright() as pw:
        browser = await _launch(pw, chromium)
        navigation = []
        for i in range(runs):
            short, _ = provinces[i % len(provinces)]
            tab, ms = await _open(browser, f"{url}/?province={quote(short)}")
            navigation.append(ms)
            await tab.page.close()
        tab, _ = await _open(browser, f"{url}/?province={quote(provinces[0][0])}")
        await tab.page.wait_for_selector(SETTLED, timeout=300_000)
        server_cpu, browser_cpu = _cpu_seconds(server_pid), _browser_cpu_seconds()
        changes = [await _change(tab, *provinces[(i + 1) % len(provinces)]) for i in range(runs)]
        server_cpu, browser_cpu = _cpu_seconds(server_pid) - server_cpu, _browser_cpu_seconds() - browser_cpu
        await browser.close()
    return {
        "navigation": summary(navigation),
        "filter_change": summary([drawn for _, drawn in changes]),
        "filter_answer": summary([answered for answered, _ in changes]),
        "cpu_ms_per_change": {"server": server_cpu / runs * 1000, "browser": browser_cpu / runs * 1000},
    }


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def _browser_cpu_seconds() -> float:
    """CPU time of the running Chromium processes (browser, renderers, GPU and utility processes)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and b"chromium" in (proc / "cmdline").read_bytes().split(b"\0", 1)[0]:
                total += _cpu_seconds(int(proc.name))
        except OSError:  # gone meanwhile
            continue
    return total


async def concurrent(
    url: str, chromium: str, provinces: list[tuple[str, str]], sessions: int, changes: int, server_pid: int
) -> dict[str, float]:
    """`sessions` pages open at once; once all have settled, each changes province `changes` times as fast as
    the app answers. The server's peak memory, and the CPU time the server and the browser spent per change."""
    peak = [_rss_mb(server_pid)]
    done = asyncio.Event()

    async def watch() -> None:
        while not done.is_set():
            peak.append(_rss_mb(server_pid))
            await asyncio.sleep(0.25)

    opened, changed = asyncio.Barrier(sessions + 1), asyncio.Barrier(sessions + 1)

    async def session(browser: Browser, offset: int) -> list[tuple[float, float]]:
        # Opened on one province, then each change to the next: never to the province already shown.
        tab, _ = await _open(browser, f"{url}/?province={quote(provinces[offset % len(provinces)][0])}")
        await tab.page.wait_for_selector(SETTLED, timeout=300_000)
        await opened.wait()
        out = [await _change(tab, *provinces[(offset + i + 1) % len(provinces)]) for i in range(changes)]
        await changed.wait()
        await tab.page.close()
        return out

    async def measure() -> tuple[float, float, float]:
        """CPU seconds of the server and the browser, and wall seconds, over the changes only."""
        await opened.wait()
        before = _cpu_seconds(server_pid), _browser_cpu_seconds(), time.perf_counter()
        await changed.wait()
        after = _cpu_seconds(server_pid), _browser_cpu_seconds(), time.perf_counter()
        return after[0] - before[0], after[1] - before[1], after[2] - before[2]

    async with async_playwright() as pw:
        browser = await _launch(pw, chromium)
        watcher = asyncio.create_task(watch())
        cpu = asyncio.create_task(measure())
        results = await asyncio.gather(*(session(browser, i) for i in range(sessions)))
        server_cpu, browser_cpu, elapsed = await cpu
        done.set()
        await watcher
        await browser.close()
    answers = [answered for r in results for answered, _ in r]
    latencies = [drawn for r in results for _, drawn in r]
    n = len(latencies)
    return {
        "sessions": sessions,
        "answer_median": statistics.median(answers),
        "answer_p95": p95(answers),
        "median": statistics.median(latencies),
        "p95": p95(latencies),
        "changes": n,
        "seconds": elapsed,
        "server_rss_mb": max(peak),
        "server_cpu_ms_per_change": server_cpu / n * 1000,
        "browser_cpu_ms_per_change": browser_cpu / n * 1000,
    }


def run_single(*args: object) -> dict[str, dict]:
    return asyncio.run(single(*args))  # type: ignore[arg-type]


def run_concurrent(*args: object) -> dict[str, float]:
    return asyncio.run(concurrent(*args))  # type: ignore[arg-type]
