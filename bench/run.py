"""National-scale benchmark: build, page script times, Chromium latency, concurrent sessions, and a plain pandas
baseline, all in one run on one generated dataset; writes bench/results.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from bench import browser, load
from bench.server import serve
from core.units import unit_frames
from etl.sample import NATIONAL_YEARS, write_national

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "warm_page_ms": 150,
    "filter_change_ms": 1000,
    "concurrent_p95_ms": 2000,
    "build_s": 60,
    "build_rss_mb": 2048,
    "speedup": 5,
    "server_rss_mb": 1024,
}


def _years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("Chromium not found: install Debian's chromium package or set CHROMIUM_PATH")
    return path


def units_csv(path: Path) -> Path:
    """Unit code -> province and district, as a plain app would keep beside its data (the baseline's lookup)."""
    unit, _, _ = unit_frames()
    communes = unit[unit.level == "C"]
    names = unit.set_index("unit_id")["name"]
    frame = pd.DataFrame(
        {
            "system": communes["system"],
            "unit_code": communes["code"],
            "province": communes["province_id"].map(names),
            "district": communes["parent_id"].where(communes["system"] == "pre2025").map(names).fillna(""),
        }
    )
    frame.to_csv(path, index=False)
    return path


def build(data: Path, warehouse: Path) -> dict[str, float]:
    """A full build in its own process: wall time and that process's peak resident memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--data-dir", str(data), "--warehouse", str(warehouse)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        sys.exit("the build failed")
    return {"seconds": time.perf_counter() - started, "rss_mb": usage.ru_maxrss / 1024}


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    chromium = subprocess.run([_chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    packages = ["streamlit", "duckdb", "pandas", "pyarrow", "plotly", "playwright"]
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "RAM": f"{int(memory) / 1024 / 1024:.1f} GB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        **{name: version(name) for name in packages},
        "Chromium": chromium,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--years", type=_years, default=NATIONAL_YEARS, help="e.g. 2016-2026 (the default)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=10, help="browser navigations and changes (median, p95)")
    parser.add_argument("--provinces", type=int, default=6, help="provinces the page timings change between")
    parser.add_argument("--rounds", type=int, default=3, help="warm AppTest rounds over those provinces")
    parser.add_argument("--sessions", default="10,25", help="sessions at once, comma-separated")
    parser.add_argument("--tabs", default="10", help="Chromium tabs at once on this machine, comma-separated")
    parser.add_argument("--changes", type=int, default=4, help="province changes per Chromium tab")
    parser.add_argument("--work", type=Path, help="folder for the dataset and warehouse (default: a temporary one)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args(argv)
    chromium = _chromium()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    data, warehouse = work / "data", work / "data" / "warehouse.duckdb"
    shutil.rmtree(data, ignore_errors=True)

    started = time.perf_counter()
    long_file = write_national(data / "sample", args.years, args.seed)
    generated = time.perf_counter() - started
    rows = int(pd.read_parquet(long_file, columns=["year"]).shape[0])
    print(f"dataset: {rows:,} values, {long_file.stat().st_size / 1e6:.1f} MB, {generated:.1f} s", flush=True)
    units = units_csv(work / "units.csv")
    built = build(data, warehouse)
    print(f"build: {built['seconds']:.1f} s, peak {built['rss_mb']:.0f} MB", flush=True)

    worker = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.pages",
            "--provinces",
            str(args.provinces),
            "--rounds",
            str(args.rounds),
            "--long-file",
            str(long_file),
            "--units-file",
            str(units),
        ],
        cwd=ROOT,
        env={**os.environ, "WAREHOUSE_PATH": str(warehouse), "DATA_DIR": str(data)},
        capture_output=True,
        text=True,
    )
    if worker.returncode:
        sys.exit(worker.stderr[-4000:])
    scripts = json.loads(worker.stdout)
    print("page script times done", flush=True)

    names = scripts["provinces"]
    unit, _, _ = unit_frames()
    shorts = dict(zip(unit["name"], unit["short_name"], strict=False))
    provinces = [(shorts[n], n) for n in names]
    sessions = [int(n) for n in args.sessions.split(",") if n]
    # The server on one core, the browsers on the others: in use, the leaders' browsers run on their own
    # computers, not on the server's cores (with one core, they share it).
    cores = sorted(os.sched_getaffinity(0))
    server_cores, browser_cores = ({cores[0]}, set(cores[1:])) if len(cores) > 1 else (None, None)
    with serve(cpus=server_cores, WAREHOUSE_PATH=str(warehouse), DATA_DIR=str(data)) as (url, pid):
        if browser_cores:
            os.sched_setaffinity(0, browser_cores)  # Chromium, started from here, inherits it
        single = browser.run_single(url, chromium, provinces, args.runs, pid)
        print(f"browser: {single}", flush=True)
        crowd = [load.run_crowd(url, chromium, provinces, n, args.runs, pid) for n in sessions]
        print(f"sessions at once: {crowd}", flush=True)
        # Every session a Chromium tab, on the machine's cores shared with the server as they come.
        os.sched_setaffinity(0, cores)
    tabs = [int(n) for n in args.tabs.split(",") if n]
    with serve(WAREHOUSE_PATH=str(warehouse), DATA_DIR=str(data)) as (url, pid):
        crowded = [browser.run_concurrent(url, chromium, provinces, n, args.changes, pid) for n in tabs]
        print(f"Chromium tabs at once: {crowded}", flush=True)

    report = write_results(
        args.output,
        machine(),
        {"years": args.years, "seed": args.seed, "values": rows, "mb": long_file.stat().st_size / 1e6},
        built,
        scripts,
        single,
        crowd,
        crowded,
        server_cores is not None,
    )
    print(report)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def write_results(
    path: Path,
    about: dict[str, str],
    dataset: dict,
    built: dict[str, float],
    scripts: dict,
    single: dict[str, dict],
    crowd: list[dict[str, float]],
    crowded: list[dict[str, float]],
    pinned: bool,
) -> str:
    pages = {k: v for k, v in scripts["pages"].items() if k != "first_run_ms"}
    overview = pages["dashboard.py"]["warm_median"]
    baseline = scripts["baseline"]["warm_median"]
    years = dataset["years"]
    lines = [
        "# Benchmark results",
        "",
        f"One run of `python -m bench.run` on {datetime.now():%Y-%m-%d %H:%M}. Medians and ratios come from this one "
        "run; the machine is shared, so absolute times vary from run to run.",
        "",
        "## Machine",
        "",
        *(f"- {k}: {v}" for k, v in about.items()),
        "",
        "## Dataset",
        "",
        f"`python -m etl sample --scale national --years {years[0]}-{years[-1]} --seed {dataset['seed']}`: "
        f"{dataset['values']:,} values by commune ({dataset['mb']:.1f} MB Parquet).",
        "",
        "## Targets",
        "",
        "| measure | result | target | |",
        "|---|---|---|---|",
        f"| national build | {built['seconds']:.1f} s | ≤ {TARGETS['build_s']} s | "
        f"{_mark(built['seconds'] <= TARGETS['build_s'])} |",
        f"| national build, peak memory | {built['rss_mb']:.0f} MB | ≤ {TARGETS['build_rss_mb']} MB | "
        f"{_mark(built['rss_mb'] <= TARGETS['build_rss_mb'])} |",
        f"| slowest page, warm script time (median) | {max(p['warm_median'] for p in pages.values()):.0f} ms | "
        f"≤ {TARGETS['warm_page_ms']} ms | "
        f"{_mark(max(p['warm_median'] for p in pages.values()) <= TARGETS['warm_page_ms'])} |",
        f"| province change to updated chart, Chromium (median) | {single['filter_change']['median']:.0f} ms | "
        f"≤ {TARGETS['filter_change_ms']} ms | "
        f"{_mark(single['filter_change']['median'] <= TARGETS['filter_change_ms'])} |",
        *(
            f"| {c['sessions']} sessions at once, province change to updated chart in Chromium (p95) | "
            f"{c['probe_p95']:.0f} ms | "
            f"{'≤ ' + str(TARGETS['concurrent_p95_ms']) + ' ms' if c['sessions'] == 10 else '—'} | "
            f"{_mark(c['probe_p95'] <= TARGETS['concurrent_p95_ms']) if c['sessions'] == 10 else ''} |"
            for c in crowd
        ),
        *(
            f"| server memory with {c['sessions']} sessions (peak) | {c['server_rss_mb']:.0f} MB | "
            f"{'≤ ' + str(TARGETS['server_rss_mb']) + ' MB' if c['sessions'] == 25 else '—'} | "
            f"{_mark(c['server_rss_mb'] <= TARGETS['server_rss_mb']) if c['sessions'] == 25 else ''} |"
            for c in crowd
        ),
        f"| overview vs plain pandas page, warm script time | {baseline / overview:.1f}× faster "
        f"({overview:.0f} vs {baseline:.0f} ms) | ≥ {TARGETS['speedup']}× | "
        f"{_mark(baseline / overview >= TARGETS['speedup'])} |",
        "",
        "## Page script time (AppTest), province change",
        "",
        f"Changing between {', '.join(scripts['provinces'])}. Cold: the first change to each province with the "
        "query cache emptied (the disclosure plan, worked out once per build, kept). Warm: the same changes again. "
        f"The first run of the app after start (opening the warehouse, the disclosure plan): "
        f"{scripts['pages']['first_run_ms']['ms']:.0f} ms.",
        "",
        "| page | cold (median) | warm (median) | warm (p95) | runs |",
        "|---|---|---|---|---|",
        *(
            f"| `{page}` | {p['cold_median']:.0f} ms | {p['warm_median']:.0f} ms | {p['warm_p95']:.0f} ms "
            f"| {p['runs']} |"
            for page, p in pages.items()
        ),
        f"| baseline: `bench/baseline_app.py` | {scripts['baseline']['cold_median']:.0f} ms | "
        f"{baseline:.0f} ms | | {scripts['baseline']['runs']} |",
        "",
        "The baseline is the overview written as a typical Streamlit app: it reads the long Parquet file and a unit "
        "list with pandas on every rerun, joins, filters to the province and groups by year.",
        "",
        "## Chromium, one session",
        "",
        (
            "The server on one core, Chromium on the other (as a leader's browser runs on their own computer)."
            if pinned
            else "The server and Chromium share the machine's one core."
        ),
        "",
        "| measure | median | p95 | runs |",
        "|---|---|---|---|",
        f"| navigation to the first chart (new session) | {single['navigation']['median']:.0f} ms | "
        f"{single['navigation']['p95']:.0f} ms | {single['navigation']['runs']} |",
        f"| province change to the server's answer (the whole page sent) | "
        f"{single['filter_answer']['median']:.0f} ms | {single['filter_answer']['p95']:.0f} ms | "
        f"{single['filter_answer']['runs']} |",
        f"| province change to updated chart | {single['filter_change']['median']:.0f} ms | "
        f"{single['filter_change']['p95']:.0f} ms | {single['filter_change']['runs']} |",
        "",
        f"CPU time per province change: server {single['cpu_ms_per_change']['server']:.0f} ms, Chromium "
        f"{single['cpu_ms_per_change']['browser']:.0f} ms.",
        "",
        "## Sessions at once",
        "",
        "Each session changes province as fast as the server answers, with no pause to read: a real Chromium "
        "session's messages for its province changes, recorded in this run, replayed over the app's websocket by a "
        "light client per session (`bench/load.py`). Meanwhile one more session, in Chromium, changes province "
        f"{crowd[0]['probe_runs'] if crowd else 0} times and times the updated chart: what a leader sees while the "
        "others work. " + ("The server has one core to itself; the clients and Chromium the other." if pinned else ""),
        "",
        "| sessions | server answer (median) | server answer (p95) | changes | updated chart in Chromium (median) "
        "| updated chart in Chromium (p95) | server CPU per change | server memory (peak) |",
        "|---|---|---|---|---|---|---|---|",
        *(
            f"| {c['sessions']} | {c['answer_median']:.0f} ms | {c['answer_p95']:.0f} ms | {c['changes']} | "
            f"{c['probe_median']:.0f} ms | {c['probe_p95']:.0f} ms | {c['server_cpu_ms_per_change']:.0f} ms | "
            f"{c['server_rss_mb']:.0f} MB |"
            for c in crowd
        ),
        "",
        "## Chromium tabs at once",
        "",
        "Every session a tab of one headless Chromium on this same machine, sharing its cores with a freshly started "
        "server (the tabs' first runs overlap, so its memory is the cold-start case), each changing province as fast "
        "as it is answered. The browsers' rendering, not the server, sets these times: "
        "see the CPU time each spends per change.",
        "",
        "| tabs | server answer (median) | server answer (p95) | updated chart (median) | updated chart (p95) "
        "| changes | CPU per change: server | CPU per change: Chromium | server memory (peak) |",
        "|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {c['sessions']} | {c['answer_median']:.0f} ms | {c['answer_p95']:.0f} ms | {c['median']:.0f} ms | "
            f"{c['p95']:.0f} ms | {c['changes']} | {c['server_cpu_ms_per_change']:.0f} ms | "
            f"{c['browser_cpu_ms_per_change']:.0f} ms | {c['server_rss_mb']:.0f} MB |"
            for c in crowded
        ),
        "",
    ]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    sys.exit(main())
