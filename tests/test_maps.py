"""Maps: the committed outlines (63 and 34 provinces, Hoàng Sa and Trường Sa) and the Bản đồ page (AppTest);
expected values are worked out by hand from tests/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from streamlit.testing.v1 import AppTest

from analytics.maps import CONFIG, MAX_MARKER
from core.paths import geo_path
from core.units import PRE2025, Y2025, unit_frames
from etl import geo
from etl.__main__ import main
from tests.helpers import trace_array

ROOT = Path(__file__).resolve().parent.parent
VP, HN = "pre2025:P:26", "pre2025:P:01"


def _features(system: str) -> list[dict]:
    return json.loads(geo_path(system).read_text(encoding="utf-8"))["features"]


@pytest.mark.parametrize(("system", "count"), [(PRE2025, 63), (Y2025, 34)])
def test_one_valid_shape_per_province_and_the_archipelagos(system: str, count: int) -> None:
    features = _features(system)
    provinces = [f for f in features if f["properties"]["kind"] == "province"]
    unit, _, _ = unit_frames()
    codes = set(unit.loc[(unit.system == system) & (unit.level == "P"), "code"])
    assert len(provinces) == count == len(codes)
    assert {f["id"] for f in provinces} == codes  # ids are the unit table's GSO codes, every unit has a shape
    assert all(f["properties"]["unit_id"] == f"{system}:P:{f['id']}" for f in provinces)
    shapes = [shape(f["geometry"]) for f in features]
    assert all(s.is_valid and not s.is_empty for s in shapes)
    islands = {f["id"]: f["properties"] for f in features if f["properties"]["kind"] == "archipelago"}
    assert islands == {
        "HS": {
            "kind": "archipelago",
            "unit_id": f"{system}:P:48",
            "name": "Quần đảo Hoàng Sa",
            "name_en": "Hoàng Sa archipelago",
        },
        "TS": {
            "kind": "archipelago",
            "unit_id": f"{system}:P:56",
            "name": "Quần đảo Trường Sa",
            "name_en": "Trường Sa archipelago",
        },
    }
    hs = shape(next(f["geometry"] for f in features if f["id"] == "HS"))
    assert 111 < hs.centroid.x < 113 and 15.5 < hs.centroid.y < 17.5  # east of Đà Nẵng, in the sea
    assert 60_000 < geo_path(system).stat().st_size < 150_000  # about 100 KB


def test_2025_provinces_are_unions_of_whole_former_ones() -> None:
    old = {f["id"]: shape(f["geometry"]) for f in _features(PRE2025) if f["properties"]["kind"] == "province"}
    new = {f["id"]: shape(f["geometry"]) for f in _features(Y2025) if f["properties"]["kind"] == "province"}
    # Phú Thọ from 7/2025 = Phú Thọ (25) + Vĩnh Phúc (26) + Hòa Bình (17); Hà Nội kept its outline.
    assert new["25"].area == pytest.approx(old["25"].area + old["26"].area + old["17"].area, rel=1e-4)
    assert new["01"].area == pytest.approx(old["01"].area, rel=1e-4)
    assert new["25"].contains(old["26"].representative_point())
    # Simplified together, neighbours share one border: no gaps, no overlaps.
    total = sum(s.area for s in old.values())
    assert sum(s.area for s in new.values()) == pytest.approx(total, rel=1e-4)
    assert shapely.union_all(list(new.values())).area == pytest.approx(total, rel=1e-4)


def test_the_committed_outlines_are_what_the_script_derives(tmp_path: Path) -> None:
    assert main(["geo", "-o", str(tmp_path)]) == 0
    for system in (PRE2025, Y2025):
        assert geo_path(system, tmp_path).read_bytes() == geo_path(system).read_bytes()


def _damaged(tmp_path: Path, change) -> Path:
    source = json.loads(geo.SOURCE.read_text(encoding="utf-8"))
    change(source["features"])
    path = tmp_path / "source.geojson"
    path.write_text(json.dumps(source), encoding="utf-8")
    return path


def test_a_source_missing_a_province_is_refused_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    def drop_kon_tum(features: list[dict]) -> None:
        features[:] = [f for f in features if f["properties"]["iso_3166_2"] != "VN-28"]

    out = tmp_path / "out"
    assert main(["geo", "--source", str(_damaged(tmp_path, drop_kon_tum)), "-o", str(out)]) == 1
    assert "LỖI source.geojson: thiếu hình của Tỉnh Kon Tum" in capsys.readouterr().err
    assert not out.exists() or not list(out.iterdir())


def test_a_province_drawn_twice_or_unknown_is_named(tmp_path: Path) -> None:
    def twice(features: list[dict]) -> None:
        features.append(next(f for f in features if f["properties"]["iso_3166_2"] == "VN-28"))

    with pytest.raises(geo.GeoError, match=r"VN-28 \(Tinh Kon Tum\): tỉnh mã 62 có hai hình"):
        geo.derive(_damaged(tmp_path, twice))

    def unknown(features: list[dict]) -> None:
        features[0]["properties"]["gn_name"] = "Tinh Atlantis"

    with pytest.raises(geo.GeoError, match=r"Tinh Atlantis.*không tìm thấy tỉnh 'Atlantis'"):
        geo.derive(_damaged(tmp_path, unknown))


def test_the_empty_base_map_is_served_by_the_app() -> None:
    # Plotly asks for <topojsonURL>world_110m.json before drawing a geo map; the app serves it from static/.
    base = json.loads((ROOT / "static" / "topojson" / "world_110m.json").read_text())
    assert base == {"type": "Topology", "objects": {}, "arcs": []}
    assert "enableStaticServing = true" in (ROOT / ".streamlit" / "config.toml").read_text()
    assert CONFIG["topojsonURL"] == "app/static/topojson/"


@pytest.fixture
def map_page(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))

    def go(province: str = VP, units: str = PRE2025, lang: str = "vi", indicator: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
        at.radio(key="units").set_value(PRE2025).run()  # a first visit opens on today's units
        at.selectbox(key="province").select(province).run()
        if units != PRE2025:
            at.radio(key="units").set_value(units).run()
        if lang != "vi":
            at.radio(key="lang").set_value(lang).run()
        at.switch_page("pages/1_ban_do.py").run()
        if indicator:
            at.selectbox(key="map_indicator").select(indicator).run()
        assert not at.exception, at.exception
        return at

    return go


def _traces(at: AppTest, i: int) -> dict[str, dict]:
    """Chart i's traces by name (the first of a name: the archipelagos' shapes before their labels)."""
    traces: dict[str, dict] = {}
    for trace in json.loads(at.get("plotly_chart")[i].proto.spec)["data"]:
        traces.setdefault(trace["name"], trace)
    return traces


def test_the_map_colours_provinces_with_a_value_and_greys_the_rest(map_page) -> None:
    at = map_page()
    assert at.title[0].value == "Bản đồ"
    assert at.selectbox(key="map_indicator").value == "dv_cases_per_1000_households"  # a rate by default
    assert at.selectbox(key="map_year").value == 2024
    national = _traces(at, 0)
    shown = national["Số vụ bạo lực gia đình trên 1.000 hộ"]
    # Vĩnh Phúc 2024: 6 + 3 cases over 40.000 + 30.000 households (Yên Lạc gave no households).
    assert shown["locations"] == ["26"] and trace_array(shown["z"]) == [pytest.approx(9 / 70_000 * 1000)]
    assert shown["hovertext"] == ["<b>Vĩnh Phúc</b><br>0,13 vụ/1.000 hộ (một phần)<br>Một phần: 2/9 huyện đã báo cáo"]
    grey = national["Không có số liệu"]
    assert len(grey["locations"]) == 62 and "01" in grey["locations"]
    # Phú Thọ's rate rests on 4 cases from its one reporting district: hidden, and said so.
    phu_tho = grey["hovertext"][grey["locations"].index("25")]
    assert phu_tho == "<b>Phú Thọ</b><br>Ẩn: tính trên số vụ được ẩn (bảo vệ nạn nhân)"
    assert grey["hovertext"][0] == "<b>Hà Nội</b><br>không có số liệu"
    islands = national["Quần đảo Hoàng Sa, Trường Sa"]
    every = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert [t["type"] for t in every] == [
        "choropleth",
        "choropleth",
        "choropleth",
        "scattergeo",
        "scattergeo",
        "choropleth",
    ]
    assert islands["locations"] == ["HS", "TS"] and islands["customdata"] == ["pre2025:P:48", "pre2025:P:56"]
    assert islands["hovertext"] == [
        "<b>Quần đảo Hoàng Sa</b><br>thuộc Đà Nẵng",
        "<b>Quần đảo Trường Sa</b><br>thuộc Khánh Hòa",
    ]
    labels = next(t for t in every if t.get("mode") == "text")
    assert labels["text"] == ["Quần đảo Hoàng Sa", "Quần đảo Trường Sa"]
    assert national["Chưa đủ đơn vị báo cáo"]["customdata"] == [VP]
    assert national["Vĩnh Phúc"]["marker"]["line"]["width"] == 2.5  # the chosen province
    assert json.loads(at.get("plotly_chart")[0].proto.config)["topojsonURL"] == "app/static/topojson/"

    districts = _traces(at, 1)
    # Phúc Yên's 3 cases are hidden, and Vĩnh Yên's 6 with them (the province's 9 would give the 3 away):
    # rings, never sized circles.
    assert not districts["Số vụ bạo lực gia đình trên 1.000 hộ"].get("customdata")
    assert districts["Ẩn để bảo vệ nạn nhân"]["customdata"] == ["pre2025:D:244", "pre2025:D:243"]
    assert len(districts["Không có số liệu"]["customdata"]) == 7  # Yên Lạc gave no households; 6 gave nothing


def test_circles_have_areas_in_proportion_to_the_values(map_page) -> None:
    at = map_page(indicator="hotlines")
    national = _traces(at, 0)["Số đường dây nóng"]
    # Phú Thọ 7 (1 district), Vĩnh Phúc 24 + 12 + 9, Kon Tum 31; Hòa Bình reported only 2023.
    assert national["locations"] == ["25", "26", "62"] and trace_array(national["z"]) == [7, 45, 31]
    assert national["colorbar"]["tickformat"] == ",.0f"
    circles = _traces(at, 1)["Số đường dây nóng"]
    assert circles["text"] == ["Phúc Yên", "Vĩnh Yên", "Yên Lạc"]
    sizes = dict(zip(circles["text"], trace_array(circles["marker"]["size"]), strict=True))
    assert sizes["Vĩnh Yên"] == MAX_MARKER
    assert (sizes["Phúc Yên"] / sizes["Vĩnh Yên"]) ** 2 == pytest.approx(12 / 24)
    assert (sizes["Yên Lạc"] / sizes["Vĩnh Yên"]) ** 2 == pytest.approx(9 / 24)


def test_a_2025_province_shows_the_districts_of_the_former_provinces(map_page) -> None:
    at = map_page(units=Y2025, indicator="hotlines")
    national = _traces(at, 0)["Số đường dây nóng"]
    # Phú Thọ from 7/2025 in 2024: Vĩnh Phúc 45 + Phú Thọ 7 (Hòa Bình reported 2023 only); Quảng Ngãi: Kon Tum's 31.
    assert dict(zip(national["locations"], trace_array(national["z"]), strict=True)) == {"25": 52, "51": 31}
    assert "52 đường dây (một phần)<br>Một phần: chỉ có Phú Thọ, Vĩnh Phúc (2/3 tỉnh cũ)" in national["hovertext"][0]
    districts = _traces(at, 1)
    assert sorted(districts["Số đường dây nóng"]["customdata"]) == [
        "pre2025:D:235",
        "pre2025:D:243",
        "pre2025:D:244",
        "pre2025:D:251",
    ]
    assert districts["Tỉnh cũ"]["hovertext"] == ["Hòa Bình", "Phú Thọ", "Vĩnh Phúc"]
    assert any("cộng từ các tỉnh cũ" in c.value for c in at.caption)


def test_the_map_in_english(map_page) -> None:
    at = map_page(lang="en")
    assert at.title[0].value == "Map"
    national = _traces(at, 0)
    assert national["Domestic-violence cases per 1,000 households"]["hovertext"] == [
        "<b>Vĩnh Phúc</b><br>0.13 cases per 1,000 households (partial)<br>Partial: 2 of 9 districts reported"
    ]
    assert (
        national["Hoàng Sa and Trường Sa archipelagos"]["hovertext"][0]
        == "<b>Hoàng Sa archipelago</b><br>part of Đà Nẵng"
    )
    assert "No data" in national
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["separators"] == ".,"
    assert spec["layout"]["title"]["text"].startswith(
        "Domestic-violence cases per 1,000<br>households, 2024<br><sup>Viet Nam"  # wrapped, never cut
    )


def test_the_year_shown_first_is_the_latest_in_the_years_chosen(fixture_warehouse, monkeypatch, map_page) -> None:
    from analytics.access import local
    from analytics.components import map_years
    from analytics.frame import Filters

    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    # Hòa Bình reported 2023 only: its hotlines map opens on 2023, with 2024 a choice away.
    hoa_binh = Filters("vi", "pre2025:P:17", None, 2023, 2023, local(4))
    assert map_years(hoa_binh, "hotlines") == ([2024, 2023], 2023)
    # No province has a rate for 2023: its one year is shown, whatever the province's years.
    assert map_years(hoa_binh, "dv_cases_per_1000_households") == ([2024], 2024)
    at = map_page(province="pre2025:P:17")
    assert at.selectbox(key="map_year").value == 2024
    assert _traces(at, 0)["Số vụ bạo lực gia đình trên 1.000 hộ"]["locations"] == ["26"]
    at.selectbox(key="map_indicator").select("hotlines").run()
    assert at.selectbox(key="map_year").options == ["2024", "2023"]
    at.selectbox(key="map_year").select(2023).run()
    # 2023: Vĩnh Phúc 20 + 10, Hòa Bình 5; Hòa Bình outlined as the province chosen.
    hotlines = _traces(at, 0)["Số đường dây nóng"]
    assert dict(zip(hotlines["locations"], trace_array(hotlines["z"]), strict=True)) == {"17": 5, "26": 30}
    assert "Hòa Bình" in _traces(at, 0)


def test_the_province_table_lists_every_province_with_or_without_a_value(fixture_warehouse, monkeypatch) -> None:
    from analytics import queries
    from analytics.access import local
    from analytics.export import tidy

    monkeypatch.setenv("WAREHOUSE_PATH", str(fixture_warehouse))
    frame = queries.province_map(PRE2025, "hotlines", 2024, local(4))
    rows = tidy(frame.assign(indicator="hotlines", year=2024), queries.indicators(), "", "vi").set_index("Đơn vị")
    assert len(rows) == 63
    assert (
        rows.loc["Vĩnh Phúc", "Giá trị"] == 45 and rows.loc["Vĩnh Phúc", "Ghi chú"] == "Một phần: 3/9 huyện đã báo cáo"
    )
    assert rows.loc["Vĩnh Phúc", "Loại số liệu"] == "Báo cáo, một phần"
    assert rows.loc["Hà Nội", "Giá trị"] is None and rows.loc["Hà Nội", "Ghi chú"] == "không có số liệu"


def test_provinces_without_figures_are_no_source(sample_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(sample_warehouse))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/1_ban_do.py").run()
    assert not at.exception
    # Only illustrative figures are drawn; the 58 grey provinces must not make them "reported" too.
    assert [c.value for c in at.caption].count("Nguồn số liệu: minh họa") == 2
