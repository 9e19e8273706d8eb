"""Every deployment setting in one place: the secrets file's sections and the environment, checked and typed.

The app hands in Streamlit's parsed secrets (`st.secrets`, which `st.login` reads too); the command line reads
the same `.streamlit/secrets.toml` itself. Each setting is listed in the README ("Cài đặt / Settings")."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.paths import ROOT
from core.problems import Bilingual

THRESHOLD = 4  # counts 1..4 of victims and cases below province level show as "<5"
MAX_THRESHOLD = 9
ON = ("1", "on", "true", "yes")
# Where Streamlit looks for secrets by default; the command line reads the same files.
SECRETS_FILES = (Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml")


class SettingsError(Bilingual):
    """A setting the app cannot run with; the message names it."""


@dataclass(frozen=True)
class Settings:
    provider: bool  # an OpenID Connect provider is configured: people sign in
    required: bool  # auth.required: refuse to run without a provider
    access_file: Path | None
    audit_file: Path | None  # audit.file; None: audit.jsonl beside the warehouse
    threshold: int  # the largest count hidden
    warehouse: Path  # WAREHOUSE_PATH
    data_dir: Path  # DATA_DIR: samples, loaded reports and the load history
    import_enabled: bool  # DASHBOARD_IMPORT=on: the import page (it writes to the warehouse)
    verified_email: bool = True  # auth.verified_email_only: an address counts only when the provider verified it


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """data/ of this checkout, or DATA_DIR."""
    env = os.environ if environ is None else environ
    return Path(env.get("DATA_DIR") or ROOT / "data")


def warehouse(environ: Mapping[str, str] | None = None) -> Path:
    """The DuckDB file: WAREHOUSE_PATH, or warehouse.duckdb in the data folder."""
    env = os.environ if environ is None else environ
    return Path(env.get("WAREHOUSE_PATH") or data_dir(env) / "warehouse.duckdb")


def language(environ: Mapping[str, str] | None = None) -> str:
    """The command line's language: DASHBOARD_LANG when it is vi or en, Vietnamese otherwise."""
    lang = (os.environ if environ is None else environ).get("DASHBOARD_LANG", "")
    return lang if lang in ("vi", "en") else "vi"


def read_secrets(files: tuple[Path, ...] = SECRETS_FILES) -> dict[str, Any]:
    """The secrets files merged as Streamlit merges them (later files win, section by section), for the
    command line; a file that does not parse is an error, never quietly no settings."""
    merged: dict[str, Any] = {}
    for path in files:
        if not path.is_file():
            continue
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            vi, en = f"{path}: không đọc được, TOML không hợp lệ", f"{path}: cannot be read, not valid TOML"
            raise SettingsError(vi, en) from None
    return merged


def _section(secrets: Mapping[str, Any], name: str) -> dict[str, Any]:
    found = secrets.get(name)
    return dict(found) if isinstance(found, Mapping) else {}


def _has_provider(auth: Mapping[str, Any]) -> bool:
    """st.login needs redirect_uri and cookie_secret, and client_id either in [auth] or a named provider."""
    if not (auth.get("redirect_uri") and auth.get("cookie_secret")):
        return False
    return bool(auth.get("client_id")) or any(isinstance(v, Mapping) and v.get("client_id") for v in auth.values())


def load(secrets: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from parsed secrets and the environment; SettingsError names the first that cannot run."""
    env = os.environ if environ is None else environ
    auth, disclosure, audit = _section(secrets, "auth"), _section(secrets, "disclosure"), _section(secrets, "audit")
    threshold = disclosure.get("threshold", THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not 1 <= threshold <= MAX_THRESHOLD:
        raise SettingsError(
            f"disclosure.threshold = {threshold!r}: phải là số nguyên từ 1 đến {MAX_THRESHOLD}",
            f"disclosure.threshold = {threshold!r}: must be a whole number from 1 to {MAX_THRESHOLD}",
        )
    required = auth.get("required", False)
    if not isinstance(required, bool):
        raise SettingsError(
            f"auth.required = {required!r}: phải là true hoặc false",
            f"auth.required = {required!r}: must be true or false",
        )
    verified = auth.get("verified_email_only", True)
    if not isinstance(verified, bool):
        vi, en = "phải là true hoặc false", "must be true or false"
        raise SettingsError(
            f"auth.verified_email_only = {verified!r}: {vi}", f"auth.verified_email_only = {verified!r}: {en}"
        )
    access = auth.get("access_file")
    log = audit.get("file")
    return Settings(
        provider=_has_provider(auth),
        required=required,
        access_file=Path(access) if access else None,
        audit_file=Path(log) if log else None,
        threshold=threshold,
        warehouse=warehouse(env),
        data_dir=data_dir(env),
        import_enabled=env.get("DASHBOARD_IMPORT", "").lower() in ON,
        verified_email=verified,
    )
