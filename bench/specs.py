"""Every chart's Plotly spec on every page, both languages and both unit systems, as one JSON file.

A refactor that should change nothing on screen is checked by running this before and after and comparing:
    python -m bench.specs -o before.json   ...change...   python -m bench.specs -o after.json
    cmp before.json after.json
Pages are keyed by their menu entry, not their file name, so renaming a page file keeps the comparison."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import queries
from analytics.frame import PAGES
from core.units import PRE2025, Y2025

ROOT = Path(__file__).resolve().parent.parent


def _state(at: AppTest) -> dict[str, object]:
    """What a reader sees besides charts: titles, captions, metrics, messages (as text)."""
    return {
        "title": [e.value for e in at.title],
        "caption": [e.value for e in at.caption],
        "metric": [(e.label, e.value) for e in at.metric],
        "info": [e.value for e in at.info],
        "warning": [e.value for e in at.warning],
        "markdown": [e.value for e in at.markdown],
    }


def specs(limit: int | None = None) -> dict[str, object]:
    out: dict[str, object] = {}
    for system in (PRE2025, Y2025):
        ids = list(queries.provinces_with_data(system)["unit_id"])[:limit]
        for lang in ("vi", "en"):
            for province in ids:
                at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300).run()
                at.radio(key="units").set_value(system).run()
                at.selectbox(key="province").select(province).run()
                if lang != "vi":
                    at.radio(key="lang").set_value(lang).run()
                for path, nav_key, _ in PAGES:
                    at.switch_page(path).run()
                    if at.exception:
                        raise RuntimeError(f"{path}: {at.exception[0].message}")
                    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
                    out[f"{system}|{lang}|{province}|{nav_key}"] = {"charts": charts, **_state(at)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--limit", type=int, help="at most this many provinces per unit system")
    args = parser.parse_args()
    args.output.write_text(json.dumps(specs(args.limit), ensure_ascii=False, sort_keys=True, indent=1))


if __name__ == "__main__":
    main()
