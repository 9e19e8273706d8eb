"""Command line: python -m etl [--lang vi|en] build | load | loads | unload | validate | check | template | sample |
extract | geo. Each command is one entry of COMMANDS: its name, its help, its arguments and the function that runs
it; every message is a key of core.i18n.STRINGS, said in Vietnamese unless --lang or DASHBOARD_LANG says en."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core import audit, settings
from core.i18n import in_language, t
from core.problems import InputError, Problem
from core.units import UnitNotFound
from etl.build import (
    AuditNote,
    BuildError,
    LoadError,
    build,
    built_version,
    code_version,
    load,
    load_history,
    read_all,
    unload,
)
from etl.geo import GeoError
from etl.longform import ChangedError
from etl.quality import ConfigError, counted
from etl.sample import NATIONAL_YEARS, SAMPLE_DIR, write_national, write_samples
from etl.template import write_workbook

LANGS = ("vi", "en")
# Refusals said in one line, "LỖI …", with exit code 1 (as problems in input files are); others go up as they are.
REFUSALS = (UnitNotFound, BuildError, LoadError, ConfigError, GeoError, ChangedError, settings.SettingsError)


def default_language() -> str:
    """DASHBOARD_LANG when it is vi or en, as for the app; Vietnamese otherwise."""
    return settings.language()


def _years(text: str) -> list[int]:
    """ "2024" or "2016-2024"."""
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _plural(key: str, n: int, lang: str, **values: object) -> str:
    """A message with a count; key_1 is its singular (English only tells them apart)."""
    return t(key + ("_1" if n == 1 else ""), lang, n=n, **values)


def problem_text(problem: Problem, lang: str) -> str:
    """A located problem in the language asked for; in Vietnamese the same words as str(problem)."""
    where = [problem.file]
    if problem.sheet:
        where.append(t("etl_where_sheet", lang, sheet=problem.sheet))
    if problem.row:
        where.append(t("etl_where_row", lang, row=problem.row))
    if problem.column:
        where.append(t("etl_where_column", lang, column=problem.column))
    message, expected = problem.says(lang)
    text = f"{' › '.join(where)}: {message}"
    if expected:
        text += t("etl_problem_expected", lang, expected=expected)
    if problem.found is not None:
        text += t("etl_problem_found", lang, found=problem.found)
    return t("etl_error" if problem.severity == "error" else "etl_warning", lang, text=text)


def _error_text(exc: Exception, lang: str) -> str:
    """A refusal's message: exc.en in English when it has one (core.problems.Bilingual, BuildError)."""
    english = getattr(exc, "en", None)
    return english if lang == "en" and english else str(exc)


# ---------------------------------------------------------------------------------------------------------
# The commands: each adds its own arguments (helps in the language asked for) and runs with the parsed ones.
# ---------------------------------------------------------------------------------------------------------
Arguments = Callable[[argparse.ArgumentParser, str], None]


def _no_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    pass


def _build_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--if-missing", action="store_true", help=t("etl_help_if_missing", lang))


def _build(args: argparse.Namespace) -> int:
    warehouse = args.warehouse or settings.warehouse()
    if args.if_missing and warehouse.exists():
        print(t("etl_exists", args.lang, path=warehouse))
        return 0
    result = build(args.data_dir, warehouse)
    for note in result.notes:
        print(in_language(note, args.lang))
    print(t("etl_built", args.lang, path=result.warehouse, sources=result.sources, values=result.observations))
    print(in_language(result.quality, args.lang))
    return 0


def _files_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("files", nargs="+", type=Path)


def _audit_note(args: argparse.Namespace, **details: object) -> AuditNote:
    """Who runs the command, recorded where the settings say (audit.file), else beside the warehouse."""
    configured = settings.load(settings.read_secrets()).audit_file
    path = audit.path_for(configured, args.warehouse or settings.warehouse())
    return AuditNote(path, audit.system_user(), {**details, "via": "cli"})


