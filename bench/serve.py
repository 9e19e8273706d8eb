"""The province server measured through nginx: bytes and time of a first visit, browser CPU, many sessions.

    .venv/bin/python -m bench.serve                      # the bundled sample warehouse, two app processes
    .venv/bin/python -m bench.serve --sessions 50 --runs 10 --data-dir DIR --warehouse FILE

Prints a Markdown table. A first visit is measured in a fresh Chromium profile (nothing cached) over an emulated
provincial link (Chrome DevTools network emulation: 10 Mbit/s down, 5 Mbit/s up, 60 ms round trip), straight from
one app process as today and through nginx (compression, HTTP/2); then once more with the browser's cache."""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import ssl
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import websockets
from playwright.async_api import async_playwright

from bench.browser import CHART, SETTLED, _browser_cpu_seconds, _change, _open, _rss_mb, p95, summary
from bench.load import _finished, record
from core import settings
from deploy.stack import running

LINK = {"offline": False, "latency": 60, "downloadThroughput": 10e6 / 8, "uploadThroughput": 5e6 / 8}
PROVINCES = [(n, n) for n in ("Phú Thọ", "Bắc Ninh", "Hà Nội", "Ninh Bình", "Quảng Ngãi")]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# The try-out's certificate is self-signed; a province's is not.
TRUSTING = [*ARGS, "--ignore-certificate-errors"]


async def visit(browser, url: str, link: bool, again: bool = False) -> dict[str, float]:  # noqa: ANN001
    """Bytes over the wire (HTTP bodies and headers as received, websocket frames) and milliseconds from navigation
    to the first chart drawn; `again`: a second visit in the same profile (assets from the browser's cache)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    if again:
        first = await context.new_page()
        await first.goto(url, timeout=300_000)
        await first.wait_for_selector(SETTLED, timeout=300_000)
        await first.close()
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    if link:
        await cdp.send("Network.emulateNetworkConditions", LINK)
    received = {"http": 0.0, "ws": 0.0}
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__("http", received["http"] + e["encodedDataLength"]))
    # Binary frames arrive base64-encoded in the event: three bytes per four characters.
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: received.__setitem__("ws", received["ws"] + len(e["response"]["payloadData"]) * 3 / 4),
    )
    started = time.perf_counter()
    await page.goto(url, timeout=300_000)
    await page.wait_for_selector(CHART, timeout=300_000)
    chart = (time.perf_counter() - started) * 1000
    await page.wait_for_selector(SETTLED, timeout=300_000)
    await asyncio.sleep(1)  # the last responses' events
    await context.close()
    return {"chart_ms": chart, "http_bytes": received["http"], "ws_bytes": received["ws"]}


async def _client(url: str, messages: list[bytes], stop: asyncio.Event, context: ssl.SSLContext) -> list[float]:
    """One light session through nginx (it lands on whichever process its new route names): the recorded province
    changes replayed until told to stop; milliseconds from each change to the server's end-of-run message."""
    times: list[float] = []
    ws_url = f"wss{url.removeprefix('https')}/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], ssl=context, max_size=None) as ws:

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


async def measure(stack, chromium: str, runs: int, sessions: int) -> dict[str, object]:  # noqa: ANN001
    direct, proxied = stack.apps[0].url, stack.url
    start = f"/?province={quote(PROVINCES[0][0])}"
    found: dict[str, object] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=TRUSTING)
        # Warm the servers' caches (query results, nginx's asset cache): a first visit is the reader's, not the
        # server's first.
        await visit(browser, proxied + start, link=False)
        await visit(browser, direct + start, link=False)
        for name, url in (("direct", direct), ("nginx", proxied)):
            found[f"{name}_plain"] = await visit(browser, url + start, link=False)
            found[f"{name}_link"] = await visit(browser, url + start, link=True)
        found["nginx_link_cached"] = await visit(browser, proxied + start, link=True, again=True)
        tab, _ = await _open(browser, proxied + start)
        await tab.page.wait_for_selector(SETTLED, timeout=300_000)
        before = _browser_cpu_seconds()
        changes = [await _change(tab, *PROVINCES[(i + 1) % len(PROVINCES)]) for i in range(runs)]
        found["browser_cpu_ms_per_change"] = (_browser_cpu_seconds() - before) / runs * 1000
        found["change_ms"] = summary([drawn for _, drawn in changes])
        await tab.page.close()
        if sessions:
            found["crowd"] = await crowd(browser, stack, chromium, runs, sessions)
        await browser.close()
    return found


