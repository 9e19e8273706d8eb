"""`etl validate` on a 200,000-row sheet (a household register uploaded by mistake): median seconds, peak memory.

    .venv/bin/python -m bench.validate [--runs 5] [--rows 200000]

Each run is a fresh `python -m etl validate` process, timed from start to exit; the peak is the largest resident
set any of them reached (the command exits 1: the file is refused, which is the point)."""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def register(folder: Path, rows: int) -> Path:
    """Rows of a household register (name; year of birth; address; people), as tests.hostile_files makes it."""
    path = folder / "so-ho-khau.csv"
    lines = ["Họ và tên;Năm sinh;Địa chỉ;Số nhân khẩu"] + [
        f"Nguyễn Văn {i};19{i % 90 + 10};Thôn {i % 40}, xã Tam Hồng;{i % 7 + 1}" for i in range(rows)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = register(Path(folder), args.rows)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run = subprocess.run(
                [sys.executable, "-m", "etl", "validate", str(path)], cwd=ROOT, capture_output=True, check=False
            )
            times.append(time.perf_counter() - started)
        said = (run.stdout + run.stderr).decode("utf-8", "replace").strip().splitlines()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = path.stat().st_size / 2**20
    print(f"etl validate, {args.rows:,} rows ({size_mb:.1f} MB CSV), {args.runs} runs")
    median, low, high = statistics.median(times), min(times), max(times)
    print(f"median {median:.2f} s (min {low:.2f}, max {high:.2f}); peak {peak_mb:.0f} MB")
    print(f"exit {run.returncode}: {said[0] if said else ''}")


if __name__ == "__main__":
    main()
