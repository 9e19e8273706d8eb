"""A deeper health check than Streamlit's: every app process answers, and the warehouse opens and answers.

`python -m deploy.health --ports 8501 8502` prints one line per check and exits 1 when one fails; a monitoring
system, a systemd timer or an officer runs it. nginx itself proxies Streamlit's `/_stcore/health`."""

from __future__ import annotations

import argparse
import ssl
import sys
import urllib.request
from pathlib import Path

import duckdb

from core import settings


def app(url: str, timeout: float = 3) -> str | None:
    """None when `url`/_stcore/health answers "ok", else what went wrong."""
    context = ssl._create_unverified_context() if url.startswith("https://127.0.0.1") else None  # noqa: S323
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout, context=context) as answer:
            body = answer.read(100).decode(errors="replace").strip()
            return None if answer.status == 200 and body == "ok" else f"answered {answer.status} {body!r}"
    except OSError as exc:
        return f"no answer ({exc})"


def warehouse(path: Path) -> str | None:
    """None when the served warehouse opens read-only (as the app opens it) and holds values."""
    if not path.is_file():
        return f"{path} is missing"
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            (rows,) = con.execute("SELECT count(*) FROM mart_value").fetchone()
    except duckdb.Error as exc:
        return f"{path} cannot be read ({str(exc).splitlines()[0]})"
    return None if rows else f"{path} holds no values"


def check(urls: list[str], path: Path) -> list[tuple[str, str | None]]:
    """Each check's name and its failure (None: passed)."""
    return [(url, app(url)) for url in urls] + [(str(path), warehouse(path))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.health", description=__doc__.splitlines()[0])
    parser.add_argument("--ports", type=int, nargs="*", default=[8501, 8502], help="app processes on 127.0.0.1")
    parser.add_argument("--url", action="append", default=[], help="another address to check (nginx's)")
    parser.add_argument("--warehouse", type=Path, default=None, help="default: WAREHOUSE_PATH or data/")
    args = parser.parse_args(argv)
    results = check([f"http://127.0.0.1:{p}" for p in args.ports] + args.url, args.warehouse or settings.warehouse())
    for name, failure in results:
        print(f"{'FAIL' if failure else 'ok'}\t{name}" + (f"\t{failure}" if failure else ""))
    return 1 if any(failure for _, failure in results) else 0


if __name__ == "__main__":
    sys.exit(main())
