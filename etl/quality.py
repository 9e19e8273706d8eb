"""Data-quality checks run at every build: completeness, consistency rules and outliers, kept in the warehouse."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from core.findings import SEVERITIES
from core.i18n import t
from core.problems import Bilingual

QUALITY_CONFIG = Path(__file__).resolve().parent.parent / "data" / "reference" / "quality.toml"
# The checks' SQL: <rule code>.sql for each rule, and shared pieces whose names start with _.
CHECKS_DIR = Path(__file__).resolve().parent / "sql" / "checks"
# Totals and the parts that make them up: each case has one main form, each person one sex.
BREAKDOWNS = {
    "dv_cases": ("dv_cases_mental", "dv_cases_physical", "dv_cases_sexual", "dv_cases_economic"),
    "victims_total": ("victims_female", "victims_male"),
    "perpetrators_total": ("perpetrators_male", "perpetrators_female"),
}


def check_sql(name: str) -> str:
    """The SQL of etl/sql/checks/<name>.sql, read at each use; a shared piece named in braces ({_spread}) is
    written in its place."""
    text = (CHECKS_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return re.sub(r"\{(_[a-z_]+)\}", lambda m: check_sql(m.group(1)).strip(), text)


@dataclass(frozen=True)
class Rule:
    """What a rule is, beside its SQL in etl/sql/checks/<code>.sql (which returns some columns of dq_finding_raw;
    its $names are the rule's settings in quality.toml, or fixed ones from _FIXED)."""

    code: str
    kind: str  # consistency | outlier
    title: tuple[str, str]  # vi, en
    message: tuple[str, str]  # str.format: {value} {other} {other_value} {year} {other_year} {low} {high} {score}
    params: tuple[str, ...] = ()

    @property
    def sql(self) -> str:
        return check_sql(self.code)


RULES: tuple[Rule, ...] = (
    Rule(
        "breakdown_total",
        "consistency",
        ("Các phần không khớp tổng", "Parts do not add up to the total"),
        (
            "Tổng là {value}, nhưng cộng các phần chia ra là {other_value}",
            "The total is {value}, but its parts add up to {other_value}",
        ),
    ),
    Rule(
        "part_exceeds_whole",
        "consistency",
        ("Phần lớn hơn tổng", "A part larger than its whole"),
        (
            "{value}, lớn hơn {other} ({other_value})",
            "{value}, more than {other} ({other_value})",
        ),
    ),
    Rule(
        "ratio_range",
        "consistency",
        ("Tỷ lệ ngoài 0–100%", "A share outside 0–100%"),
        ("{value}%, ngoài khoảng 0–100%", "{value}%, outside 0–100%"),
    ),
    Rule(
        "stock_jump",
        "consistency",
        ("Số hiện có thay đổi đột ngột", "A stock changes abruptly"),
        (
            "{other_value} năm {other_year} thành {value} năm {year}: thay đổi hơn {factor} lần trong một năm",
            "{other_value} in {other_year} to {value} in {year}: more than {factor} times in one year",
        ),
        ("factor", "min_value"),
    ),
    Rule(
        "flow_to_zero",
        "consistency",
        ("Bằng 0 sau nhiều năm lớn", "Zero after large years"),
        (
            "Bằng 0 năm {year}, trong khi ba năm trước trung bình {other_value}",
            "Zero in {year}, after an average of {other_value} in the three years before",
        ),
        ("min_previous",),
    ),
    Rule(
        "published_mismatch",
        "consistency",
        ("Khác số liệu đã công bố", "Differs from a published figure"),
        (
            "Số báo cáo {value} khác số đã công bố {other_value} (lệch {score}%)",
            "Reported {value}, published {other_value} ({score}% apart)",
        ),
        ("tolerance", "tolerance_approx"),
    ),
    Rule(
        "outlier_series",
        "outlier",
        ("Khác thường so với các năm của chính đơn vị", "Unusual for the unit's own years"),
        (
            "{value}, ngoài khoảng thường thấy của đơn vị này năm {year} ({low}–{high}); điểm z hiệu chỉnh {score}",
            "{value}, outside this unit's usual range for {year} ({low}–{high}); modified z-score {score}",
        ),
        ("threshold", "min_points", "min_difference", "min_relative"),
    ),
    Rule(
        "outlier_units",
        "outlier",
        ("Khác thường so với các đơn vị trong tỉnh", "Unusual among the province's units"),
        (
            "{value} nằm ngoài khoảng thường thấy trong tỉnh năm {year} ({low}–{high}); điểm z hiệu chỉnh {score}",
            "{value} is outside the province's usual range in {year} ({low}–{high}); modified z-score {score}",
        ),
        ("threshold", "min_units", "min_relative"),
    ),
)
RULE_BY_CODE = {r.code: r for r in RULES}
# Settings every rule's SQL takes besides its own, from this module rather than the configuration.
_FIXED = {
    "breakdown_total": {
        "totals": [total for total, parts in BREAKDOWNS.items() for _ in parts],
        "parts": [p for parts in BREAKDOWNS.values() for p in parts],
    },
    "part_exceeds_whole": {"parts": [p for parts in BREAKDOWNS.values() for p in parts]},
}


def definition() -> str:
    """What of this module shapes the warehouse (each rule but its SQL, and the fixed settings), for the build's
    fingerprint: a comment here changes nothing, a rule's message or its settings do."""
    return repr((RULES, sorted(_FIXED.items())))


class ConfigError(Bilingual):
    """The quality configuration is wrong; the message names the file, the rule and the setting."""


@dataclass(frozen=True)
class Setting:
    severity: str
    params: dict[str, float]


def read_config(path: Path = QUALITY_CONFIG) -> dict[str, Setting]:
    """Severity and thresholds of every rule; every problem in the file is said at once."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        said = (t("etl_config_unreadable", lang, file=path.name, error=exc) for lang in ("vi", "en"))
        raise ConfigError(*said) from exc
    problems: list[tuple[str, dict[str, object]]] = [
        ("etl_config_unknown_rule", {"rule": name}) for name in raw if name not in RULE_BY_CODE
    ]
    settings: dict[str, Setting] = {}
    for rule in RULES:
        entry = raw.get(rule.code)
        if not isinstance(entry, dict):
            problems.append(("etl_config_missing_rule", {"rule": rule.code}))
            continue
        severity = entry.get("severity")
        if severity not in SEVERITIES:
            allowed = ", ".join(SEVERITIES)
            problems.append(("etl_config_severity", {"rule": rule.code, "value": severity, "allowed": allowed}))
        params: dict[str, float] = {}
        for name in rule.params:
            value = entry.get(name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                problems.append(("etl_config_not_a_number", {"rule": rule.code, "name": name, "value": value}))
            else:
                params[name] = float(value)
        problems += [
            ("etl_config_unused", {"rule": rule.code, "name": name})
            for name in entry
            if name != "severity" and name not in rule.params
        ]
        settings[rule.code] = Setting(str(severity), params)
    if problems:
        vi, en = ("; ".join(t(key, lang, file=path.name, **said) for key, said in problems) for lang in ("vi", "en"))
        raise ConfigError(vi, en)
    return settings


def run_checks(con: duckdb.DuckDBPyConnection, config: Mapping[str, Setting]) -> None:
    """Fill dq_rule, dq_finding and dq_completeness of a warehouse being built (its marts already there)."""
    con.execute(check_sql("_leaf"))
    rules = pd.DataFrame(
        [
            {
                "code": r.code,
                "kind": r.kind,
                "severity": config[r.code].severity,
                "title_vi": r.title[0],
                "title_en": r.title[1],
                "message_vi": r.message[0],
                "message_en": r.message[1],
                "settings": ", ".join(f"{k} = {v:g}" for k, v in config[r.code].params.items()),
                "sort_order": i,
            }
            for i, r in enumerate(RULES)
        ]
    )
    con.register("frame", rules)
    con.execute("INSERT INTO dq_rule BY NAME SELECT * FROM frame")
    con.unregister("frame")
    con.execute(check_sql("_raw"))
    for rule in RULES:
        params = {**config[rule.code].params, **_FIXED.get(rule.code, {})}
        con.execute(f"CREATE OR REPLACE TEMP TABLE dq_rule_out AS {rule.sql}", params)  # the SQL is ours
        # BY NAME: a column a rule does not give is NULL.
        con.execute("INSERT INTO dq_finding_raw BY NAME SELECT $rule AS rule, * FROM dq_rule_out", {"rule": rule.code})
    con.execute(check_sql("_finding"))
    con.execute(check_sql("_completeness"))


def counted(counts: Mapping[str, int], lang: str = "vi") -> str:
    """ "4 cảnh báo, 59 lưu ý": findings by severity, most severe first; "" when there are none."""
    return ", ".join(
        t(f"etl_count_{s}" + ("_1" if counts[s] == 1 else ""), lang, n=counts[s]) for s in SEVERITIES if counts.get(s)
    )


def summary(con: duckdb.DuckDBPyConnection, lang: str = "vi") -> str:
    """One line for the build: how many findings of each severity, and gaps in reporting."""
    counts = dict(con.execute("SELECT severity, count(*) FROM dq_finding GROUP BY ALL").fetchall())
    gaps = con.execute(
        "SELECT count(*) FROM (SELECT unit_id, year FROM dq_completeness GROUP BY ALL HAVING sum(n_values) = 0)"
    ).fetchone()[0]
    found = counted(counts, lang) or t("etl_no_findings", lang)
    missing = t("etl_quality_silent" + ("_1" if gaps == 1 else ""), lang, n=gaps) if gaps else ""
    return t("etl_quality_summary", lang, found=found, missing=missing)
