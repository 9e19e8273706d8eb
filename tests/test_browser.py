"""The running app in headless Chromium: the chart draws, the province filter works, the CSV downloads."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from analytics.frame import PAGES
from bench.server import free_port, serve
from core import audit
from core.i18n import t

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.browser


@contextmanager
def _serve(cwd: Path = ROOT, port: int = 0, **env: str) -> Iterator[str]:
    """The app in its own process, as `./tasks.sh run` starts it; yields its URL."""
    with serve(cwd, port, **env) as (url, _):
        yield url


@pytest.fixture(scope="module")
def server(fixture_warehouse: Path) -> Iterator[str]:
    with _serve(WAREHOUSE_PATH=str(fixture_warehouse)) as url:
        yield url


def _settle(page: Page) -> None:
    page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)


def _metric(page: Page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_chart_province_filter_and_csv(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(server)
    _settle(page)
    assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 2
    # A first visit: today's units, the 2025 Phú Thọ, its history a part of it (Hòa Bình sent nothing in 2024).
    hotlines = page.locator('[data-testid="stMetric"]').filter(has_text="Đường dây nóng").first
    expect(hotlines.locator('[data-testid="stMetricValue"]')).to_have_text("52")
    expect(hotlines.locator('[data-testid="stMetricDelta"]')).to_have_text("một phần")  # not a change: a part
    expect(page.get_by_text("Một phần: chỉ có Phú Thọ, Vĩnh Phúc (2/3 tỉnh cũ)", exact=True)).to_be_visible()

    # Change the units and the province in the sidebar.
    page.locator('[data-testid="stSidebar"]').get_by_text("Trước 7/2025 (63 tỉnh, cấp huyện)").click()
    _settle(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Vĩnh Phúc").click()
    _settle(page)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Đường dây nóng").first).to_contain_text("45")
    training = page.locator('[data-testid="stMetric"]').filter(has_text="Lượt người được tập huấn")
    expect(training.locator('[data-testid="stMetricValue"]').first).to_have_text("1.334")  # "một phần" beneath
    assert "units=pre2025&province=vinh-phuc" in page.url  # the view is a shareable link, in codes and slugs
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tong-quan.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV").last.click()  # the whole page's, after the charts' own
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Đơn vị,Năm,Chỉ tiêu,Giá trị,Đơn vị tính,Loại số liệu,Ghi chú"
    assert len(lines) == 1 + 14  # 7 reported indicators x 2 years
    assert (
        'Tỉnh Vĩnh Phúc,2024,Số đường dây nóng,45,đường dây,"Báo cáo, một phần",Một phần: 3/9 huyện đã báo cáo' in lines
    )

    # The shared link opens the same view in a new page.
    other = browser.new_page()
    other.goto(page.url)
    _settle(other)
    expect(other.locator('[data-testid="stMetric"]').filter(has_text="Đường dây nóng")).to_contain_text("45")
    other.close()
    page.close()


def _open(page: Page, server: str, path: str, query: str) -> None:
    slug = "" if path == "dashboard.py" else Path(path).stem.split("_", 1)[1]  # pages/4_duong_day_nong.py
    page.goto(f"{server}/{slug}?{query}")
    page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_draws_its_charts(server: str, browser: Browser, tmp_path: Path, lang: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 2400})  # tall: the app scrolls inside itself
    for path, title_key, _ in PAGES:
        _open(page, server, path, f"province=Vĩnh+Phúc&lang={'English' if lang == 'en' else 'Tiếng+Việt'}")
        expect(page.locator("h1").first).to_have_text(t(title_key, lang))
        if path != "pages/9_du_lieu.py":
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
            # Every chart drew an SVG with its title (charts appear one after another: compare them as they come).
            page.wait_for_function(
                """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                        .every(chart => chart.querySelector('.gtitle'))""",
                timeout=30_000,
            )
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        page.screenshot(path=str(tmp_path / f"{Path(path).stem}-{lang}.png"), full_page=True)
    page.close()
    assert len(list(tmp_path.glob("*.png"))) == len(PAGES)


def test_a_bar_drills_down_and_a_chart_downloads_its_own_figures(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 2400}, accept_downloads=True)
    _open(page, server, "pages/4_duong_day_nong.py", "province=Vĩnh+Phúc")
    _settle(page)

    # The first chart's own download: hotlines and trusted addresses, two years, nothing else.
    page.get_by_role("button", name="Tải số liệu biểu đồ").first.click()
    with page.expect_download() as info:
        page.locator('[data-testid="stPopoverBody"]').get_by_role("button", name="Tải CSV").click()
    # Named in words, without codes (issue 23): the chart, the province before the reform, the years.
    assert info.value.suggested_filename == "duong-day-nong-va-dia-chi-tin-cay_vinh-phuc-truoc-7-2025_2023-2024.csv"
    lines = Path(info.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    part = '"Báo cáo, một phần",Một phần:'
    assert lines[1:] == [
        f"Tỉnh Vĩnh Phúc,2023,Số đường dây nóng,30,đường dây,{part} 2/9 huyện đã báo cáo",
        f"Tỉnh Vĩnh Phúc,2024,Số đường dây nóng,45,đường dây,{part} 3/9 huyện đã báo cáo",
        f"Tỉnh Vĩnh Phúc,2023,Số địa chỉ tin cậy ở cộng đồng,80,địa chỉ,{part} 2/9 huyện đã báo cáo",
        f"Tỉnh Vĩnh Phúc,2024,Số địa chỉ tin cậy ở cộng đồng,55,địa chỉ,{part} 2/9 huyện đã báo cáo",
    ]
    page.keyboard.press("Escape")

    # Choosing Vĩnh Yên's bar in the ranking (the longest, drawn last) filters the page to it.
    ranking = page.locator('[data-testid="stPlotlyChart"]').last
    ranking.scroll_into_view_if_needed()
    ranking.locator(".trace.bars .point path").last.click(force=True)
    district = page.get_by_role("combobox", name="Huyện/thị xã/thành phố")
    expect(district).to_have_value("Thành phố Vĩnh Yên", timeout=30_000)
    _settle(page)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("24")  # Vĩnh Yên's hotlines
    assert "district=vinh-yen" in page.url
    page.close()


def test_a_data_officer_loads_a_report_from_the_browser(
    browser: Browser, fixture_reports: list[Path], tmp_path: Path
) -> None:
    from etl.build import build
    from etl.template import write_workbook
    from tests.conftest import FIXTURE_VALUES

    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(fixture_reports[0], data / "reports")
    build(data, data / "warehouse.duckdb")
    values = {k: dict(v) for k, v in FIXTURE_VALUES.items() if k[0] == 2024}
    values[(2024, "pre2025:D:251")]["hotlines"] = 11  # corrected: 9 became 11
    upload = write_workbook(tmp_path / "vinh-phuc-2024.xlsx", "Vĩnh Phúc", [2024], values)

    server_tmp = tmp_path / "server-tmp"  # the server's temporary folder, to see what it leaves there
    server_tmp.mkdir()
    warehouse = data / "warehouse.duckdb"
    with _serve(
        DATA_DIR=str(data), WAREHOUSE_PATH=str(warehouse), DASHBOARD_IMPORT="on", TMPDIR=str(server_tmp)
    ) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(f"{url}/nhap_du_lieu")
        page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
        uploads = []
        page.on("request", lambda r: uploads.append(r) if r.method == "PUT" and "upload_file" in r.url else None)
        page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(upload))
        expect(page.get_by_text("Tệp hợp lệ: Tỉnh Vĩnh Phúc 2024 (32 giá trị).")).to_be_visible(timeout=30_000)
        # The same upload replayed with 11 MB, past the widget: the server itself refuses it.
        sent = uploads[0]
        headers = {k: v for k, v in sent.headers.items() if k.lower() in ("x-xsrftoken", "cookie")}
        big = {"file": {"name": "lon.csv", "mimeType": "text/csv", "buffer": b"x" * (11 * 1024 * 1024)}}
        spare = sent.url.rsplit("/", 1)[0] + "/spare"  # another file id: the officer's own upload stays as it is
        assert page.request.put(spare, headers=headers, multipart=big).status == 413
        small = {"file": {**big["file"], "buffer": b"x"}}
        assert page.request.put(spare, headers=headers, multipart=small).ok  # the same request, under the limit
        changed = page.locator('[data-testid="stMetric"]').filter(has_text="Thay đổi")
        expect(changed.locator('[data-testid="stMetricValue"]')).to_have_text("1")
        page.screenshot(path=str(tmp_path / "nhap-du-lieu.png"), full_page=True)
        page.get_by_role("button", name="Xác nhận nạp").click()
        expect(page.get_by_text("Đã nạp vinh-phuc-2024.xlsx.")).to_be_visible(timeout=60_000)
        # No upload stays behind on the server: it was staged only while it was read and loaded.
        assert not list(server_tmp.glob("nhap-*"))
        entries = [e for e in audit.read(data / "audit.jsonl") if e["event"] == "load"]
        assert [(e["file"], e["added"], e["via"]) for e in entries] == [
            ("vinh-phuc-2024.xlsx", ["vinh-phuc-2024.xlsx"], "app")
        ]

        # The overview shows the corrected figure without a restart.
        page.goto(f"{url}/?province=Vĩnh+Phúc")
        _settle(page)
        hotlines = page.locator('[data-testid="stMetric"]').filter(has_text="Đường dây nóng")
        expect(hotlines.locator('[data-testid="stMetricValue"]')).to_have_text("47")
        page.close()


def test_the_quality_note_leads_to_the_quality_page(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    _open(page, server, "pages/5_bao_luc.py", "province=Vĩnh+Phúc")
    note = page.get_by_role("link", name="Chất lượng dữ liệu: ")
    expect(note).to_contain_text("8 huyện chưa báo cáo đủ năm 2024")
    note.click()
    expect(page.locator("h1").first).to_have_text("Chất lượng dữ liệu")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    assert _metric(page, "Báo cáo đủ năm 2024 (huyện)") == "1/9"  # the same province, carried across
    expect(page.locator('[data-testid="stPlotlyChart"] .gtitle')).to_contain_text("Tỉnh Vĩnh Phúc")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.close()


def test_the_map_draws_offline_and_a_click_chooses(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    _open(page, server, "pages/1_ban_do.py", "units=pre2025")  # Hòa Bình, the first province with figures
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    national = page.locator('[data-testid="stPlotlyChart"]').first
    shapes = national.locator("path.choroplethlocation")
    expect(shapes).to_have_count(63 + 2 + 1)  # provinces, Hoàng Sa and Trường Sa, the chosen one outlined
    expect(national).to_contain_text("Quần đảo Hoàng Sa")
    expect(national).to_contain_text("Quần đảo Trường Sa")

    # The cases rate of 2024: Vĩnh Phúc alone has one, drawn first. Clicking it chooses it.
    shapes.first.click(force=True)  # Plotly draws a background layer over the shapes
    province = page.get_by_role("combobox", name="Tỉnh/thành phố")
    expect(province).to_have_value("Vĩnh Phúc", timeout=30_000)
    _settle(page)
    assert "province=vinh-phuc" in page.url
    circles = page.locator('[data-testid="stPlotlyChart"]').nth(1)
    expect(circles.locator(".gtitle")).to_contain_text("Các huyện của Tỉnh Vĩnh Phúc")

    # Hà Giang (after Hà Nội among the grey provinces) has no figures: named, not chosen.
    national.locator("path.choroplethlocation").nth(2).click(force=True)
    expect(page.get_by_text("Tỉnh Hà Giang chưa có số liệu: bộ lọc vẫn giữ")).to_be_visible(timeout=30_000)
    expect(province).to_have_value("Vĩnh Phúc")

    # Phúc Yên's ring (its 3 cases hidden, Vĩnh Yên's 6 with them) chooses the district.
    circles.locator(".scattergeo .point").first.click(force=True)
    district = page.get_by_role("combobox", name="Huyện/thị xã/thành phố")
    expect(district).to_have_value("Thành phố Phúc Yên", timeout=30_000)
    _settle(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ban-do.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV").last.click()
    lines = Path(info.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 63 + 9  # every province, then Vĩnh Phúc's nine districts
    rate = "2024,Số vụ bạo lực gia đình trên 1.000 hộ"
    unstable = "tỷ lệ tính trên dưới 20 vụ: dao động ngẫu nhiên lớn"  # 9 cases
    assert f'Vĩnh Phúc,{rate},0.13,vụ/1.000 hộ,"Báo cáo, một phần",Một phần: 2/9 huyện đã báo cáo; {unstable}' in lines
    hidden = "Ẩn: tính trên số vụ được ẩn (bảo vệ nạn nhân)"
    assert f"Phúc Yên,{rate},,vụ/1.000 hộ,Báo cáo,{hidden}" in lines
    assert f"Vĩnh Yên,{rate},,vụ/1.000 hộ,Báo cáo,{hidden}" in lines
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.close()
    # Nothing was asked of any other server: not a base map, not a font, not an icon.
    assert [url for url in asked if not url.startswith((server, "data:", "blob:"))] == []
    # The outlines came from the app, once for the page however many reruns drew them.
    assert [url for url in asked if "/static/geo/" in url] == [f"{server}/app/static/geo/provinces_pre2025.geojson"]


def test_links_say_what_they_show(server: str, browser: Browser) -> None:
    """Links written without diacritics, in English, or asking for what does not exist (issue 20)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    # Without diacritics or prefixes: Vĩnh Phúc's Phúc Yên, and the address is rewritten in slugs.
    _open(page, server, "pages/4_duong_day_nong.py", "units=pre2025&province=Vinh+Phuc&district=Phuc+Yen")
    expect(page.get_by_role("combobox", name="Huyện/thị xã/thành phố")).to_have_value("Thành phố Phúc Yên")
    expect(page.get_by_text("Thành phố Phúc Yên, Tỉnh Vĩnh Phúc · 2023–2024 · đơn vị trước 7/2025")).to_be_visible()
    page.wait_for_url("**district=phuc-yen**")
    # An English link opened, then switched to Vietnamese: the same unit, every label relabelled at once.
    _open(page, server, "pages/5_bao_luc.py", "lang=en&units=pre2025&province=vinh-phuc")
    expect(page.locator("h1").first).to_have_text("Domestic violence")
    expect(page.get_by_text("Compare on")).to_be_visible()
    page.locator('[data-testid="stSidebar"]').get_by_text("Tiếng Việt").click()
    expect(page.locator("h1").first).to_have_text("Bạo lực gia đình")
    expect(page.get_by_role("combobox", name="Tỉnh/thành phố")).to_have_value("Vĩnh Phúc")
    expect(page.get_by_role("combobox", name="Chỉ tiêu so sánh")).to_have_value("Tổng số vụ bạo lực gia đình")
    expect(page.get_by_text("Compare on")).to_have_count(0)
    page.wait_for_url("**lang=vi**")
    # A province that does not exist: named, and what is shown instead.
    _open(page, server, "dashboard.py", "province=Atlantis")
    expect(
        page.get_by_text("Liên kết ghi tỉnh/thành phố «Atlantis»: không tìm thấy. Đang hiện Tỉnh Phú Thọ.")
    ).to_be_visible()
    # The link of what is on screen, to copy.
    page.get_by_role("button", name="Sao chép liên kết").click()
    link = page.locator('[data-testid="stPopoverBody"] code')
    expect(link).to_have_text(f"{server}/?lang=vi&units=y2025&province=phu-tho&years=2023-2024")
    page.keyboard.press("Escape")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.close()


