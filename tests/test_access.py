"""Who sees what: the access file, the settings, and the pages under sign-in (AppTest), tampered with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics import access, settings
from analytics.fmt import literal
from core import audit
from core.settings import SettingsError
from core.settings import load as load_settings

ROOT = Path(__file__).resolve().parent.parent
VP, PHUC_YEN, KON_TUM, PHU_THO_2025 = "pre2025:P:26", "pre2025:D:244", "pre2025:P:62", "y2025:P:25"
ACCESS = """
default_role = "viewer"

[users."Hung@PhuTho.gov.vn"]
role = "officer"
provinces = ["Phú Thọ"]          # the 2025 province: its former provinces' districts are its history

[users."lan@kontum.gov.vn"]
role = "province"
provinces = ["Kon Tum"]          # a former province only

[groups."vu-gia-dinh"]
role = "admin"
"""


@pytest.fixture
def access_file(tmp_path: Path) -> Path:
    path = tmp_path / "access.toml"
    path.write_text(ACCESS, encoding="utf-8")
    return path


def _secrets(access_file: Path, tmp_path: Path, **extra: object) -> dict:
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-secret-for-the-tests-only",
        "client_id": "dashboard",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
        "access_file": str(access_file),
    }
    return {"auth": auth, "audit": {"file": str(tmp_path / "audit.jsonl")}, **extra}


def test_the_access_file_grants_roles_and_provinces(access_file: Path) -> None:
    rules = access.rules(access_file)
    hung = rules.scope("hung@phutho.gov.vn", [], 4)  # e-mail addresses match whatever their case
    assert hung.role == "officer"
    former = {"pre2025:P:25", VP, "pre2025:P:17"}  # Phú Thọ, Vĩnh Phúc, Hòa Bình
    assert hung.detail == hung.raw == hung.imports == frozenset({PHU_THO_2025} | former)
    lan = rules.scope("lan@kontum.gov.vn", [], 4)
    assert (lan.role, lan.detail, lan.raw, lan.imports) == ("province", {KON_TUM}, frozenset(), frozenset())
    assert rules.scope("someone@else.vn", [], 4).role == "viewer"  # the default role
    assert rules.scope("someone@else.vn", [], 4).detail == frozenset()
    boss = rules.scope("lan@kontum.gov.vn", ["vu-gia-dinh"], 4)  # a group adds to the user's own entry
    assert (boss.role, boss.detail, boss.raw, boss.imports) == ("admin", None, None, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[users."a@b.vn"]\nrole = "boss"\nprovinces = ["Huế"]', "users.\"a@b.vn\": role 'boss' không hợp lệ"),
        ('[users."a@b.vn"]\nrole = "province"\nprovinces = ["Phu Tho Moi"]', "không tìm thấy tỉnh 'Phu Tho Moi'"),
        ('[users."a@b.vn"]\nrole = "officer"', "vai trò officer cần ít nhất một tỉnh"),
        ('[users."a@b.vn"\nrole = "viewer"', "access.toml"),
    ],
)
def test_a_wrong_access_file_says_where(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "access.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(access.AccessError, match=message):
        access.rules(path)


@pytest.mark.parametrize("threshold", [0, 10, "4", True])
def test_the_threshold_must_be_1_to_9(threshold: object) -> None:
    with pytest.raises(SettingsError, match="disclosure.threshold"):
        load_settings({"disclosure": {"threshold": threshold}})


def _app(warehouse: Path, monkeypatch: pytest.MonkeyPatch, secrets: dict, user: dict | None, page: str = "") -> AppTest:
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(secrets)
    at.user = user or {"is_logged_in": False}
    if page:
        at.switch_page(page)  # the page's own address, opened directly
    return at


def _user(email: str, verified: bool = True) -> dict:
    return {"is_logged_in": True, "email": email, "email_verified": verified, "name": email.split("@")[0]}


def test_nothing_shows_before_sign_in(fixture_warehouse, monkeypatch, access_file, tmp_path) -> None:
    at = _app(fixture_warehouse, monkeypatch, _secrets(access_file, tmp_path), None).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Đăng nhập"]
    assert not at.metric and not at.get("plotly_chart") and not at.dataframe
    assert "chỉ dành cho người được phân quyền" in at.info[0].value


def test_an_account_not_in_the_access_file_is_refused(fixture_warehouse, monkeypatch, access_file, tmp_path) -> None:
    access_file.write_text(ACCESS.replace('default_role = "viewer"', ""), encoding="utf-8")
    at = _app(fixture_warehouse, monkeypatch, _secrets(access_file, tmp_path), _user("x@y.vn")).run()
    assert f"Tài khoản {literal('x@y.vn')} chưa được cấp quyền" in at.error[0].value  # their text, escaped
    assert not at.metric and [b.label for b in at.button] == ["Đăng xuất"]


def test_an_address_the_provider_did_not_verify_names_nobody(
    fixture_warehouse, monkeypatch, access_file, tmp_path
) -> None:
    access_file.write_text(ACCESS.replace('default_role = "viewer"', ""), encoding="utf-8")
    # Hùng is an officer in the access file, but this token's address is not verified: anyone could have typed it.
    forged = {**_user("hung@phutho.gov.vn", verified=False), "sub": "sub-123"}
    at = _app(fixture_warehouse, monkeypatch, _secrets(access_file, tmp_path), forged).run()
    assert f"Tài khoản {literal('sub-123')} chưa được cấp quyền" in at.error[0].value
    assert not at.metric
    # A deployment whose provider does not verify addresses says so in its settings, and takes the risk.
    trusting = _secrets(access_file, tmp_path)
    trusting["auth"]["verified_email_only"] = False
    at = _app(fixture_warehouse, monkeypatch, trusting, forged).run()
    assert not at.error and at.metric


def test_a_province_user_cannot_reach_another_province_s_districts(
    fixture_warehouse, monkeypatch, access_file, tmp_path
) -> None:
    secrets = _secrets(access_file, tmp_path)
    # Tampering with the address: Vĩnh Phúc's Phúc Yên, straight onto the data page.
    at = _app(fixture_warehouse, monkeypatch, secrets, _user("lan@kontum.gov.vn"), "pages/9_du_lieu.py")
    at.query_params.update({"province": "Vĩnh Phúc", "district": "Thành phố Phúc Yên"})
    at.run()
    assert not at.exception
    assert at.selectbox(key="province").value == VP  # province figures are for everyone
    assert not [s for s in at.selectbox if s.key == "district"]  # but no district to choose
    table = at.dataframe[0].value
    hotlines = table[table["Chỉ tiêu"] == "Số đường dây nóng"]
    assert hotlines["Giá trị"].tolist() == [30, 45]  # the province's, not Phúc Yên's 10 and 12
    # Tampering with the session: the district is set behind the page's back.
    at.session_state["district"] = PHUC_YEN
    at.run()
    assert at.session_state["district"] == "all"
    assert "Tỉnh Vĩnh Phúc" in [c.value for c in at.caption if c.value.startswith("Tỉnh")][0]
    # The violence page: the province figure, and no district ranking.
    at.switch_page("pages/5_bao_luc.py").run()
    assert at.metric[0].value == "9"
    assert any("chỉ dành cho người được giao tỉnh này" in c.value for c in at.caption)
    assert not [s for s in at.selectbox if s.key == "rank_violence"]
    # Its own province: every district.
    at.query_params.clear()
    at.selectbox(key="province").select(KON_TUM).run()
    assert [s for s in at.selectbox if s.key == "district"]


def test_an_officer_sees_the_former_provinces_uncovered_when_asked(
    fixture_warehouse, monkeypatch, access_file, tmp_path
) -> None:
    secrets = _secrets(access_file, tmp_path)
    at = _app(fixture_warehouse, monkeypatch, secrets, _user("hung@phutho.gov.vn"), "pages/5_bao_luc.py").run()
    at.radio(key="units").set_value("pre2025").run()  # the app opens on today's units; Phúc Yên is history
    at.selectbox(key="province").select(VP).run()
    at.selectbox(key="district").select(PHUC_YEN).run()
    assert at.metric[0].value == "Ẩn"  # covered by default: a screen can be shared
    at.toggle(key="show_raw").set_value(True).run()
    assert at.metric[0].value == "3"
    assert any("số nhỏ chưa che" in w.value for w in at.warning)
    assert any("Chưa che" in c.value for c in at.caption)
    assert "Hiện số nhỏ chưa che" in [t.label for t in at.toggle]
    entries = audit.read(tmp_path / "audit.jsonl")
    assert [(e["event"], e["user"], e["role"]) for e in entries] == [("login", "hung@phutho.gov.vn", "officer")]


def test_sign_in_required_without_a_provider_refuses(fixture_warehouse, monkeypatch) -> None:
    at = _app(fixture_warehouse, monkeypatch, {"auth": {"required": True}}, None).run()
    assert "auth.required = true" in at.error[0].value
    assert not at.metric and not at.get("plotly_chart")


def test_without_sign_in_the_app_serves_this_computer_only(fixture_warehouse, monkeypatch) -> None:
    at = _app(fixture_warehouse, monkeypatch, {}, None).run()
    # Said on screen in a leader's words; the address is in the caption's help for the officer.
    assert any("chính máy tính này" in c.value and "127.0.0.1" in c.proto.help for c in at.sidebar.caption)
    assert at.metric
    st.config.set_option("server.address", "0.0.0.0")
    try:
        at = _app(fixture_warehouse, monkeypatch, {}, None).run()
    finally:
        st.config.set_option("server.address", "127.0.0.1")
    assert "--server.address 127.0.0.1" in at.error[0].value
    assert not at.metric


def test_the_audit_log_only_grows(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    audit.record(log, "export", "lan@kontum.gov.vn", file="a.csv", rows=3)
    audit.record(log, "load", "hung@phutho.gov.vn", file="bao-cao.xlsx")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["export", "load"]
    assert json.loads(lines[0])["rows"] == 3 and json.loads(lines[0])["at"].endswith("+00:00")


def test_the_example_settings_and_access_file_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
    monkeypatch.setattr(settings, "_secrets", lambda: example)
    conf = settings.load()
    assert (conf.provider, conf.required, conf.threshold) == (True, True, 4)
    rules = access.rules(ROOT / ".streamlit" / "access.example.toml")
    assert rules.scope("lan.nguyen@kontum.gov.vn", [], 4).detail == {"y2025:P:51", "pre2025:P:51", KON_TUM}


def test_the_run_command_refuses_to_start_when_sign_in_is_required_but_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(settings, "_secrets", lambda: {"auth": {"required": True}})
    assert settings.check() == 1
    assert "không khởi động" in capsys.readouterr().err
    monkeypatch.setattr(settings, "_secrets", lambda: {})
    assert settings.check() == 0  # no provider, not required: the laptop's local user


def test_a_secrets_file_that_does_not_parse_stops_the_start(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text("[auth]\nrequired = tru\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "analytics.settings"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "secrets.toml: không đọc được" in run.stderr  # not the laptop mode, without a word


def test_the_audit_log_keeps_any_character_in_a_name(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    odd = 'báo cáo\u2028=HYPERLINK("x")\u0085\x0c🙂.xlsx'
    audit.record(log, "load", "mai@kontum.gov.vn", file=odd)
    audit.record(log, "export", "mai@kontum.gov.vn", file="b.csv")
    assert [(e["event"], e["file"]) for e in audit.read(log)] == [("load", odd), ("export", "b.csv")]


def test_the_command_line_records_where_the_settings_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_reports: list[Path]
) -> None:
    from etl.__main__ import main

    configured = tmp_path / "nhat-ky" / "audit.jsonl"
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'[audit]\nfile = "{configured}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    assert main(["load", str(fixture_reports[1]), "--data-dir", str(data), "--warehouse", str(data / "w.duckdb")]) == 0
    assert [(e["event"], e["via"], e["added"]) for e in audit.read(configured)] == [("load", "cli", ["kon-tum.xlsx"])]
    assert not (data / "audit.jsonl").exists()
