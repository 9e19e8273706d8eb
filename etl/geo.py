"""Province outlines for the maps: simplified GeoJSON per unit system, derived from Natural Earth."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from core.paths import GEO_DIR, REFERENCE, geo_path
from core.units import PRE2025, SYSTEMS, Y2025, UnitIndex, UnitNotFound, unit_frames

SOURCE = REFERENCE / "geo" / "natural_earth_admin1_vn.geojson"
# What the maps draw (core.paths.GEO_DIR) is in the app's static folder, so that the browser fetches each file
# once and a chart names it by address instead of carrying some 100 KB of outlines on every rerun.
# Visvalingam-Whyatt over the whole coverage: neighbours keep one shared border (no slivers, clean unions).
TOLERANCE = 0.01
GRID = 1e-4  # degrees, about 11 m: coordinates are rounded to it
DECIMALS = 4
# Natural Earth files the archipelagos under other codes; Vietnamese maps show them with their provinces
# (pre-2025 GSO codes: Đà Nẵng 48, Khánh Hòa 56).
ARCHIPELAGOS = {
    "CN-X01~": ("HS", "Quần đảo Hoàng Sa", "Hoàng Sa archipelago", "48"),
    "-99-X08~": ("TS", "Quần đảo Trường Sa", "Trường Sa archipelago", "56"),
}


class GeoError(ValueError):
    """The source file does not give one shape per province."""


def _province_code(properties: dict) -> str:
    # `name` and `name_vi` are wrong for three provinces; `gn_name` is right once its type word is gone
    # ("Thanh pho Ho Chi Minh", and Điện Biên filed as "Huyen Dien Bien").
    name = re.sub(r"(?i)^(tinh|thanh pho|huyen)\s+", "", properties["gn_name"])
    try:
        return UnitIndex.load().match(name, PRE2025, "P").code
    except UnitNotFound as e:
        raise GeoError(f"{properties['iso_3166_2']} ({properties['gn_name']}): {e}") from None


def _rounded(geometry: shapely.Geometry) -> dict:
    geometry = shapely.set_precision(geometry, GRID)
    geojson = mapping(geometry)
    return json.loads(json.dumps(geojson), parse_float=lambda s: round(float(s), DECIMALS))


def derive(source: Path = SOURCE) -> dict[str, dict]:
    """{unit system: FeatureCollection}: one feature per province, id = GSO code, plus the two archipelagos
    (id HS and TS) with the province they belong to."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    provinces: dict[str, shapely.Geometry] = {}
    islands: list[tuple[tuple[str, str, str, str], shapely.Geometry]] = []
    for feature in features:
        properties = feature["properties"]
        geometry = shape(feature["geometry"])
        if properties["iso_3166_2"] in ARCHIPELAGOS:
            islands.append((ARCHIPELAGOS[properties["iso_3166_2"]], geometry))
            continue
        code = _province_code(properties)
        if code in provinces:
            raise GeoError(f"{properties['iso_3166_2']} ({properties['gn_name']}): tỉnh mã {code} có hai hình")
        provinces[code] = geometry
    unit, crosswalk, _ = unit_frames()
    old = unit[(unit.system == PRE2025) & (unit.level == "P")].set_index("code")
    missing = sorted(set(old.index) - set(provinces))
    if missing:
        raise GeoError(f"{source.name}: thiếu hình của {', '.join(old.loc[missing, 'name'])}")
    if len(islands) != len(ARCHIPELAGOS):
        raise GeoError(f"{source.name}: thiếu quần đảo Hoàng Sa hoặc Trường Sa")

    codes = sorted(provinces)
    simplified = shapely.coverage_simplify(np.array([provinces[c] for c in codes]), TOLERANCE)
    simple = dict(zip(codes, simplified, strict=True))
    successor = crosswalk.set_index("from_unit")["to_unit"]
    new = unit[(unit.system == Y2025) & (unit.level == "P")].set_index("code")
    new_code = new.reset_index().set_index("unit_id")["code"]
    merged: dict[str, list[shapely.Geometry]] = {}
    for code, geometry in simple.items():
        merged.setdefault(new_code[successor[old.loc[code, "unit_id"]]], []).append(geometry)
    shapes = {PRE2025: simple, Y2025: {code: shapely.union_all(parts) for code, parts in sorted(merged.items())}}
    units = {PRE2025: old, Y2025: new}

    out: dict[str, dict] = {}
    for system in SYSTEMS:
        table = units[system]
        feats = [
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "kind": "province",
                    "unit_id": table.loc[code, "unit_id"],
                    "name": table.loc[code, "name"],
                    "short_name": table.loc[code, "short_name"],
                },
                "geometry": _rounded(geometry),
            }
            for code, geometry in shapes[system].items()
        ]
        for (fid, name_vi, name_en, old_code), geometry in islands:
            owner = old.loc[old_code, "unit_id"] if system == PRE2025 else successor[old.loc[old_code, "unit_id"]]
            feats.append(
                {
                    "type": "Feature",
                    "id": fid,
                    "properties": {"kind": "archipelago", "unit_id": owner, "name": name_vi, "name_en": name_en},
                    "geometry": _rounded(geometry),
                }
            )
        out[system] = {"type": "FeatureCollection", "features": feats}
    return out


def write(collections: dict[str, dict], geo_dir: Path = GEO_DIR) -> list[Path]:
    """One compact GeoJSON file per unit system (written whole, then moved into place)."""
    geo_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for system, collection in collections.items():
        target = geo_path(system, geo_dir)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written
