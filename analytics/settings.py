"""Deployment settings read from .streamlit/secrets.toml: sign-in, the access file, the audit log, disclosure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

THRESHOLD = 4  # counts 1..4 of victims and cases below province level show as "<5"
MAX_THRESHOLD = 9


class SettingsError(ValueError):
    """A setting the app cannot run with; the message names it."""


@dataclass(frozen=True)
class Settings:
    provider: bool  # an OpenID Connect provider is configured: people sign in
    required: bool  # auth.required: refuse to run without a provider
    access_file: Path | None
    audit_file: Path | None
    threshold: int  # the largest count hidden


def _section(name: str) -> dict[str, Any]:
    if not st.secrets.load_if_toml_exists():
        # No file is the laptop's default; a file that does not parse must not quietly become one.
        broken = [path for path in st.get_option("secrets.files") if Path(path).is_file()]
        if broken:
            raise SettingsError(f"{broken[0]}: không đọc được, TOML không hợp lệ (not valid TOML)")
        return {}
    found = st.secrets.get(name)
    return dict(found) if found else {}


def _has_provider(auth: dict[str, Any]) -> bool:
    """st.login needs redirect_uri and cookie_secret, and client_id either in [auth] or a named provider."""
    if not (auth.get("redirect_uri") and auth.get("cookie_secret")):
        return False
    return bool(auth.get("client_id")) or any(isinstance(v, dict) and v.get("client_id") for v in auth.values())


def load() -> Settings:
    auth, disclosure, audit = _section("auth"), _section("disclosure"), _section("audit")
    threshold = disclosure.get("threshold", THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not 1 <= threshold <= MAX_THRESHOLD:
        raise SettingsError(
            f"disclosure.threshold = {threshold!r}: phải là số nguyên từ 1 đến {MAX_THRESHOLD} "
            f"(must be a whole number from 1 to {MAX_THRESHOLD})"
        )
    required = auth.get("required", False)
    if not isinstance(required, bool):
        raise SettingsError(f"auth.required = {required!r}: phải là true hoặc false (must be true or false)")
    access = auth.get("access_file")
    log = audit.get("file")
    return Settings(
        provider=_has_provider(auth),
        required=required,
        access_file=Path(access) if access else None,
        audit_file=Path(log) if log else None,
        threshold=threshold,
    )


def check() -> int:
    """Before the server starts (`./tasks.sh run`): refuse, saying why, when the settings cannot run."""
    import sys

    try:
        conf = load()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    if conf.required and not conf.provider:
        print(
            "auth.required = true nhưng chưa cấu hình đăng nhập (OpenID Connect) trong .streamlit/secrets.toml; "
            "không khởi động. (Sign-in is required but no provider is configured: not starting.)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(check())
