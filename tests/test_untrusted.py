"""Files from outside: refused from their bytes in seconds with a Vietnamese reason, or read in a limited worker."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from etl import untrusted
from etl.readers import read_report
from tests import hostile_files


@pytest.mark.parametrize("make", list(hostile_files.CASES), ids=lambda m: m.__name__)
def test_a_hostile_file_is_refused_quickly_and_says_why(make: Callable[[Path], Path], tmp_path: Path) -> None:
    path = make(tmp_path)
    started = time.perf_counter()
    report, problems = untrusted.read_untrusted(path)
    elapsed = time.perf_counter() - started
    assert report is None
    said, _ = problems[0].says("vi")
    assert said.startswith(hostile_files.CASES[make]), said
    assert problems[0].file == path.name and "Traceback" not in str(problems[0])
    assert problems[0].says("en")[0] != said  # English too, never the library's words
    assert elapsed < 10


def test_a_good_report_reads_the_same_through_the_worker(tmp_path: Path) -> None:
    path = hostile_files.good(tmp_path)
    report, problems = untrusted.read_untrusted(path)
    direct, direct_problems = read_report(path)
    assert report is not None and direct is not None
    assert report.path == path and report.sha256 == direct.sha256
    assert [p.says("vi") for p in problems] == [p.says("vi") for p in direct_problems]
    assert report.value_frame().equals(direct.value_frame())


def test_a_file_that_slips_past_the_inspection_kills_only_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were the inspection to miss a far cell, the spreadsheet library aborts or runs out of memory in the
    # worker: this process carries on and the officer reads why.
    monkeypatch.setattr(untrusted, "inspect", lambda path, max_bytes=None: [])
    report, problems = untrusted.read_untrusted(hostile_files.far_cell(tmp_path))
    assert report is None
    assert problems[0].says("vi")[0] == "không đọc được tệp: tệp cần quá nhiều bộ nhớ hoặc thời gian"


def test_a_national_long_form_file_is_not_bounded_like_an_upload(tmp_path: Path) -> None:
    path = tmp_path / "ca-nuoc.csv"
    path.write_text("year,level,unit_code,indicator,value\n" + "2024,C,00001,hotlines,3\n" * 600_000, encoding="utf-8")
    assert path.stat().st_size > untrusted.MAX_BYTES
    assert untrusted.inspect(path, max_bytes=None) == []
    assert untrusted.inspect(path)[0].says("vi")[0] == "tệp quá lớn"


@pytest.mark.parametrize(
    "name",
    ["../../etc/vinh-phuc-2024.xlsx", "báo cáo\u2028🙂 vinh-phuc-2024.xlsx", "=cmd|' /C calc'!A0 vinh-phuc-2024.xlsx"],
)
def test_an_upload_is_read_under_its_own_name_and_never_stays(name: str, fixture_reports: list[Path]) -> None:
    from analytics.imports import staged

    data = fixture_reports[0].read_bytes()  # Vĩnh Phúc 2023 and 2024
    with staged(name, data) as path:
        assert path.parent.name.startswith("nhap-") and path.name == Path(name).name  # never a path it chose
        report, problems = untrusted.read_untrusted(path)
        assert report is not None and report.path.name == Path(name).name
        assert [(s.province.name, s.year) for s in report.sheets] == [
            ("Tỉnh Vĩnh Phúc", 2023),
            ("Tỉnh Vĩnh Phúc", 2024),
        ]
    assert not path.exists() and not path.parent.exists()