async def crowd(browser, stack, chromium: str, runs: int, sessions: int) -> dict[str, float]:  # noqa: ANN001
    messages = await record(stack.apps[0].url, chromium, PROVINCES)  # the same messages whichever process
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the try-out's self-signed certificate
    pids = [app.proc.pid for app in stack.apps]
    peak = {pid: _rss_mb(pid) for pid in pids}
    stop = asyncio.Event()
    tab, _ = await _open(browser, f"{stack.url}/?province={quote(PROVINCES[0][0])}")
    await tab.page.wait_for_selector(SETTLED, timeout=300_000)
    clients = [asyncio.create_task(_client(stack.url, messages, stop, context)) for _ in range(sessions)]
    await asyncio.sleep(2)
    probe = []
    for i in range(runs):
        probe.append(await _change(tab, *PROVINCES[(i + 1) % len(PROVINCES)]))
        peak = {pid: max(peak[pid], _rss_mb(pid)) for pid in pids}
    stop.set()
    answers = [ms for times in await asyncio.gather(*clients) for ms in times]
    await tab.page.close()
    return {
        "sessions": sessions,
        "answer_p95": p95(answers),
        "probe_median": summary([d for _, d in probe])["median"],
        "probe_p95": p95([d for _, d in probe]),
        "rss_mb": max(peak.values()),
    }


def table(found: dict[str, object], goals: bool = True) -> str:
    mb = 1024 * 1024

    def row(name: str, value: str, goal: str) -> str:
        return f"| {name} | {value} | {goal} |"

    lines = ["| measurement | value | goal |", "|---|---|---|"]
    for name, label in (("direct", "one app process, plain HTTP (today)"), ("nginx", "nginx: gzip/brotli, HTTP/2")):
        plain, link = found[f"{name}_plain"], found[f"{name}_link"]
        lines.append(
            row(
                f"bytes for a first visit, {label}",
                f"{plain['http_bytes'] / mb:.2f} MB HTTP + {plain['ws_bytes'] / mb:.2f} MB websocket",
                "≤ 3 MB",
            )
        )
        lines.append(row(f"first chart over 10 Mbit/s, 60 ms, {label}", f"{link['chart_ms'] / 1000:.1f} s", "≤ 4 s"))
    for name, label in (("direct", "one app process"), ("nginx", "nginx")):
        ms = found[f"{name}_plain"]["chart_ms"]
        lines.append(
            row(f"first chart, no link emulation (this machine's CPU only), {label}", f"{ms / 1000:.1f} s", "(report)")
        )
    cached = found["nginx_link_cached"]
    lines.append(
        row(
            "first chart over the same link, second visit (browser cache)",
            f"{cached['chart_ms'] / 1000:.1f} s",
            "(report)",
        )
    )
    lines.append(row("browser CPU per province change", f"{found['browser_cpu_ms_per_change']:.0f} ms", "≤ 500 ms"))
    change = found["change_ms"]
    lines.append(
        row("province change to the updated chart, through nginx (median)", f"{change['median']:.0f} ms", "(report)")
    )
    if "crowd" in found:
        c = found["crowd"]
        lines.append(
            row(
                f"{c['sessions']} sessions over two processes, p95 to the updated chart (Chromium probe)",
                f"{c['probe_p95'] / 1000:.2f} s (median {c['probe_median'] / 1000:.2f} s)",
                "≤ 2 s",
            )
        )
        lines.append(
            row(
                f"{c['sessions']} sessions: p95 to the server's answer (light clients)",
                f"{c['answer_p95'] / 1000:.2f} s",
                "(report)",
            )
        )
        lines.append(row("server memory per process (peak)", f"{c['rss_mb']:.0f} MB", "(report)"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="province changes measured (default 10)")
    parser.add_argument("--sessions", type=int, default=50, help="light sessions at once (0: skip; default 50)")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: DATA_DIR or data/")
    parser.add_argument("--warehouse", type=Path, default=None, help="default: WAREHOUSE_PATH or data/")
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Chromium not found: ./tasks.sh bench installs Debian's chromium package")
    data = args.data_dir or settings.data_dir()
    warehouse = args.warehouse or settings.warehouse()
    with (
        tempfile.TemporaryDirectory() as state,
        running(Path(state), 2, DATA_DIR=str(data), WAREHOUSE_PATH=str(warehouse)) as stack,
    ):
        found = asyncio.run(measure(stack, chromium, args.runs, args.sessions))
    print(table(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
