"""Data-quality checks run at every build: completeness, consistency rules and outliers, kept in the warehouse."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from core.findings import SEVERITIES, SEVERITY_NAMES

QUALITY_CONFIG = Path(__file__).resolve().parent.parent / "data" / "reference" / "quality.toml"
# Totals and the parts that make them up: each case has one main form, each person one sex.
BREAKDOWNS = {
    "dv_cases": ("dv_cases_mental", "dv_cases_physical", "dv_cases_sexual", "dv_cases_economic"),
    "victims_total": ("victims_female", "victims_male"),
    "perpetrators_total": ("perpetrators_male", "perpetrators_female"),
}

# Values as reported, at the level reports are written (districts before 2025, communes after).
_LEAF = """
CREATE OR REPLACE TEMP VIEW dq_leaf AS
SELECT o.indicator, o.unit_id, u.province_id, o.year, o.value, o.source_id, o.row_ref, i.kind, i.parent,
       s.kind = 'sample' AS is_sample,
       -- the unit completeness is counted by: a pre-2025 commune's district
       CASE WHEN u.system = 'pre2025' AND u.level = 'C' THEN u.parent_id ELSE o.unit_id END AS grain_id
FROM observation o JOIN unit u USING (unit_id) JOIN indicator i ON i.code = o.indicator
JOIN source s USING (source_id)
WHERE o.period_type = 'year' AND u.level IN ('D', 'C')
"""

# The modified z-score of Iglewicz and Hoaglin: (x − median) / (MAD / 0.6745). When more than half the
# values are equal the MAD is 0; the mean absolute deviation × 1.253314 stands in for it then.
_SPREAD = """
CASE WHEN mad > 0 THEN mad / 0.6745 WHEN mean_ad > 0 THEN mean_ad * 1.253314 END
"""


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str  # consistency | outlier
    title: tuple[str, str]  # vi, en
    message: tuple[str, str]  # str.format: {value} {other} {other_value} {year} {other_year} {low} {high} {score}
    sql: str  # returns some columns of dq_finding_raw; $names are the rule's settings in quality.toml
    params: tuple[str, ...] = ()


RULES: tuple[Rule, ...] = (
    Rule(
        "breakdown_total",
        "consistency",
        ("Các phần không khớp tổng", "Parts do not add up to the total"),
        (
            "Tổng là {value}, nhưng cộng các phần chia ra là {other_value}",
            "The total is {value}, but its parts add up to {other_value}",
        ),
        """
        WITH g AS (SELECT unnest($totals) AS total, unnest($parts) AS part),
        n AS (SELECT total, count(*) AS n_parts FROM g GROUP BY total),
        parts AS (
            SELECT g.total, l.unit_id, l.year, sum(l.value) AS s, count(*) AS n
            FROM g JOIN dq_leaf l ON l.indicator = g.part GROUP BY ALL
        )
        SELECT t.unit_id, t.indicator, t.year, t.value, p.s AS other_value, t.source_id, t.row_ref, t.is_sample
        FROM parts p JOIN n USING (total)
        JOIN dq_leaf t ON t.indicator = p.total AND t.unit_id = p.unit_id AND t.year = p.year
        -- Parts left blank may be zeros: only parts above the total, or all parts given, tell.
        WHERE p.s > t.value OR (p.n = n.n_parts AND p.s <> t.value)""",
    ),
    Rule(
        "part_exceeds_whole",
        "consistency",
        ("Phần lớn hơn tổng", "A part larger than its whole"),
        (
            "{value}, lớn hơn {other} ({other_value})",
            "{value}, more than {other} ({other_value})",
        ),
        """
        WITH v AS (  -- reports stop a part above its whole in the same row; this guards the warehouse anyway
            SELECT unit_id, indicator, year, value, parent, source_id, row_ref, NULL AS source_file,
                   NULL AS source_url, is_sample
            FROM dq_leaf
            UNION ALL BY NAME  -- and figures published or read from a text, which no report form checked
            SELECT p.unit_id, p.indicator, p.year, p.value, i.parent, p.file_name AS source_file,
                   p.line::VARCHAR AS row_ref, p.source_url, false AS is_sample
            FROM published_figure p JOIN indicator i ON i.code = p.indicator
            WHERE p.period_type = 'year' AND p.unit_id IS NOT NULL
        )
        SELECT p.unit_id, p.indicator, p.year, p.value, w.indicator AS other_indicator, w.value AS other_value,
               p.source_id, p.source_file, p.row_ref, p.source_url, p.is_sample
        FROM v p JOIN v w ON w.indicator = p.parent AND w.unit_id = p.unit_id AND w.year = p.year
          AND (w.source_id = p.source_id OR w.source_file = p.source_file)  -- one source against itself
        WHERE p.value > w.value
          AND NOT list_contains($parts, p.indicator)   -- said by breakdown_total
          AND (p.source_id IS NULL OR NOT EXISTS (      -- a reported share is said by ratio_range
              SELECT 1 FROM indicator r WHERE r.kind = 'ratio' AND r.unit_vi = '%'
                AND r.numerator = p.indicator AND r.denominator = p.parent))""",
    ),
    Rule(
        "ratio_range",
        "consistency",
        ("Tỷ lệ ngoài 0–100%", "A share outside 0–100%"),
        ("{value}%, ngoài khoảng 0–100%", "{value}%, outside 0–100%"),
        """
        SELECT r.unit_id, r.indicator, r.year, r.value, 0.0 AS expected_low, 100.0 AS expected_high,
               n.source_id, n.row_ref, r.is_sample
        FROM mart_ratio r JOIN indicator i ON i.code = r.indicator
        JOIN dq_leaf n ON n.indicator = i.numerator AND n.unit_id = r.unit_id AND n.year = r.year
        WHERE r.level IN ('D', 'C') AND i.unit_vi = '%' AND NOT r.value BETWEEN 0 AND 100
        UNION ALL BY NAME
        SELECT p.unit_id, p.indicator, p.year, p.value, 0.0 AS expected_low, 100.0 AS expected_high,
               p.file_name AS source_file, p.line::VARCHAR AS row_ref, p.source_url, false AS is_sample
        FROM published_figure p JOIN indicator i ON i.code = p.indicator
        WHERE p.unit_id IS NOT NULL AND i.unit_vi = '%' AND NOT p.value BETWEEN 0 AND 100""",
    ),
    Rule(
        "stock_jump",
        "consistency",
        ("Số hiện có thay đổi đột ngột", "A stock changes abruptly"),
        (
            "{other_value} năm {other_year} thành {value} năm {year}: thay đổi hơn {factor} lần trong một năm",
            "{other_value} in {other_year} to {value} in {year}: more than {factor} times in one year",
        ),
        """
        WITH s AS (
            SELECT l.*, lag(l.value) OVER w AS prev, lag(l.year) OVER w AS prev_year
            FROM dq_leaf l WHERE l.kind = 'stock'
            WINDOW w AS (PARTITION BY l.unit_id, l.indicator ORDER BY l.year)
        )
        SELECT unit_id, indicator, year, value, prev AS other_value, prev_year AS other_year,
               source_id, row_ref, is_sample
        FROM s
        WHERE prev_year = year - 1 AND greatest(value, prev) >= $min_value
          AND (value > $factor * prev OR prev > $factor * value)""",
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
        """
        WITH s AS (
            SELECT l.*, lag(l.value, 1) OVER w AS p1, lag(l.value, 2) OVER w AS p2, lag(l.value, 3) OVER w AS p3,
                   lag(l.year, 3) OVER w AS y3
            FROM dq_leaf l WHERE l.kind = 'flow'
            WINDOW w AS (PARTITION BY l.unit_id, l.indicator ORDER BY l.year)
        )
        SELECT unit_id, indicator, year, value, (p1 + p2 + p3) / 3 AS other_value, year - 3 AS other_year,
               source_id, row_ref, is_sample
        FROM s WHERE value = 0 AND y3 = year - 3 AND least(p1, p2, p3) >= $min_previous""",
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
        """
        SELECT m.unit_id, m.indicator, m.year, m.value, p.value AS other_value,
               CASE WHEN p.value > 0 THEN abs(m.value - p.value) / p.value * 100 END AS score,
               p.file_name AS source_file, p.line::VARCHAR AS row_ref, p.source_url, m.is_sample
        FROM published_figure p JOIN mart_value m USING (unit_id, indicator, year)
        WHERE p.period_type = 'year' AND NOT p.year_uncertain
          AND m.counted <> 'P'  -- a 2025 province rolled up from former ones is not what was published
          AND abs(m.value - p.value)
              > p.value * CASE WHEN p.is_approx THEN $tolerance_approx ELSE $tolerance END / 100""",
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
        # The series is the unit's share of its province each year: what moves the whole province (cases
        # falling sevenfold since 2016) is no unit's anomaly; a district's own slip is.
        f"""
        WITH t AS (
            SELECT l.*, l.value / sum(l.value) OVER (PARTITION BY l.province_id, l.indicator, l.year) AS share,
                   sum(l.value) OVER (PARTITION BY l.province_id, l.indicator, l.year) AS total
            FROM dq_leaf l WHERE l.kind <> 'ratio'
        ),
        m AS (
            SELECT t.*, median(t.share) OVER w AS med, count(*) OVER w AS n
            FROM t WHERE t.total > 0
            WINDOW w AS (PARTITION BY t.unit_id, t.indicator)
        ),
        d AS (
            SELECT m.*, median(abs(m.share - m.med)) OVER w AS mad, avg(abs(m.share - m.med)) OVER w AS mean_ad
            FROM m WINDOW w AS (PARTITION BY m.unit_id, m.indicator)
        ),
        z AS (SELECT d.*, {_SPREAD} AS spread FROM d)
        SELECT unit_id, indicator, year, value, (share - med) / spread AS score,
               greatest(med - $threshold * spread, 0) * total AS expected_low,
               least(med + $threshold * spread, 1) * total AS expected_high, source_id, row_ref, is_sample
        FROM z
        WHERE n >= $min_points AND spread > 0 AND abs(share - med) / spread > $threshold
          AND abs(value - med * total) >= greatest($min_difference, $min_relative * med * total)""",
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
        f"""
        WITH m AS (
            SELECT r.unit_id, r.province_id, r.indicator, r.year, r.value, r.is_sample,
                   median(r.value) OVER w AS med, count(*) OVER w AS n
            FROM mart_ratio r WHERE r.level IN ('D', 'C')
            WINDOW w AS (PARTITION BY r.province_id, r.indicator, r.year)
        ),
        d AS (
            SELECT m.*, median(abs(m.value - m.med)) OVER w AS mad, avg(abs(m.value - m.med)) OVER w AS mean_ad
            FROM m WINDOW w AS (PARTITION BY m.province_id, m.indicator, m.year)
        ),
        z AS (SELECT d.*, {_SPREAD} AS spread FROM d)
        SELECT z.unit_id, z.indicator, z.year, z.value, (z.value - z.med) / z.spread AS score,
               greatest(z.med - $threshold * z.spread, 0) AS expected_low,
               z.med + $threshold * z.spread AS expected_high, n.source_id, n.row_ref, z.is_sample
        FROM z JOIN indicator i ON i.code = z.indicator
        JOIN dq_leaf n ON n.indicator = i.numerator AND n.unit_id = z.unit_id AND n.year = z.year
        WHERE z.n >= $min_units AND z.spread > 0 AND abs(z.value - z.med) / z.spread > $threshold
          AND abs(z.value - z.med) >= $min_relative * abs(z.med)""",
        ("threshold", "min_units", "min_relative"),
    ),
)
RULE_BY_CODE = {r.code: r for r in RULES}
# Settings every rule's SQL takes besides its own, from this module rather than the configuration.
_FIXED = {
    "breakdown_total": {
        "totals": [t for t, parts in BREAKDOWNS.items() for _ in parts],
        "parts": [p for parts in BREAKDOWNS.values() for p in parts],
    },
    "part_exceeds_whole": {"parts": [p for parts in BREAKDOWNS.values() for p in parts]},
}


class ConfigError(ValueError):
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
        raise ConfigError(f"{path.name}: không đọc được ({exc})") from exc
    problems = [f"{path.name}: [{name}] không phải quy tắc nào" for name in raw if name not in RULE_BY_CODE]
    settings: dict[str, Setting] = {}
    for rule in RULES:
        entry = raw.get(rule.code)
        if not isinstance(entry, dict):
            problems.append(f"{path.name}: thiếu mục [{rule.code}]")
            continue
        severity = entry.get("severity")
        if severity not in SEVERITIES:
            allowed = ", ".join(SEVERITIES)
            problems.append(f"{path.name}: [{rule.code}] severity = {severity!r}, cần một trong {allowed}")
        params: dict[str, float] = {}
        for name in rule.params:
            value = entry.get(name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                problems.append(f"{path.name}: [{rule.code}] {name} = {value!r}, cần một số không âm")
            else:
                params[name] = float(value)
        problems += [
            f"{path.name}: [{rule.code}] không dùng thiết lập {name}"
            for name in entry
            if name != "severity" and name not in rule.params
        ]
        settings[rule.code] = Setting(str(severity), params)
    if problems:
        raise ConfigError("; ".join(problems))
    return settings


def run_checks(con: duckdb.DuckDBPyConnection, config: Mapping[str, Setting]) -> None:
    """Fill dq_rule, dq_finding and dq_completeness of a warehouse being built (its marts already there)."""
    con.execute(_LEAF)
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
    con.execute(_RAW)
    for rule in RULES:
        params = {**config[rule.code].params, **_FIXED.get(rule.code, {})}
        con.execute(f"CREATE OR REPLACE TEMP TABLE dq_rule_out AS {rule.sql}", params)  # the SQL is ours
        # BY NAME: a column a rule does not give is NULL.
        con.execute("INSERT INTO dq_finding_raw BY NAME SELECT $rule AS rule, * FROM dq_rule_out", {"rule": rule.code})
    con.execute("""
        INSERT INTO dq_finding BY NAME
        SELECT f.rule, r.severity, f.unit_id, u.province_id, f.indicator, f.year, f.value,
               f.other_indicator, f.other_value, f.other_year, f.expected_low,
               f.expected_high, f.score, f.source_id, coalesce(f.source_file, s.file_name) AS source_file,
               f.row_ref, f.source_url, coalesce(f.is_sample, false) AS is_sample
        FROM dq_finding_raw f JOIN dq_rule r ON r.code = f.rule JOIN unit u USING (unit_id)
        LEFT JOIN source s USING (source_id)""")
    con.execute(_COMPLETENESS)


# What a rule's SQL may return; the finding's province, severity and source file are added after.
_RAW = """
CREATE OR REPLACE TEMP TABLE dq_finding_raw (
    rule VARCHAR, unit_id VARCHAR, indicator VARCHAR, year INTEGER, value DOUBLE, other_indicator VARCHAR,
    other_value DOUBLE, other_year INTEGER, expected_low DOUBLE, expected_high DOUBLE, score DOUBLE,
    source_id VARCHAR, source_file VARCHAR, row_ref VARCHAR, source_url VARCHAR, is_sample BOOLEAN
)
"""

# For each province, year and indicator group the province reported: each unit at the reporting level, and how
# many of the group's indicators it gave out of those any unit of the province gave that year (an indicator
# the province did not collect yet is no unit's gap).
_COMPLETENESS = """
INSERT INTO dq_completeness
WITH given AS (
    SELECT l.province_id, l.year, i.topic, l.grain_id AS unit_id, l.indicator, l.grain_id <> l.unit_id AS by_commune
    FROM dq_leaf l JOIN indicator i ON i.code = l.indicator
),
expected AS (
    SELECT province_id, year, topic, count(DISTINCT indicator) AS n_expected, bool_or(by_commune) AS by_commune
    FROM given GROUP BY province_id, year, topic
),
reported AS (SELECT unit_id, year, topic, count(DISTINCT indicator) AS n_values FROM given GROUP BY ALL)
SELECT p.system, x.province_id, x.year, x.topic, u.unit_id, coalesce(r.n_values, 0) AS n_values, x.n_expected
FROM expected x
JOIN unit p ON p.unit_id = x.province_id
JOIN unit u ON u.province_id = x.province_id AND u.level = CASE WHEN p.system = 'pre2025' THEN 'D' ELSE 'C' END
 -- reported by commune, a district without communes has nobody to report for it
 AND (NOT x.by_commune OR u.unit_id IN (SELECT parent_id FROM unit WHERE system = 'pre2025' AND level = 'C'))
LEFT JOIN reported r ON r.unit_id = u.unit_id AND r.year = x.year AND r.topic = x.topic
"""


def summary(con: duckdb.DuckDBPyConnection) -> str:
    """One line for the build: how many findings of each severity, and gaps in reporting."""
    counts = dict(con.execute("SELECT severity, count(*) FROM dq_finding GROUP BY ALL").fetchall())
    gaps = con.execute(
        "SELECT count(*) FROM (SELECT unit_id, year FROM dq_completeness GROUP BY ALL HAVING sum(n_values) = 0)"
    ).fetchone()[0]
    said = [f"{counts[s]} {SEVERITY_NAMES[s][0]}" for s in SEVERITIES if counts.get(s)]
    found = ", ".join(said) if said else "không có phát hiện nào"
    missing = f"; {gaps} lượt đơn vị không báo cáo gì trong năm" if gaps else ""
    return f"Chất lượng dữ liệu: {found}{missing} (chi tiết: python -m etl check)"