def test_a_partial_roll_up_is_marked_on_screen(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    _open(page, server, "pages/4_duong_day_nong.py", "units=y2025&province=phu-tho")
    _settle(page)
    card = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text("Địa chỉ tin cậy", exact=True))
    expect(card.locator('[data-testid="stMetricValue"]')).to_have_text("55")
    expect(card.locator('[data-testid="stMetricDelta"]')).to_have_text("một phần")
    expect(page.get_by_text("Một phần: chỉ có Vĩnh Phúc (1/3 tỉnh cũ)").first).to_be_visible()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_contain_text("Một phần (chưa đủ đơn vị báo cáo)")  # the legend of the open markers
    quality = page.get_by_role("link", name="Chất lượng dữ liệu: ")
    expect(quality).to_contain_text("1/3 tỉnh cũ không có số liệu năm 2024 (Hòa Bình)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mot-phan.png"))
    page.close()


ACCESS = """
[users."lan@kontum.gov.vn"]
role = "province"
provinces = ["Kon Tum"]

[users."hung@phutho.gov.vn"]
role = "officer"
provinces = ["Phú Thọ"]
"""


@pytest.fixture(scope="module")
def signed_in_server(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app behind a real OpenID Connect provider on localhost, with two users of different provinces."""
    from oidc_provider_mock import User, run_server_in_thread

    users = [
        User(sub="lan", claims={"email": "lan@kontum.gov.vn", "email_verified": True, "name": "Nguyễn Thị Lan"}),
        User(sub="hung", claims={"email": "hung@phutho.gov.vn", "email_verified": True, "name": "Trần Văn Hùng"}),
    ]
    folder = tmp_path_factory.mktemp("signin")
    (folder / ".streamlit").mkdir()
    (folder / "access.toml").write_text(ACCESS, encoding="utf-8")
    port = free_port()
    with run_server_in_thread(user_claims=users) as provider:
        (folder / ".streamlit" / "secrets.toml").write_text(
            f"""
[auth]
required = true
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{os.urandom(24).hex()}"
client_id = "dashboard"
client_secret = "not-so-secret"
server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"
access_file = "{folder / "access.toml"}"

[audit]
file = "{folder / "audit.jsonl"}"
""",
            encoding="utf-8",
        )
        with _serve(folder, port, WAREHOUSE_PATH=str(fixture_warehouse)) as url:
            yield url, folder / "audit.jsonl"


def _sign_in(browser: Browser, url: str, who: str) -> Page:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True).new_page()
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name=who, exact=True).click()  # the provider's sign-in form
    page.wait_for_url(f"{url}/**", timeout=30_000)
    page.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
    return page


def test_two_users_of_different_provinces_see_and_download_their_own(
    signed_in_server: tuple[str, Path], browser: Browser
) -> None:
    from core import audit

    url, log = signed_in_server
    page = browser.new_page()
    page.goto(url)
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)  # nothing before signing in
    page.close()

    # Lan (Kon Tum) asks for Vĩnh Phúc's Phúc Yên by address: the province's figures, no district.
    lan = _sign_in(browser, url, "lan")
    expect(lan.locator('[data-testid="stSidebar"]')).to_contain_text("lan@kontum.gov.vn")
    lan.goto(f"{url}/du_lieu?province=V%C4%A9nh+Ph%C3%BAc&district=Th%C3%A0nh+ph%E1%BB%91+Ph%C3%BAc+Y%C3%AAn")
    lan.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
    expect(lan.get_by_role("combobox", name="Tỉnh/thành phố")).to_have_value("Vĩnh Phúc", timeout=30_000)
    expect(lan.get_by_role("combobox", name="Huyện/thị xã/thành phố")).to_have_count(0)
    with lan.expect_download() as info:
        lan.get_by_role("button", name="Tải CSV").last.click()
    rows = Path(info.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert rows[1:] and all(row.startswith("Tỉnh Vĩnh Phúc,") for row in rows[1:])  # no district row
    assert (
        'Tỉnh Vĩnh Phúc,2024,Số đường dây nóng,45,đường dây,"Báo cáo, một phần",Một phần: 3/9 huyện đã báo cáo' in rows
    )
    # The address asked for a district she may not see: said so, naming it and what is shown instead.
    expect(lan.get_by_text("tài khoản này chỉ xem số liệu cấp tỉnh của Tỉnh Vĩnh Phúc")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    lan.screenshot(path=str(ARTIFACTS / "dang-nhap-tinh-khac.png"), full_page=True)

    # Hùng (the 2025 Phú Thọ, formed from Vĩnh Phúc) chooses Phúc Yên and downloads it.
    hung = _sign_in(browser, url, "hung")
    hung.goto(f"{url}/du_lieu?province=V%C4%A9nh+Ph%C3%BAc&district=Th%C3%A0nh+ph%E1%BB%91+Ph%C3%BAc+Y%C3%AAn")
    hung.wait_for_selector(".stApp[data-test-script-state=notRunning]", timeout=60_000)
    district = hung.get_by_role("combobox", name="Huyện/thị xã/thành phố")
    expect(district).to_have_value("Thành phố Phúc Yên", timeout=30_000)
    with hung.expect_download() as info:
        hung.get_by_role("button", name="Tải CSV").last.click()
    rows = Path(info.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert '"Thành phố Phúc Yên, Tỉnh Vĩnh Phúc",2024,Số đường dây nóng,12,đường dây,Báo cáo,' in rows
    hung.screenshot(path=str(ARTIFACTS / "dang-nhap-can-bo.png"), full_page=True)

    events = [(e["event"], e["user"]) for e in audit.read(log)]
    assert ("login", "lan@kontum.gov.vn") in events and ("login", "hung@phutho.gov.vn") in events
    exports = [e for e in audit.read(log) if e["event"] == "export"]
    assert [(e["user"], e["unit"]) for e in exports] == [
        ("lan@kontum.gov.vn", "pre2025:P:26"),
        ("hung@phutho.gov.vn", "pre2025:D:244"),
    ]
