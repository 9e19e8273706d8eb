"""The app's settings: Streamlit's parsed secrets and the environment, read through core.settings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import streamlit as st

from core.settings import Settings, SettingsError
from core.settings import load as _load


def _secrets() -> dict[str, Any]:
    if not st.secrets.load_if_toml_exists():
        # No file is the laptop's default; a file that does not parse must not quietly become one.
        broken = [path for path in st.get_option("secrets.files") if Path(path).is_file()]
        if broken:
            raise SettingsError(
                f"{broken[0]}: không đọc được, TOML không hợp lệ", f"{broken[0]}: cannot be read, not valid TOML"
            )
        return {}
    return {name: st.secrets.get(name) for name in ("auth", "disclosure", "audit")}


def load() -> Settings:
    return _load(_secrets())


def check() -> int:
    """Before the server starts (`./tasks.sh run`): refuse, saying why, when the settings cannot run."""
    try:
        conf = load()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    if conf.required and not conf.provider:
        print(
            "auth.required = true nhưng chưa cấu hình đăng nhập (OpenID Connect) trong .streamlit/secrets.toml; "
            "không khởi động.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(check())
