"""The whole stack on this machine for a try-out: app processes on loopback ports, nginx on a local HTTPS port.

`./tasks.sh serve` runs it (Ctrl-C stops it); the deployment tests and the benchmark start it too. A province
server runs the same parts under systemd instead (deploy/systemd/, README "Triển khai cho nhiều người dùng")."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from deploy import nginx

ROOT = Path(__file__).resolve().parent.parent
STATE = Path(__file__).resolve().parent / ".local"  # git-ignored: certificate, nginx's folder, logs
LOOPBACK = "127.0.0.1"  # the try-out never listens on another address


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)
    if not found:
        raise SystemExit("nginx not found: ./tasks.sh serve and ./tasks.sh test install Debian's package")
    return found


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, made on first use and kept (browsers warn about it once)."""
    cert, key = folder / "localhost.crt", folder / "localhost.key"
    if not (cert.is_file() and key.is_file()):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "825", "-subj", "/CN=localhost"]
            + ["-addext", f"subjectAltName=DNS:localhost,IP:{LOOPBACK}", "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
        key.chmod(0o600)
    return cert, key


def _get(url: str, timeout: float = 2) -> int:
    context = ssl._create_unverified_context()  # noqa: S323 (our own self-signed certificate)
    with urllib.request.urlopen(url, timeout=timeout, context=context) as answer:
        return answer.status


def wait_until(url: str, proc: subprocess.Popen, what: str, seconds: float = 180) -> None:
    """Until `url` answers 200; fails with the process's error output when it dies or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if _get(url) == 200:
                return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            err = proc.communicate()[1] if proc.stderr else b""
            raise RuntimeError(f"{what} did not start: {err.decode(errors='replace')[-2000:]}")
        time.sleep(0.3)


@dataclass
class App:
    """One app process, as a systemd unit `dashboard@PORT` runs it."""

    port: int
    env: dict[str, str]
    cwd: Path = ROOT
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> App:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(self.port)]
            + ["--server.address", LOOPBACK, "--server.headless", "true"],
            cwd=self.cwd,
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        return self

    def wait(self) -> App:
        assert self.proc is not None
        wait_until(f"{self.url}/_stcore/health", self.proc, f"the app on port {self.port}")
        return self

    def kill(self) -> None:
        """Gone at once, as after a crash or an out-of-memory kill."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Stack:
    """The running stack: its address, its app processes and nginx's access log."""

    url: str
    apps: list[App]
    state: Path
    nginx: subprocess.Popen | None = None
    pids: dict[int, int] = field(default_factory=dict)

    @property
    def access_log(self) -> Path:
        return self.state / "nginx" / "access.log"


def _start_nginx(state: Path, ports: list[int], https_port: int) -> subprocess.Popen:
    prefix = state / "nginx"
    nginx.make_folders(prefix)
    cert, key = certificate(state)
    brotli = nginx.brotli_available(local=True)
    site = nginx.Site(
        ports=tuple(ports),
        server_name="localhost",
        certificate=cert,
        certificate_key=key,
        cache_dir=prefix / "cache",
        access_log=prefix / "access.log",
        listen=f"{LOOPBACK}:{https_port}",
        production=False,
        brotli=brotli,
    )
    (prefix / "dashboard.conf").write_text(nginx.render(site), encoding="utf-8")
    conf = prefix / "nginx.conf"
    conf.write_text(nginx.render_local(prefix, os.geteuid() == 0, brotli), encoding="utf-8")
    command = [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode:
        raise RuntimeError(f"nginx refused its configuration: {checked.stderr}")
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_until(f"https://{LOOPBACK}:{https_port}/_stcore/health", proc, "nginx", seconds=60)
    return proc


@contextmanager
def running(
    state: Path = STATE, apps: int = 2, https_port: int = 0, app_ports: list[int] | None = None, **env: str
) -> Iterator[Stack]:
    """Start `apps` app processes and nginx in front of them; stop them all on leaving."""
    state.mkdir(parents=True, exist_ok=True)
    ports = app_ports or [free_port() for _ in range(apps)]
    https_port = https_port or free_port()
    env = dict(env)
    # Without a sign-in provider Streamlit signs its session cookies with a key of each process's own making;
    # one key for all lets any process read them (with a provider, auth.cookie_secret is that key).
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", os.urandom(24).hex())
    stack = Stack(url=f"https://{LOOPBACK}:{https_port}", apps=[App(p, env) for p in ports], state=state)
    with ExitStack() as cleanup:
        for app in stack.apps:
            cleanup.callback(app.stop)
            app.start()
        for app in stack.apps:
            app.wait()
        stack.nginx = _start_nginx(state, ports, https_port)
        cleanup.callback(_stop_nginx, stack.nginx)
        yield stack


def _stop_nginx(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)  # finish the requests under way, then exit
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def _alive(stack: Stack) -> bool:
    procs = [stack.nginx, *(a.proc for a in stack.apps)]
    return all(p is not None and p.poll() is None for p in procs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./tasks.sh serve", description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8443, help="nginx's HTTPS port on 127.0.0.1 (default 8443)")
    parser.add_argument("--app-ports", type=int, nargs="*", help="the app processes' ports (default: free ones)")
    args = parser.parse_args(argv)
    checked = subprocess.run([sys.executable, "-m", "analytics.settings"], cwd=ROOT)
    if checked.returncode:
        return checked.returncode
    with running(STATE, args.apps, args.port, args.app_ports) as stack:
        ports = ", ".join(str(a.port) for a in stack.apps)
        print(
            f"{stack.url}/  (nginx → app processes on {LOOPBACK}: {ports}; self-signed certificate: "
            f"{STATE / 'localhost.crt'}). Ctrl-C stops.",
            flush=True,
        )
        try:
            while _alive(stack):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        print("stopping", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
