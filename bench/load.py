"""Many sessions at once: a Chromium session's province changes, recorded and replayed over websockets."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import quote

import websockets
from playwright.async_api import WebSocket, async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import SETTLED, _change, _cpu_seconds, _launch, _open, _rss_mb, p95, summary


def _rerun(payload: bytes | str) -> bool:
    return isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script"


def _finished(payload: bytes | str) -> bool:
    return isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished"


async def record(url: str, chromium: str, provinces: list[tuple[str, str]]) -> list[bytes]:
    """The runs a browser asks for when its reader changes to each next province and back to the first: replayed
    in a loop, every message changes province. The last one also opens a session (on the first province)."""
    sent: list[bytes] = []

    def socket(ws: WebSocket) -> None:
        ws.on("framesent", lambda payload: sent.append(payload) if _rerun(payload) else None)

    async with async_playwright() as pw:
        browser = await _launch(pw, chromium)
        page = await browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("websocket", socket)
        await page.goto(f"{url}/?province={quote(provinces[0][0])}", timeout=300_000)
        await page.wait_for_selector(SETTLED, timeout=300_000)
        sent.clear()
        for short, _ in [*provinces[1:], provinces[0]]:
            count = len(sent)
            await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            await page.keyboard.type(short)
            await page.keyboard.press("Enter")
            while len(sent) == count:
                await asyncio.sleep(0.01)
            await page.wait_for_selector(SETTLED, timeout=300_000)
        await browser.close()
    if len(sent) != len(provinces):
        raise RuntimeError(f"expected one run per province change, the browser asked for {len(sent)}")
    return sent


async def _client(url: str, messages: list[bytes], stop: asyncio.Event) -> list[float]:
    """One session replaying the recorded changes until told to stop (after at least one pass); milliseconds from
    each change sent to the server's end-of-run message."""
    times: list[float] = []
    async with websockets.connect(f"ws{url.removeprefix('http')}/_stcore/stream", subprotocols=["streamlit"]) as ws:

        async def answered() -> None:
            while not _finished(await ws.recv()):
                pass

        await ws.send(messages[-1])
        await answered()
        while True:
            for message in messages:
                started = time.perf_counter()
                await ws.send(message)
                await answered()
                times.append((time.perf_counter() - started) * 1000)
            if stop.is_set():
                return times


async def crowd(
    url: str, chromium: str, provinces: list[tuple[str, str]], sessions: int, runs: int, server_pid: int
) -> dict[str, float]:
    """`sessions` replaying clients changing province as fast as the server answers, and meanwhile one Chromium
    session making `runs` changes: the clients' answer times, the Chromium session's time to the updated chart,
    the server's peak memory and its CPU time per change."""
    messages = await record(url, chromium, provinces)
    stop = asyncio.Event()
    peak = [_rss_mb(server_pid)]
    async with async_playwright() as pw:
        browser = await _launch(pw, chromium)
        tab, _ = await _open(browser, f"{url}/?province={quote(provinces[0][0])}")
        await tab.page.wait_for_selector(SETTLED, timeout=300_000)
        cpu, started = _cpu_seconds(server_pid), time.perf_counter()
        clients = [asyncio.create_task(_client(url, messages, stop)) for _ in range(sessions)]
        await asyncio.sleep(2)  # the clients are all changing province by now
        probe = []
        for i in range(runs):
            probe.append(await _change(tab, *provinces[(i + 1) % len(provinces)]))
            peak.append(_rss_mb(server_pid))
        stop.set()
        answers = [ms for times in await asyncio.gather(*clients) for ms in times]
        cpu, elapsed = _cpu_seconds(server_pid) - cpu, time.perf_counter() - started
        peak.append(_rss_mb(server_pid))
        await browser.close()
    return {
        "sessions": sessions,
        "answer_median": summary(answers)["median"],
        "answer_p95": p95(answers),
        "changes": len(answers),
        "probe_median": summary([drawn for _, drawn in probe])["median"],
        "probe_p95": p95([drawn for _, drawn in probe]),
        "probe_runs": runs,
        "seconds": elapsed,
        "server_rss_mb": max(peak),
        "server_cpu_ms_per_change": cpu / (len(answers) + runs) * 1000,
    }


def run_crowd(*args: object) -> dict[str, float]:
    return asyncio.run(crowd(*args))  # type: ignore[arg-type]
