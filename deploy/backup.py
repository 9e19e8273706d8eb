"""Backup and restore of what a rebuild cannot bring back: loaded reports and their history, narrative figures,
the audit log, and the access and settings files (secrets.toml only with its secrets blanked).

    python -m deploy.backup create --to /var/backups/dashboard [--keep 30]
    python -m deploy.backup restore /var/backups/dashboard/dashboard-backup-20260101T023000Z.tar.gz

The warehouse is not kept: restore rebuilds it from the restored reports (`etl build`). Files a restore would
overwrite are moved aside (`*.before-restore-<time>`), never deleted."""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from core import audit, settings
from etl.build import build, data_lock

PREFIX = "dashboard-backup-"
MANIFEST = "manifest.json"
# A secrets.toml line whose key names a secret keeps its key and loses its value.
SECRET_KEY = re.compile(r"^(\s*[\"']?[\w.-]*(secret|password|token|private)[\w.-]*[\"']?\s*=).*$", re.IGNORECASE)


@dataclass(frozen=True)
class Places:
    """Where each kind of file lives on this server (from the settings, as the app and `etl` read them)."""

    data_dir: Path
    warehouse: Path
    audit_log: Path
    config_dir: Path  # .streamlit/ of the folder the app runs from
    access_file: Path | None

    @classmethod
    def here(cls) -> Places:
        conf = settings.load(settings.read_secrets())
        return cls(
            data_dir=conf.data_dir,
            warehouse=conf.warehouse,
            audit_log=audit.path_for(conf.audit_file, conf.warehouse),
            config_dir=Path(".streamlit"),
            access_file=conf.access_file,
        )

    def target(self, kind: str, name: str) -> Path:
        """Where a kept file goes back: its kind's place, its relative name checked to stay inside it."""
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
            raise ValueError(f"unsafe name in the backup: {name!r}")
        if kind == "reports":
            return self.data_dir.joinpath("reports", *parts)
        if kind == "narrative":
            return self.data_dir.joinpath("narrative", *parts)
        if kind == "audit" and len(parts) == 1:
            return self.audit_log
        if kind == "access" and len(parts) == 1 and self.access_file is not None:
            return self.access_file
        if kind == "config" and len(parts) == 1:
            return self.config_dir / parts[0]
        raise ValueError(f"unknown entry in the backup: {kind}/{name}")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _redacted(text: str) -> str:
    return "\n".join(SECRET_KEY.sub(r'\1 "<đã xoá / removed>"', line) for line in text.split("\n"))


def _gather(places: Places) -> list[tuple[str, str, bytes]]:
    """(kind, relative name, content) of every file kept; run under the data lock."""
    found: list[tuple[str, str, bytes]] = []
    for kind in ("reports", "narrative"):
        folder = places.data_dir / kind
        found += [(kind, p.relative_to(folder).as_posix(), p.read_bytes()) for p in _files(folder)]
    if places.audit_log.is_file():
        with open(places.audit_log, "rb") as log:
            fcntl.flock(log, fcntl.LOCK_SH)  # the writer locks each line: only whole lines are copied
            found.append(("audit", places.audit_log.name, log.read()))
    access = places.access_file
    if access is not None and access.is_file():
        found.append(("access", access.name, access.read_bytes()))
    for path in sorted(places.config_dir.glob("*.toml")) if places.config_dir.is_dir() else []:
        if access is not None and path.resolve() == access.resolve():
            continue
        if path.name == "secrets.toml":
            text = _redacted(path.read_text(encoding="utf-8"))
            found.append(("config", "secrets.toml.redacted", text.encode("utf-8")))
        else:
            found.append(("config", path.name, path.read_bytes()))
    return found


def create(folder: Path, places: Places | None = None, keep: int | None = None) -> Path:
    """One archive under `folder` (readable by its owner only); with `keep`, older archives beyond it go."""
    places = places or Places.here()
    folder.mkdir(parents=True, exist_ok=True)
    with data_lock(places.data_dir):  # no load or unload half-way through
        entries = _gather(places)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = folder / f"{PREFIX}{stamp}.tar.gz"
    manifest = {
        "created": stamp,
        "files": [{"kind": k, "name": n, "sha256": hashlib.sha256(b).hexdigest()} for k, n, b in entries],
    }
    partial = path.with_suffix(".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
        for i, (_, _, content) in enumerate([("", MANIFEST, json.dumps(manifest, indent=1).encode()), *entries]):
            info = tarfile.TarInfo(MANIFEST if i == 0 else f"{i:05d}")
            info.size, info.mtime, info.mode = len(content), int(time.time()), 0o600
            tar.addfile(info, io.BytesIO(content))
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)  # a half-written archive never carries the final name
    if keep:
        for old in sorted(folder.glob(f"{PREFIX}*.tar.gz"))[:-keep]:
            old.unlink()
    return path


def read(archive: Path) -> list[tuple[str, str, bytes]]:
    """The archive's files, each checked against the manifest's checksum."""
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        entries = []
        for i, entry in enumerate(manifest["files"], start=1):
            member = tar.getmember(f"{i:05d}")
            if not member.isfile():
                raise ValueError(f"{archive}: entry {i} is not a file")
            content = tar.extractfile(member).read()  # type: ignore[union-attr]
            if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                raise ValueError(f"{archive}: {entry['kind']}/{entry['name']} is damaged (checksum)")
            entries.append((entry["kind"], entry["name"], content))
    return entries


def restore(archive: Path, places: Places | None = None, rebuild: bool = True) -> list[Path]:
    """Put every kept file back, moving aside what it would replace, then rebuild the warehouse."""
    places = places or Places.here()
    entries = read(archive)  # all checked before anything is touched
    targets = [(places.target(kind, name), content) for kind, name, content in entries]
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    written = []
    with data_lock(places.data_dir):
        for folder in (places.data_dir / "reports", places.data_dir / "narrative"):
            # The folder as it was, whole: a restore does not mix two histories of loads.
            if _files(folder):
                folder.rename(folder.with_name(f"{folder.name}.before-restore-{stamp}"))
        for target, content in targets:
            if target.exists() and target.read_bytes() != content:
                target.rename(target.with_name(f"{target.name}.before-restore-{stamp}"))
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(content)
            os.replace(partial, target)
            written.append(target)
        if rebuild:
            build(places.data_dir, places.warehouse)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.backup", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("create", help="write one archive")
    make.add_argument("--to", type=Path, required=True, help="the folder for the archives")
    make.add_argument("--keep", type=int, default=None, help="keep only this many archives there")
    back = sub.add_parser("restore", help="put an archive's files back and rebuild the warehouse")
    back.add_argument("archive", type=Path)
    back.add_argument("--no-build", action="store_true", help="do not rebuild the warehouse afterwards")
    args = parser.parse_args(argv)
    if args.command == "create":
        print(create(args.to, keep=args.keep))
    else:
        for path in restore(args.archive, rebuild=not args.no_build):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
