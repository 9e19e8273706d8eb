"""The province server on real parts: Debian's nginx in front of two app processes, systemd units, backup."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import ssl
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from core import audit
from deploy import backup, health, nginx
from deploy.stack import Stack, certificate, nginx_binary, running
from etl.loads import read_loads
from etl.template import write_workbook
from tests.conftest import FIXTURE_VALUES, KON_TUM

ROOT = Path(__file__).resolve().parent.parent
SETTLED = ".stApp[data-test-script-state=notRunning]"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
VINH_PHUC = "/?province=vinh-phuc"
UNVERIFIED = ssl._create_unverified_context()  # the try-out's self-signed certificate


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30, context=UNVERIFIED) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def _log(stack: Stack) -> list[dict[str, str]]:
    """nginx's access log: request, status, upstream(s) and route of each line."""
    pattern = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) \d+ upstream=(?P<upstream>.+?) route=(?P<route>\S+)')
    return [m.groupdict() for m in map(pattern.search, stack.access_log.read_text().splitlines()) if m]


def _until(stack: Stack, select: Callable[[list[dict[str, str]]], list[str]], count: int) -> list[str]:
    """What `select` picks from the access log once it has `count` lines (nginx writes a line after answering)."""
    deadline = time.monotonic() + 30
    while len(found := select(_log(stack))) < count:
        assert time.monotonic() < deadline, f"nginx logged {found}"
        time.sleep(0.05)
    return found


def _served_by(stack: Stack, route: str) -> list[str]:
    """The last process that answered each request of a route (the one after any that was down)."""
    return [line["upstream"].split(", ")[-1] for line in _log(stack) if line["route"] == route]


def _route_to(stack: Stack, port: int) -> str:
    """A route cookie nginx sends to the process on `port` (found by asking, as nginx's hash decides)."""
    # Time, not tries: a process that was slow to answer (a rebuild on a loaded machine) is out of nginx's upstream
    # for its fail_timeout, and every route then lands on the other.
    deadline, i = time.monotonic() + 60, 0
    while time.monotonic() < deadline:
        i += 1
        route = f"pin{i}-{time.monotonic_ns()}"
        _get(f"{stack.url}/_stcore/host-config", Cookie=f"dashboard_route={route}")
        if _until(stack, lambda log, r=route: [x["upstream"] for x in log if x["route"] == r], 1) == [
            f"127.0.0.1:{port}"
        ]:
            return route
    raise AssertionError(f"no route reached port {port}")


