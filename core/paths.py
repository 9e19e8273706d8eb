"""Where the project keeps its reference data and the files it serves."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference"
GEO_DIR = ROOT / "static" / "geo"  # province outlines the browser fetches by address


def geo_path(system: str, geo_dir: Path = GEO_DIR) -> Path:
    """The province outlines of one unit system, as `etl geo` writes them and the maps read them."""
    return geo_dir / f"provinces_{system}.geojson"