def _load(args: argparse.Namespace) -> int:
    lang = args.lang
    note = _audit_note(args, files=[p.name for p in args.files])
    result = load(args.files, args.data_dir, args.warehouse, note)
    for warning in result.warnings:
        print(problem_text(warning, lang))
    for path in result.unchanged:
        print(t("etl_unchanged", lang, file=path.name))
    for path in result.added:
        print(t("etl_loaded", lang, file=path.name))
    if result.build:
        built = result.build
        print(t("etl_rebuilt", lang, path=built.warehouse, sources=built.sources, values=built.observations))
    return 0


def _loads(args: argparse.Namespace) -> int:
    lang = args.lang
    history = load_history(args.warehouse or settings.warehouse())
    if history.empty:
        print(t("etl_no_loads", lang))
    for r in history.itertuples():
        what = t("etl_load_what", lang, province=r.province, year=r.year, n=r.n_values) if r.province else "—"
        if r.status == "active":
            status = t("etl_load_active", lang)
        elif r.status == "missing":
            status = t("etl_load_missing", lang)
        elif r.status == "unloaded":
            status = t("etl_load_unloaded", lang, when=r.unloaded_at)
        else:
            status = t("etl_load_replaced", lang, by=r.replaced_by)
        print(f"{r.load_id:>4}  {r.loaded_at:%d/%m/%Y %H:%M}  {r.sha256[:12]}  {r.file_name}  {what}  {status}")
    return 0


def _unload_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("load_id", type=int)


def _unload(args: argparse.Namespace) -> int:
    result = unload(args.load_id, args.data_dir, args.warehouse, _audit_note(args, load_id=args.load_id))
    print(t("etl_unloaded", args.lang, load_id=args.load_id, path=result.warehouse, values=result.observations))
    return 0


def _validate(args: argparse.Namespace) -> int:
    for report in read_all(args.files, untrusted=True):
        for warning in report.warnings:
            print(problem_text(warning, args.lang))
        for sheet in report.sheets:
            where = " › ".join(filter(None, [report.path.name, sheet.sheet]))  # a long file has no sheets
            said = {"province": sheet.province.name, "year": sheet.year, "values": sheet.n_values}
            print(t("etl_valid", args.lang, where=where, units=len(sheet.units_listed), **said))
    return 0


def _check(args: argparse.Namespace) -> int:
    """Print every finding of the data-quality checks; 1 when one of them is an error."""
    from core.findings import SEVERITY_NAMES, describe, read_findings
    from core.indicators import TOPIC_NAMES, catalogue_frame

    lang = args.lang
    warehouse = args.warehouse or settings.warehouse()
    if not warehouse.exists() or built_version(warehouse) != code_version():
        print(t("etl_check_rebuild", lang, path=warehouse))
        build(args.data_dir, warehouse)
    found = read_findings(warehouse)
    if len(found.gaps):
        print(t("etl_check_gaps", lang, n=len(found.gaps)))
        for g in found.gaps.itertuples():
            if g.n_values == 0:
                missing = t("quality_nothing", lang)
            else:
                topics = ", ".join(in_language(TOPIC_NAMES[x], lang).lower() for x in g.topics)
                missing = t("etl_check_missing", lang, topics=topics)
            print(f"  {g.province_name} {g.year}  {g.unit_name}: {missing}")
    rules = found.rules.set_index("code")
    frame = catalogue_frame()
    names = dict(zip(frame["code"], frame[f"name_{lang}"], strict=True))
    for f in found.findings.to_dict("records"):
        rule = rules.loc[f["rule"]]
        where = f["source_url"] or " ".join(filter(None, [f["source_file"], f["row_ref"]]))
        line = {"province": f["province_name"], "unit": f["unit_name"], "year": f["year"], "where": where}
        print(
            t(
                "etl_check_finding",
                lang,
                severity=in_language(SEVERITY_NAMES[f["severity"]], lang),
                indicator=f[f"name_{lang}"],
                text=describe(f, rule, lang, names),
                rule=rule[f"title_{lang}"],
                sample=t("etl_check_sample", lang) if f["is_sample"] else "",
                **line,
            )
        )
    counts = found.findings["severity"].value_counts()
    said = counted(counts.to_dict(), lang) or t("etl_no_findings", lang)
    print(_plural("etl_check_total", len(found.gaps), lang, said=said))
    return 1 if "error" in counts else 0