def _build(data: Path) -> None:
    """`python -m etl build`, as the nightly timer runs it, on this data folder and its warehouse only."""
    command = [
        sys.executable,
        "-m",
        "etl",
        "build",
        "--data-dir",
        str(data),
        "--warehouse",
        str(data / "warehouse.duckdb"),
    ]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "DATA_DIR": str(data)})


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder and warehouse for both processes, Vĩnh Phúc 2023–2024 reported."""
    data = tmp_path_factory.mktemp("served") / "data"
    write_workbook(data / "reports" / "vinh-phuc.xlsx", "Vĩnh Phúc", [2023, 2024], FIXTURE_VALUES)
    _build(data)
    return data


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Stack]:
    nginx_binary()  # fails saying how to install it
    state = tmp_path_factory.mktemp("stack")
    with running(state, 2, DATA_DIR=str(shared_data), WAREHOUSE_PATH=str(shared_data / "warehouse.duckdb")) as s:
        yield s


def _pinned(browser: Browser, stack: Stack, port: int) -> tuple[BrowserContext, str]:
    """A browser whose route cookie nginx sends to the process on `port`."""
    route = _route_to(stack, port)
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1400, "height": 1000})
    context.add_cookies([{"name": "dashboard_route", "value": route, "url": stack.url}])
    return context, route


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(SETTLED, timeout=90_000)
    page.wait_for_selector(CHART, timeout=90_000)


def _metric(page: Page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def _healthy(stack: Stack) -> None:
    """Both processes up again and taken back by nginx (it leaves one that failed alone for 10 s)."""
    for app in stack.apps:
        if app.proc is None or app.proc.poll() is not None:
            app.start().wait()
    for app in stack.apps:
        _route_to(stack, app.port)


# Configuration, without a server.


def test_site_renders_for_the_ports_given(tmp_path: Path) -> None:
    site = nginx.Site(
        ports=(8501, 8502, 8503),
        server_name="giadinh.example.gov.vn",
        certificate=Path("/etc/ssl/giadinh.crt"),
        certificate_key=Path("/etc/ssl/private/giadinh.key"),
        cache_dir=tmp_path / "cache",
        access_log=tmp_path / "access.log",
        brotli=True,
    )
    text = nginx.render(site)
    assert "{{" not in text
    assert re.findall(r"server (127\.0\.0\.1:\d+) max_fails", text) == [f"127.0.0.1:{p}" for p in (8501, 8502, 8503)]
    assert "hash $dashboard_route consistent;" in text
    assert "listen 443 ssl http2;" in text and "return 301 https://$host$request_uri;" in text
    assert "Strict-Transport-Security" in text and "brotli on;" in text
    hosts = nginx.render(site.__class__(**{**site.__dict__, "ports": (8501, 8501), "hosts": ("10.0.0.5", "10.0.0.6")}))
    assert "server 10.0.0.5:8501" in hosts and "server 10.0.0.6:8501" in hosts
    local = nginx.render(site.__class__(**{**site.__dict__, "production": False, "brotli": False}))
    assert "Strict-Transport-Security" not in local and "listen 80" not in local and "brotli" not in local


def test_secrets_lose_their_values_in_a_backup() -> None:
    text = '[auth]\nredirect_uri = "https://x/oauth2callback"\ncookie_secret = "abc123"\nclient_secret="s3cr3t"\n'
    redacted = backup._redacted(text)
    assert "abc123" not in redacted and "s3cr3t" not in redacted
    assert 'redirect_uri = "https://x/oauth2callback"' in redacted and "cookie_secret =" in redacted


@pytest.mark.slow
def test_production_site_passes_nginx_own_check(tmp_path: Path) -> None:
    cert, key = certificate(tmp_path)
    brotli = nginx.brotli_available(local=True)
    site = nginx.Site((8501, 8502), "giadinh.example.gov.vn", cert, key, tmp_path / "cache", tmp_path / "a.log")
    (tmp_path / "dashboard.conf").write_text(nginx.render(site.__class__(**{**site.__dict__, "brotli": brotli})))
    (tmp_path / "nginx.conf").write_text(nginx.render_local(tmp_path, os.geteuid() == 0, brotli))
    nginx.make_folders(tmp_path)
    checked = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.slow
def test_systemd_units_verify(tmp_path: Path) -> None:
    """systemd's own check of every unit, with the code's folder and user of this machine put in."""
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed (no systemd on this machine)")
    user = subprocess.run(["id", "-un"], capture_output=True, text=True, check=True).stdout.strip()
    group = subprocess.run(["id", "-gn"], capture_output=True, text=True, check=True).stdout.strip()
    names = []
    for unit in sorted((ROOT / "deploy" / "systemd").glob("dashboard*.*")):
        if unit.suffix not in (".service", ".timer"):
            continue
        text = unit.read_text().replace("/srv/dashboard/.venv/bin/python", sys.executable)
        text = text.replace("/srv/dashboard", str(ROOT)).replace("/var/backups/dashboard", str(tmp_path))
        text = text.replace("User=dashboard", f"User={user}").replace("Group=dashboard", f"Group={group}")
        name = unit.name.replace("@.", "@8501.")
        (tmp_path / name).write_text(text)
        names.append(name)
    checked = subprocess.run([analyze, "verify", *names], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


# The running stack: nginx and two app processes on loopback ports.


@pytest.mark.slow
def test_assets_arrive_compressed_and_cached(stack: Stack) -> None:
    _, _, page = _get(f"{stack.url}/")
    script = re.search(rb'src="\./(static/js/index\.[\w-]+\.js)"', page).group(1).decode()
    status, plain, body = _get(f"{stack.url}/{script}", **{"Accept-Encoding": "identity"})
    assert status == 200 and "content-encoding" not in plain and len(body) > 100_000
    status, zipped, packed = _get(f"{stack.url}/{script}", **{"Accept-Encoding": "gzip"})
    assert zipped["content-encoding"] == "gzip" and gzip.decompress(packed) == body
    assert len(packed) < len(body) / 2
    # Hashed names: kept a year by browsers, fetched from a process once by nginx.
    assert zipped["cache-control"] == "public, max-age=31536000, immutable"
    served = _until(stack, lambda log: [line["upstream"] for line in log if script in line["request"]], 2)
    assert served[0].startswith("127.0.0.1:") and served[1:] == ["-"]
    if nginx.brotli_available(local=True):
        _, brotli, _ = _get(f"{stack.url}/{script}", **{"Accept-Encoding": "br, gzip"})
        assert brotli["content-encoding"] == "br"
    # The page itself is never kept: it names the bundles of the version running.
    _, index, _ = _get(f"{stack.url}/", **{"Accept-Encoding": "gzip"})
    assert index["cache-control"] == "no-cache"


@pytest.mark.slow
@pytest.mark.browser
def test_a_session_stays_on_its_process(stack: Stack, browser: Browser) -> None:
    # Browsers without a route cookie are spread over both processes.
    before = len([line for line in _log(stack) if "host-config" in line["request"]])
    for _ in range(20):
        _get(f"{stack.url}/_stcore/host-config")
    first = _until(stack, lambda log: [x["upstream"] for x in log if "host-config" in x["request"]], before + 20)[-20:]
    assert set(first) == {f"127.0.0.1:{a.port}" for a in stack.apps}
    sessions = []
    for app in stack.apps:
        context, route = _pinned(browser, stack, app.port)
        page = context.new_page()
        _open(page, f"{stack.url}{VINH_PHUC}")
        page.get_by_text("Đường dây nóng").first.wait_for()
        sessions.append((context, route, app.port))
    for context, _, _ in sessions:
        context.close()  # nginx logs a websocket when it closes
    deadline = time.monotonic() + 30
    while not all(any("_stcore/stream" in r for r in _requests(stack, route)) for _, route, _ in sessions):
        assert time.monotonic() < deadline, "the websockets were not logged"
        time.sleep(0.2)
    for _, route, port in sessions:
        # The page, its websocket, its assets and files: every request of the session went to one process.
        assert set(_served_by(stack, route)) - {"-"} == {f"127.0.0.1:{port}"}
        assert len(_requests(stack, route)) > 10


def _requests(stack: Stack, route: str) -> list[str]:
    return [line["request"] for line in _log(stack) if line["route"] == route]


@pytest.mark.slow
@pytest.mark.browser
def test_a_rebuild_is_seen_by_both_processes(stack: Stack, shared_data: Path, browser: Browser) -> None:
    pages = []
    for app in stack.apps:
        context, _ = _pinned(browser, stack, app.port)
        page = context.new_page()
        _open(page, f"{stack.url}{VINH_PHUC}")
        assert _metric(page, "Đường dây nóng").startswith("45")  # 24 + 12 + 9 in 2024
        pages.append(page)
    # A corrected report, rebuilt by the command line as the nightly timer does.
    corrected = {
        **FIXTURE_VALUES,
        (2024, "pre2025:D:243"): {**FIXTURE_VALUES[(2024, "pre2025:D:243")], "hotlines": 124},
    }
    write_workbook(shared_data / "reports" / "vinh-phuc.xlsx", "Vĩnh Phúc", [2023, 2024], corrected)
    _build(shared_data)
    for page in pages:
        page.reload()
        page.wait_for_selector(SETTLED, timeout=90_000)
        assert _metric(page, "Đường dây nóng").startswith("145")
        page.context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_a_killed_process_users_come_back_on_the_other_with_the_same_view(stack: Stack, browser: Browser) -> None:
    doomed, survivor = stack.apps
    context, route = _pinned(browser, stack, doomed.port)
    page = context.new_page()
    sockets: list[WebSocket] = []
    finished: list[int] = []

    def socket(ws: WebSocket) -> None:
        index = len(sockets)
        sockets.append(ws)
        ws.on("framereceived", lambda payload: _script_finished(payload) and finished.append(index))

    page.on("websocket", socket)
    _open(page, f"{stack.url}/?province=vinh-phuc&years=2023")
    view, hotlines = page.url, _metric(page, "Đường dây nóng")
    assert "province=vinh-phuc" in view and "years=2023&" in view
    try:
        doomed.kill()
        deadline = time.monotonic() + 60
        # Streamlit's page reconnects by itself, and nginx sends it to the other process. The page keeps what
        # it showed; the reader's next action ("r": run again) runs there, with the filters of the address.
        while len(sockets) < 2:
            assert time.monotonic() < deadline, "the page did not reconnect"
            page.wait_for_timeout(200)
        page.locator("body").press("r")
        while not any(i >= 1 for i in finished):
            assert time.monotonic() < deadline, "the page did not run again on the other process"
            page.wait_for_timeout(200)
        page.wait_for_selector(SETTLED, timeout=60_000)
        page.wait_for_selector(CHART, timeout=60_000)
        assert page.url == view and _metric(page, "Đường dây nóng") == hotlines
        context.close()
        deadline = time.monotonic() + 30
        while sum("_stcore/stream" in r for r in _requests(stack, route)) < 2:
            assert time.monotonic() < deadline, "the websockets were not logged"
            time.sleep(0.2)
        streams = [line["upstream"] for line in _log(stack) if line["route"] == route and "stream" in line["request"]]
        assert streams[0] == f"127.0.0.1:{doomed.port}" and streams[-1].endswith(f"127.0.0.1:{survivor.port}")
    finally:
        _healthy(stack)


def _script_finished(payload: bytes | str) -> bool:
    return isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished"


@pytest.mark.slow
def test_health_check_fails_and_recovers(stack: Stack, shared_data: Path) -> None:
    urls = [app.url for app in stack.apps] + [stack.url]
    warehouse = shared_data / "warehouse.duckdb"
    assert [failure for _, failure in health.check(urls, warehouse)] == [None, None, None, None]
    down = stack.apps[1]
    try:
        down.kill()
        failures = dict(health.check(urls, warehouse))
        assert failures[down.url] and not failures[stack.apps[0].url]
        assert failures[stack.url] is None  # nginx answers from the process still up
        command = [sys.executable, "-m", "deploy.health", "--ports", *(str(a.port) for a in stack.apps)]
        said = subprocess.run([*command, "--warehouse", str(warehouse)], cwd=ROOT, capture_output=True, text=True)
        assert said.returncode == 1 and f"FAIL\t{down.url}" in said.stdout
        # A warehouse that cannot be read fails too.
        aside = warehouse.with_name("aside.duckdb")
        warehouse.rename(aside)
        try:
            assert dict(health.check([], warehouse))[str(warehouse)]
        finally:
            aside.rename(warehouse)
    finally:
        _healthy(stack)
    assert [failure for _, failure in health.check(urls, warehouse)] == [None, None, None, None]
    said = subprocess.run([*command, "--warehouse", str(warehouse)], cwd=ROOT, capture_output=True, text=True)
    assert said.returncode == 0, said.stdout


# Backup and restore.


@pytest.mark.slow
def test_backup_wipe_restore_brings_back_loads_and_audit(tmp_path: Path, fixture_reports: list[Path]) -> None:
    data, config = tmp_path / "data", tmp_path / ".streamlit"
    config.mkdir()
    secret = "cookie-" + os.urandom(8).hex()
    (config / "secrets.toml").write_text(
        f'[auth]\ncookie_secret = "{secret}"\nredirect_uri = "https://x/oauth2callback"\n'
        'access_file = ".streamlit/access.toml"\n'
    )
    (config / "access.toml").write_text('default_role = "viewer"\n[users."a@b.vn"]\nrole = "admin"\n')
    (config / "config.toml").write_text('[server]\naddress = "127.0.0.1"\n')
    places = backup.Places(data, data / "warehouse.duckdb", data / "audit.jsonl", config, config / "access.toml")
    env = {**os.environ, "DATA_DIR": str(data), "WAREHOUSE_PATH": str(places.warehouse)}
    for report in fixture_reports[:2]:  # Vĩnh Phúc, Kon Tum: two loads, each with its audit entry
        subprocess.run([sys.executable, "-m", "etl", "load", str(report)], cwd=ROOT, env=env, check=True)
    (data / "narrative").mkdir()
    (data / "narrative" / "notes.txt").write_text("kept as it is\n")  # a review CSV would be built
    loads, events = read_loads(data), audit.read(places.audit_log)
    assert len(loads) == 2 and [e["event"] for e in events].count("load") == 2

    archive = backup.create(tmp_path / "backups", places)
    assert archive.stat().st_mode & 0o077 == 0  # the audit log names people: the owner's only
    with tarfile.open(archive) as tar:
        stored = b"".join(tar.extractfile(m).read() for m in tar.getmembers())
    assert secret.encode() not in stored

    for path in (data / "reports", data / "narrative", config):
        shutil.rmtree(path)
    places.audit_log.unlink()
    places.warehouse.unlink()

    backup.restore(archive, places)
    assert read_loads(data) == loads and audit.read(places.audit_log) == events
    assert (data / "narrative" / "notes.txt").read_text() == "kept as it is\n"
    assert (config / "access.toml").read_text().endswith('role = "admin"\n')
    assert not (config / "secrets.toml").exists() and secret not in (config / "secrets.toml.redacted").read_text()
    with duckdb.connect(str(places.warehouse), read_only=True) as con:
        hotlines = con.execute(
            "SELECT value FROM mart_value WHERE unit_id = 'pre2025:D:608' AND year = 2024 AND indicator = 'hotlines'"
        ).fetchall()
    assert hotlines == [(KON_TUM[(2024, "pre2025:D:608")]["hotlines"],)]

    # A damaged archive restores nothing.
    damaged = tmp_path / "damaged.tar.gz"
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    before = sorted(p.name for p in data.rglob("*"))
    with pytest.raises((ValueError, OSError, tarfile.TarError, EOFError)):
        backup.restore(damaged, places)
    assert sorted(p.name for p in data.rglob("*")) == before
