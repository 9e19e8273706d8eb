"""Before an app process of a shared server starts: refuse, saying why, unless people must sign in.

Behind nginx every request reaches the app from 127.0.0.1, so an app without a sign-in provider would take
every reader on the network for the computer's one local user, an administrator. The systemd unit runs this
first; the try-out (`./tasks.sh serve`) listens on 127.0.0.1 only and does not."""

from __future__ import annotations

import sys

from core import settings


def problems() -> list[str]:
    try:
        conf = settings.load(settings.read_secrets())
    except settings.SettingsError as exc:
        return [str(exc)]
    found = []
    if not conf.provider:
        found.append(
            "Chưa cấu hình đăng nhập (OpenID Connect) trong .streamlit/secrets.toml: máy chủ dùng chung không khởi "
            "động. / No sign-in provider in .streamlit/secrets.toml: a shared server does not start."
        )
    if not conf.required:
        found.append("auth.required = true phải được đặt. / Set auth.required = true.")
    if conf.access_file is None or not conf.access_file.is_file():
        found.append(
            f"Không có tệp phân quyền (auth.access_file = {conf.access_file}). / "
            f"The access file is missing (auth.access_file = {conf.access_file})."
        )
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