def _template_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--province", required=True)
    p.add_argument("--year", required=True, type=_years, help=t("etl_help_years", lang))
    p.add_argument("-o", "--output", required=True, type=Path)


def _template(args: argparse.Namespace) -> int:
    path = write_workbook(args.output, args.province, args.year)
    print(t("etl_template_written", args.lang, path=path))
    return 0


def _sample_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("-o", "--output", type=Path, help=t("etl_help_sample_output", lang))
    p.add_argument("--scale", choices=("provinces", "national"), default="provinces")
    p.add_argument("--years", type=_years, help=t("etl_help_sample_years", lang))
    p.add_argument("--seed", type=int, default=0, help=t("etl_help_seed", lang))
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet", help=t("etl_help_format", lang))


def _sample(args: argparse.Namespace) -> int:
    if args.scale == "national":
        path = write_national(args.output or SAMPLE_DIR, args.years or NATIONAL_YEARS, args.seed, args.format)
        print(t("etl_written_mb", args.lang, path=path, mb=path.stat().st_size / 1e6))
    else:
        for path in write_samples(args.output or SAMPLE_DIR):
            print(t("etl_written", args.lang, path=path))
    return 0


def _extract_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("file", type=Path, nargs="+", help=t("etl_help_extract_file", lang))
    p.add_argument("--province", help=t("etl_help_extract_province", lang))
    p.add_argument("--year", type=int, help=t("etl_help_extract_year", lang))
    p.add_argument("-o", "--output", type=Path, help=t("etl_help_extract_output", lang))
    p.add_argument("--source", help=t("etl_help_extract_source", lang))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--accept", action="store_true", help=t("etl_help_accept", lang))
    mode.add_argument("--evaluate", action="store_true", help=t("etl_help_evaluate", lang))
    p.add_argument("--part", choices=("dev", "check"), help=t("etl_help_evaluate_part", lang))


def _extract(args: argparse.Namespace) -> int:
    from core.indicators import catalogue_frame
    from etl import extract, narrative

    lang = args.lang
    if args.evaluate:
        # Every wrong proposal and every miss of the part asked for (both by default), then the scores: each part
        # and both together, overall and by kind. Rules are tuned on --part dev only.
        result = extract.evaluate(*args.file)
        for key, outcome in (("etl_extra", "wrong"), ("etl_missed", "missed")):
            for i in result.of(outcome, args.part):
                said = {"indicator": i.indicator, "value": i.value, "year": i.year or "----", "quote": i.quote[:100]}
                print(t(key, lang, part=i.part, kind=i.kind, **said))
        for part in [args.part] if args.part else [*extract.PARTS, None]:
            for kind in [None, *result.kinds()]:
                score = result.score(part, kind)
                counts = {"right": score.right, "extra": score.wrong, "missed": score.missed}
                print(t("etl_evaluation", lang, part=part or "all", kind=kind or "all", precision=score.precision,
                        recall=score.recall, unscored=score.unscored, **counts))  # fmt: skip
        return 0
    args.file = args.file[0]  # reading a text or a review takes one file
    if args.accept:
        table = narrative.read_review(args.file)
        source = args.source or (table["source"].iloc[0] if "source" in table and len(table) else args.file.name)
        result = narrative.save(table, source, args.data_dir, args.warehouse)
        if result is None:
            print(t("etl_accepted_before", lang))
        else:
            print(t("etl_accepted", lang, n=int(table["accept"].sum()), path=result.warehouse))
        return 0
    text = extract.read_text(args.file)
    proposals = extract.extract(text, args.province, args.year)
    names = catalogue_frame().set_index("code")[f"name_{lang}"]
    for p in proposals:
        value = f"{p.value:,.10g}"
        if lang != "en":
            value = value.translate(str.maketrans(",.", ".,"))  # 1.234,5 as Vietnamese write it
        said = {"indicator": names[p.indicator], "kind": t(f"etl_kind_{p.kind}", lang), "quote": text[p.start : p.end]}
        print(
            t(
                "etl_proposal",
                lang,
                year=p.year or "----",
                where=", ".join(filter(None, [p.district, p.province])) or t("etl_unit_unknown", lang),
                value=value,
                approx=t("etl_approx", lang) if p.is_approx else "",
                start=p.start,
                end=p.end,
                **said,
            )
        )
    print(t("etl_proposed", lang, n=len(proposals), file=args.file.name))
    if args.output:
        table = narrative.review_table(proposals).assign(source=args.source or args.file.name)
        table.to_csv(args.output, index=False, encoding="utf-8-sig")
        print(t("etl_review_written", lang, path=args.output))
    return 0


