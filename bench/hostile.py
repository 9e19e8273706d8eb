"""Every hostile file of tests/hostile_files.py through `python -m etl validate`: wall time and peak memory of each.

python -m bench.hostile            # a Markdown table: file, answer, seconds, MB (the largest process)"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests import hostile_files

ROOT = Path(__file__).resolve().parent.parent


_PROBE = """
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "etl", "validate", sys.argv[1]], capture_output=True, text=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(((run.stderr or run.stdout).strip().splitlines() or [""])[0])
"""


def measure(path: Path) -> tuple[float, float, str]:
    """Seconds, peak MB of the largest process (the command, or the worker it read the file in), and the first
    line it printed. Each file is measured from its own parent process, so peaks do not carry over."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    elapsed = time.perf_counter() - started
    peak_kb, said = (run.stdout.splitlines() + ["", ""])[:2]
    return elapsed, int(peak_kb) / 1024, said


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for make in [hostile_files.good, *hostile_files.CASES]:
            sub = Path(folder) / make.__name__
            sub.mkdir()
            path = make(sub)
            seconds, mb, said = measure(path)
            rows.append(
                f"| {make.__name__} | {path.stat().st_size / 2**20:.2f} MB | {seconds:.1f} s | {mb:.0f} | {said[:90]} |"
            )
    print("| file | size | time | peak MB | answer |\n|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
