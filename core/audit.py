"""The audit log: one JSON line per sign-in, load, unload and export, only ever appended to."""

from __future__ import annotations

import fcntl
import getpass
import json
import os
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "audit.jsonl"


def default_path(folder: Path) -> Path:
    """The log beside the warehouse (data/ by default): one log for the app and the command line."""
    return Path(folder) / FILE_NAME


def system_user() -> str:
    """Who runs a command-line load: the account on the machine."""
    try:
        return getpass.getuser()
    except OSError:
        return f"uid:{os.getuid()}"


def path_for(configured: Path | None, warehouse: Path) -> Path:
    """audit.file from the settings when set, else the log beside the warehouse."""
    return configured or default_path(warehouse.parent)


def record(path: Path, event: str, user: str, **details: object) -> dict[str, object]:
    """Append one event (who, when in UTC, what) and flush it to disk before returning it."""
    entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "event": event, "user": user, **details}
    line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: every write lands at the end, whoever else has the file open; the lock keeps lines whole.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return entry


def read(path: Path) -> list[dict[str, object]]:
    """Every event, oldest first (none when the log does not exist yet)."""
    if not path.exists():
        return []
    # Only "\n" ends an entry: a name may hold U+2028 or another character str.splitlines() breaks on.
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