def _geo_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--source", type=Path, help=t("etl_help_geo_source", lang))
    p.add_argument("-o", "--output", type=Path, help=t("etl_help_geo_output", lang))


def _geo(args: argparse.Namespace) -> int:
    from etl import geo

    collections = geo.derive(args.source or geo.SOURCE)
    for path in geo.write(collections, args.output or geo.GEO_DIR):
        print(t("etl_written_kb", args.lang, path=path, kb=path.stat().st_size // 1024))
    return 0


@dataclass(frozen=True)
class Command:
    name: str
    help: str  # a key of core.i18n.STRINGS
    arguments: Arguments  # adds the command's own arguments
    run: Callable[[argparse.Namespace], int]  # runs it with the parsed arguments; the exit code
    data: bool = False  # takes --warehouse and --data-dir


COMMANDS: tuple[Command, ...] = (
    Command("build", "etl_help_build", _build_arguments, _build, data=True),
    Command("load", "etl_help_load", _files_arguments, _load, data=True),
    Command("loads", "etl_help_loads", _no_arguments, _loads, data=True),
    Command("unload", "etl_help_unload", _unload_arguments, _unload, data=True),
    Command("validate", "etl_help_validate", _files_arguments, _validate),
    Command("check", "etl_help_check", _no_arguments, _check, data=True),
    Command("template", "etl_help_template", _template_arguments, _template),
    Command("sample", "etl_help_sample", _sample_arguments, _sample),
    Command("extract", "etl_help_extract", _extract_arguments, _extract, data=True),
    Command("geo", "etl_help_geo", _geo_arguments, _geo),
)


def parser(lang: str) -> argparse.ArgumentParser:
    """The whole command line, its helps in `lang` (also its --lang default)."""
    main_parser = argparse.ArgumentParser(prog="python -m etl", description=t("etl_cli_description", lang))
    main_parser.add_argument("--lang", choices=LANGS, default=lang, help=t("etl_help_lang", lang))
    sub = main_parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=t(command.help, lang))
        if command.data:
            p.add_argument("--warehouse", type=Path, help=t("etl_help_warehouse", lang))
            p.add_argument("--data-dir", type=Path, help=t("etl_help_data_dir", lang))
        command.arguments(p, lang)
        # --lang after the command too; left out, the one before it (or the default) stands.
        p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=t("etl_help_lang", lang))
        p.set_defaults(run=command.run)
    return main_parser


def _language(argv: Sequence[str] | None) -> str:
    """--lang wherever it is on the line, for the helps; the parser itself says so when it is wrong."""
    first = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    first.add_argument("--lang")
    try:
        given = first.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:
        given = None
    return given if given in LANGS else default_language()


def main(argv: list[str] | None = None) -> int:
    args = parser(_language(argv)).parse_args(argv)
    if getattr(args, "data_dir", None) and not getattr(args, "warehouse", None):
        # Another data folder means its own warehouse (unless WAREHOUSE_PATH names one): building a test folder
        # must never overwrite the dashboard's.
        args.warehouse = settings.warehouse({**os.environ, "DATA_DIR": str(args.data_dir)})
    try:
        return args.run(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem_text(problem, args.lang), file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(_plural("etl_refused", errors, args.lang), file=sys.stderr)
        return 1
    except REFUSALS as exc:
        print(t("etl_error", args.lang, text=_error_text(exc, args.lang)), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
