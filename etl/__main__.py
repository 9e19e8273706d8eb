"""Command line: python -m etl build | load | loads | unload | validate | check | template | sample | extract | geo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core import audit
from core.problems import InputError
from core.units import UnitNotFound
from etl.build import (
    BuildError,
    LoadError,
    build,
    built_version,
    code_version,
    default_warehouse,
    load,
    load_history,
    read_all,
    unload,
)
from etl.geo import GeoError
from etl.longform import ChangedError
from etl.quality import ConfigError
from etl.sample import NATIONAL_YEARS, SAMPLE_DIR, write_national, write_samples
from etl.template import write_workbook


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
    p = sub.add_parser(
        "check",
        help="chất lượng dữ liệu: đơn vị chưa báo cáo, quy tắc nhất quán, giá trị khác thường "
        "(mã thoát 1 khi có lỗi; mức lỗi đặt trong data/reference/quality.toml)",
    )
    common(p)
    p = sub.add_parser("template", help="tạo mẫu báo cáo của một tỉnh")
    p.add_argument("--province", required=True)
    p.add_argument("--year", required=True, type=_years, help="năm hoặc khoảng năm, ví dụ 2024 hoặc 2020-2024")
    p.add_argument("-o", "--output", required=True, type=Path)
    p = sub.add_parser(
        "sample",
        help="tạo các báo cáo minh họa của 5 tỉnh, 2016–2024; --scale national: cả nước theo xã, một tệp dạng dài",
    )
    p.add_argument("-o", "--output", type=Path, help="thư mục ghi (mặc định data/sample)")
    p.add_argument("--scale", choices=("provinces", "national"), default="provinces")
    p.add_argument("--years", type=_years, help="national: khoảng năm, mặc định 2016-2026")
    p.add_argument("--seed", type=int, default=0, help="national: cùng seed cho cùng số liệu")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="national: định dạng tệp")
    p = sub.add_parser(
        "extract",
        help="đề xuất số liệu từ văn bản (.txt, .docx); --accept nạp bảng đã duyệt; --evaluate đo độ chính xác",
    )
    common(p)
    p.add_argument("file", type=Path, help="văn bản, bảng đề xuất đã duyệt (--accept) hoặc CSV số liệu công bố")
    p.add_argument("--province", help="tỉnh của văn bản, khi văn bản không nêu")
    p.add_argument("--year", type=int, help="năm của văn bản, khi văn bản không ghi ngày")
    p.add_argument("-o", "--output", type=Path, help="ghi bảng đề xuất ra CSV để duyệt")
    p.add_argument("--source", help="nguồn (đường dẫn hoặc tên văn bản); mặc định tên tệp")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--accept", action="store_true", help="nạp các dòng accept=true của bảng đã duyệt")
    mode.add_argument("--evaluate", action="store_true", help="đo precision và recall trên cột quote")
    p = sub.add_parser("geo", help="dựng lại ranh giới tỉnh rút gọn (static/geo) từ tệp Natural Earth")
    p.add_argument("--source", type=Path, help="GeoJSON cấp tỉnh của Natural Earth (mặc định trong data/reference/geo)")
    p.add_argument("-o", "--output", type=Path, help="thư mục ghi (mặc định static/geo)")
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
            print(result.quality)
        elif args.command == "load":
            result = load(args.files, args.data_dir, args.warehouse)
            audit.record(
                audit.default_path((args.warehouse or default_warehouse()).parent),
                "load",
                audit.system_user(),
                files=[p.name for p in args.files],
                added=[p.name for p in result.added],
                via="cli",
            )
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
            log = audit.default_path((args.warehouse or default_warehouse()).parent)
            audit.record(log, "unload", audit.system_user(), load_id=args.load_id, via="cli")
            print(f"Đã gỡ lần nạp {args.load_id}; đã dựng lại {result.warehouse}: {result.observations} giá trị")
        elif args.command == "validate":
            reports = read_all(args.files)
            for report in reports:
                for warning in report.warnings:
                    print(warning)
                for sheet in report.sheets:
                    where = " › ".join(filter(None, [report.path.name, sheet.sheet]))  # a long file has no sheets
                    print(
                        f"{where}: {sheet.province.name} năm {sheet.year}, "
                        f"{len(sheet.units_listed)} đơn vị, {sheet.n_values} giá trị — hợp lệ"
                    )
        elif args.command == "check":
            return _check(args)
        elif args.command == "template":
            path = write_workbook(args.output, args.province, args.year)
            print(f"Đã tạo mẫu báo cáo {path}")
        elif args.command == "extract":
            return _extract(args)
        elif args.command == "sample":
            if args.scale == "national":
                path = write_national(args.output or SAMPLE_DIR, args.years or NATIONAL_YEARS, args.seed, args.format)
                print(f"Đã tạo {path} ({path.stat().st_size / 1e6:.1f} MB)")
            else:
                for path in write_samples(args.output or SAMPLE_DIR):
                    print(f"Đã tạo {path}")
        elif args.command == "geo":
            from etl import geo

            collections = geo.derive(args.source or geo.SOURCE)
            for path in geo.write(collections, args.output or geo.GEO_DIR):
                print(f"Đã ghi {path} ({path.stat().st_size // 1024} KB)")
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} lỗi; không nạp gì, kho dữ liệu giữ nguyên.", file=sys.stderr)
        return 1
    except (UnitNotFound, BuildError, LoadError, ConfigError, GeoError, ChangedError) as exc:
        print(f"LỖI {exc}", file=sys.stderr)
        return 1
    return 0


def _check(args: argparse.Namespace) -> int:
    """Print every finding of the data-quality checks; 1 when one of them is an error."""
    from core.findings import SEVERITY_NAMES, describe, read_findings
    from core.indicators import TOPIC_NAMES, catalogue_frame

    warehouse = args.warehouse or default_warehouse()
    if not warehouse.exists() or built_version(warehouse) != code_version():
        print(f"Dựng lại {warehouse} (chưa có, hoặc dựng bằng phiên bản cũ)…")
        build(args.data_dir, warehouse)
    found = read_findings(warehouse)
    if len(found.gaps):
        print(f"Đơn vị chưa báo cáo đủ ({len(found.gaps)}):")
        for g in found.gaps.itertuples():
            missing = (
                "không báo cáo gì"
                if g.n_values == 0
                else "thiếu " + ", ".join(TOPIC_NAMES[t][0].lower() for t in g.topics)
            )
            print(f"  {g.province_name} {g.year}  {g.unit_name}: {missing}")
    rules = found.rules.set_index("code")
    frame = catalogue_frame()
    names = dict(zip(frame["code"], frame["name_vi"], strict=True))
    for f in found.findings.to_dict("records"):
        rule = rules.loc[f["rule"]]
        text = describe(f, rule, "vi", names)
        where = f["source_url"] or " ".join(filter(None, [f["source_file"], f["row_ref"]]))
        sample = " (minh họa)" if f["is_sample"] else ""
        print(
            f"[{SEVERITY_NAMES[f['severity']][0]}] {f['province_name']} › {f['unit_name']} › {f['year']} › "
            f"{f['name_vi']}: {text}  — {rule['title_vi']}; nguồn: {where}{sample}"
        )
    counts = found.findings["severity"].value_counts()
    said = ", ".join(f"{counts[s]} {SEVERITY_NAMES[s][0]}" for s in SEVERITY_NAMES if s in counts)
    print(f"Tổng: {said or 'không có phát hiện nào'}; {len(found.gaps)} lượt đơn vị chưa báo cáo đủ.")
    return 1 if "error" in counts else 0


def _extract(args: argparse.Namespace) -> int:
    from core.indicators import catalogue_frame
    from etl import extract, narrative

    if args.evaluate:
        result = extract.evaluate(args.file)
        for quote, indicator, value in result.false_positives:
            print(f"thừa     {indicator} = {value:g}  «{quote[:100]}»")
        for quote, indicator, value in result.misses:
            print(f"bỏ sót   {indicator} = {value:g}  «{quote[:100]}»")
        print(
            f"precision {result.precision:.3f} "
            f"({len(result.true_positives)} đúng, {len(result.false_positives)} thừa); "
            f"recall {result.recall:.3f} ({len(result.misses)} bỏ sót); "
            f"{result.unscored} không chấm (tệp ghi ở câu khác hoặc là 'other'); {result.targets} chỉ tiêu"
        )
        return 0
    if args.accept:
        table = narrative.read_review(args.file)
        source = args.source or (table["source"].iloc[0] if "source" in table and len(table) else args.file.name)
        result = narrative.save(table, source, args.data_dir, args.warehouse)
        if result is None:
            print("Các số liệu này đã được nạp trước đây, không thay đổi.")
        else:
            print(f"Đã nạp {int(table['accept'].sum())} số liệu; đã dựng lại {result.warehouse}")
        return 0
    text = extract.read_text(args.file)
    proposals = extract.extract(text, args.province, args.year)
    names = catalogue_frame().set_index("code")["name_vi"]
    kinds = {"result": "kết quả", "target": "chỉ tiêu", "change_target": "chỉ tiêu thay đổi (%)"}
    for p in proposals:
        where = ", ".join(filter(None, [p.district, p.province])) or "chưa rõ đơn vị"
        approx = " (ước)" if p.is_approx else ""
        value = f"{p.value:,.10g}".translate(str.maketrans(",.", ".,"))  # 1.234,5 as Vietnamese write it
        print(
            f"{p.year or '----'}  {where}  {names[p.indicator]} = {value}{approx}  [{kinds[p.kind]}]  "
            f"ký tự {p.start}–{p.end}: «{text[p.start : p.end]}»"
        )
    print(f"{len(proposals)} số liệu đề xuất từ {args.file.name}")
    if args.output:
        table = narrative.review_table(proposals).assign(source=args.source or args.file.name)
        table.to_csv(args.output, index=False, encoding="utf-8-sig")
        print(f"Đã ghi bảng để duyệt {args.output}: sửa, đặt accept=false cho dòng bỏ, rồi chạy extract --accept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
