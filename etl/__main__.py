"""Command line: python -m etl build | load | loads | unload | validate | template | sample."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import (
    BuildError,
    LoadError,
    build,
    default_warehouse,
    load,
    load_history,
    read_all,
    unload,
)
from etl.problems import InputError
from etl.sample import SAMPLE_DIR, write_samples
from etl.template import write_workbook
from etl.units import UnitNotFound


def _years(text: str) -> list[int]:
    """ "2024" or "2016-2024"."""
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Kho dữ liệu công tác gia đình")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--warehouse", type=Path, help="tệp DuckDB (mặc định WAREHOUSE_PATH hoặc data/)")
        p.add_argument("--data-dir", type=Path, help="thư mục data/ (mặc định DATA_DIR hoặc data/)")

    p = sub.add_parser("build", help="dựng lại kho dữ liệu từ mọi tệp trong data/")
    common(p)
    p.add_argument("--if-missing", action="store_true", help="chỉ dựng khi chưa có kho")
    p = sub.add_parser("load", help="kiểm tra và nạp báo cáo (tất cả hoặc không gì)")
    common(p)
    p.add_argument("files", nargs="+", type=Path)
    p = sub.add_parser("loads", help="lịch sử nạp: tệp, tỉnh, năm, số giá trị, lúc nạp, trạng thái")
    common(p)
    p = sub.add_parser("unload", help="gỡ một lần nạp (tệp được giữ lại trong data/reports/unloaded/)")
    common(p)
    p.add_argument("load_id", type=int)
    p = sub.add_parser("validate", help="chỉ kiểm tra báo cáo, không nạp")
    p.add_argument("files", nargs="+", type=Path)
    p = sub.add_parser("template", help="tạo mẫu báo cáo của một tỉnh")
    p.add_argument("--province", required=True)
    p.add_argument("--year", required=True, type=_years, help="năm hoặc khoảng năm, ví dụ 2024 hoặc 2020-2024")
    p.add_argument("-o", "--output", required=True, type=Path)
    p = sub.add_parser("sample", help="tạo các báo cáo minh họa của 5 tỉnh, 2016–2024")
    p.add_argument("-o", "--output", type=Path, default=SAMPLE_DIR)
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            warehouse = args.warehouse or default_warehouse()
            if args.if_missing and warehouse.exists():
                print(f"Kho dữ liệu đã có: {warehouse}")
                return 0
            result = build(args.data_dir, warehouse)
            for note in result.notes:
                print(note)
            print(f"Đã dựng {result.warehouse}: {result.sources} nguồn, {result.observations} giá trị")
        elif args.command == "load":
            result = load(args.files, args.data_dir, args.warehouse)
            for warning in result.warnings:
                print(warning)
            for path in result.unchanged:
                print(f"{path.name}: đã nạp trước đây, không thay đổi")
            for path in result.added:
                print(f"Đã nạp {path.name}")
            if result.build:
                print(
                    f"Đã dựng lại {result.build.warehouse}: {result.build.sources} nguồn, "
                    f"{result.build.observations} giá trị"
                )
        elif args.command == "loads":
            history = load_history(args.warehouse or default_warehouse())
            if history.empty:
                print("Chưa nạp báo cáo nào.")
            for r in history.itertuples():
                where = f"{r.province} năm {r.year:.0f}, {r.n_values:.0f} giá trị" if r.province else "—"
                if r.status == "active":
                    status = "đang dùng"
                elif r.status == "missing":
                    status = "THIẾU TỆP trong data/reports/"
                elif r.status == "unloaded":
                    status = f"đã gỡ {r.unloaded_at:%d/%m/%Y %H:%M}"
                else:
                    status = f"đã được lần nạp {r.replaced_by:.0f} thay"
                print(
                    f"{r.load_id:>4}  {r.loaded_at:%d/%m/%Y %H:%M}  {r.sha256[:12]}  {r.file_name}  {where}  {status}"
                )
        elif args.command == "unload":
            result = unload(args.load_id, args.data_dir, args.warehouse)
            print(f"Đã gỡ lần nạp {args.load_id}; đã dựng lại {result.warehouse}: {result.observations} giá trị")
        elif args.command == "validate":
            reports = read_all(args.files)
            for report in reports:
                for warning in report.warnings:
                    print(warning)
                for sheet in report.sheets:
                    print(
                        f"{report.path.name} › {sheet.sheet}: {sheet.province.name} năm {sheet.year}, "
                        f"{len(sheet.units_listed)} đơn vị, {len(sheet.values)} giá trị — hợp lệ"
                    )
        elif args.command == "template":
            path = write_workbook(args.output, args.province, args.year)
            print(f"Đã tạo mẫu báo cáo {path}")
        elif args.command == "sample":
            for path in write_samples(args.output):
                print(f"Đã tạo {path}")
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} lỗi; không nạp gì, kho dữ liệu giữ nguyên.", file=sys.stderr)
        return 1
    except (UnitNotFound, BuildError, LoadError) as exc:
        print(f"LỖI {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
