"""The benchmark runs end to end on a tiny national dataset (its timings are not judged here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.run import main

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # the whole benchmark on one year: about a minute


def test_the_benchmark_runs_on_a_tiny_dataset(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    args = [
        "--years",
        "2024",
        "--runs",
        "2",
        "--provinces",
        "2",
        "--rounds",
        "1",
        "--sessions",
        "2",
        "--tabs",
        "2",
        "--changes",
        "1",
    ]
    assert main([*args, "--work", str(tmp_path / "work"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| national build |" in text and "| `pages/5_bao_luc.py` |" in text
    assert "| 2 sessions at once, province change to updated chart in Chromium (p95) |" in text
    assert text.count("\n| 2 | ") == 2  # the replayed sessions, and the Chromium tabs
    assert "overview vs plain pandas page" in text
