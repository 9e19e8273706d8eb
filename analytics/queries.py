"""One typed function per question a page asks; SQL with bound parameters, results cached per build."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import db
from analytics.access import Scope
from analytics.db import query
from analytics.disclosure import protect, reasons
from core.units import REFORM_YEAR, name_in


# Shared by the sessions of readers with the same rights: a Scope is compared whole, never approximated.
@db.cached(maxsize=1024)
def _protected_run(sql: str, params: db.Params, path: str, mtime: float, scope: Scope) -> pd.DataFrame:
    return protect(db.run(sql, params, path, mtime).copy(deep=False), scope)


def _protected(sql: str, scope: Scope, **params: object) -> pd.DataFrame:
    """A query's rows as this reader may see them (disclosure control applied), cached per build and reader:
    applying the control costs more than looking the rows up. Shallow copies, kept apart by copy-on-write."""
    return _protected_run(sql, db.key(params), str(db.warehouse_path()), db.version(), scope).copy(deep=False)


KPI_INDICATORS = (
    "clubs_sustainable_family",
    "clubs_dv_prevention",
    "trusted_addresses",
    "hotlines",
    "dv_cases",
    "training_participants",
)
NETWORK_TREND = ("clubs_sustainable_family", "clubs_dv_prevention", "dv_models", "trusted_addresses", "hotlines")
DV_FORMS = ("dv_cases_mental", "dv_cases_physical", "dv_cases_sexual", "dv_cases_economic")


@dataclass(frozen=True)
class BuildInfo:
    built_at: pd.Timestamp
    sources: int
    observations: int
    sample_sources: int


@db.cached(maxsize=4)
def _catalogue(path: str, mtime: float) -> pd.DataFrame:
    return db.run("SELECT * FROM indicator ORDER BY sort_order", (), path, mtime).set_index("code", drop=False)


def indicators() -> pd.DataFrame:
    """The catalogue, indexed by code, in catalogue order (asked for a dozen times a page: indexed once)."""
    return _catalogue(str(db.warehouse_path()), db.version()).copy(deep=False)


def provinces_with_data(system: str) -> pd.DataFrame:
    """Provinces of a unit system that have at least one value (2025 ones include rolled-up history)."""
    return query(
        """
        SELECT u.unit_id, u.name, u.short_name
        FROM unit u
        WHERE u.system = $system AND u.unit_id IN (SELECT DISTINCT province_id FROM mart_value)
        ORDER BY u.short_name COLLATE vi""",
        system=system,
    )


def sub_units(province_id: str, scope: Scope) -> pd.DataFrame:
    """Districts of a pre-2025 province (all of them); communes of a 2025 province that have reports. None
    for a reader who may not see the province's detail."""
    if not scope.sees_detail(province_id):
        return pd.DataFrame(columns=["unit_id", "name", "short_name"])
    return query(
        """
        SELECT unit_id, name, short_name FROM unit
        WHERE parent_id = $province
          AND (level = 'D' OR unit_id IN (SELECT unit_id FROM mart_value WHERE province_id = $province))
        ORDER BY short_name COLLATE vi""",
        province=province_id,
    )


def counterpart(unit_id: str, system: str) -> str | None:
    """The province of the other unit system: the 2025 successor, or the former province of the same name
    (else the first former province with data)."""
    found = query(
        """
        SELECT CASE WHEN $system = 'y2025' THEN x.to_unit ELSE x.from_unit END AS unit_id
        FROM unit_crosswalk x
        JOIN unit o ON o.unit_id = x.from_unit AND o.level = 'P'
        JOIN unit n ON n.unit_id = x.to_unit
        WHERE (CASE WHEN $system = 'y2025' THEN x.from_unit ELSE x.to_unit END) = $unit
          AND (CASE WHEN $system = 'y2025' THEN x.to_unit ELSE x.from_unit END)
              IN (SELECT DISTINCT province_id FROM mart_value)
        ORDER BY o.short_name = n.short_name DESC, o.short_name COLLATE vi
        LIMIT 1""",
        unit=unit_id,
        system=system,
    )
    return None if found.empty else str(found["unit_id"].iloc[0])


def predecessors(unit_id: str) -> pd.DataFrame:
    """The pre-2025 provinces a 2025 province was formed from."""
    return query(
        """
        SELECT o.unit_id, o.name, o.short_name FROM unit_crosswalk x JOIN unit o ON o.unit_id = x.from_unit
        WHERE x.to_unit = $unit AND o.level = 'P' ORDER BY o.short_name COLLATE vi""",
        unit=unit_id,
    )


def years(unit_id: str) -> tuple[int, int] | None:
    row = query("SELECT min(year) AS lo, max(year) AS hi FROM mart_value WHERE unit_id = $unit", unit=unit_id)
    lo, hi = row.iloc[0]
    return None if pd.isna(lo) else (int(lo), int(hi))


@db.cached(maxsize=4)
def _names(path: str, mtime: float) -> dict[str, str]:
    names = db.run("SELECT unit_id, name FROM unit", (), path, mtime)
    return dict(zip(names["unit_id"], names["name"], strict=True))


def unit_name(unit_id: str, lang: str = "vi") -> str:
    """A unit's full name in the reader's language ("Tỉnh Bến Tre", "Bến Tre province"); the id itself for an
    unknown unit."""
    return name_in(_names(str(db.warehouse_path()), db.version()).get(unit_id, unit_id), lang)


def values(unit_id: str, codes: tuple[str, ...], first: int, last: int, scope: Scope) -> pd.DataFrame:
    """Yearly values of some indicators for one unit, with last year's value; small sensitive counts hidden."""
    return _protected(
        """
        SELECT m.indicator, m.year, m.system, m.level, m.counted, m.unit_id, m.province_id, m.value, m.prev_value,
               m.numerator, m.denominator, m.prev_numerator, m.units_reported, m.units_total, m.is_sample,
               m.whole, m.prev_whole, m.reported_from
        FROM mart m
        WHERE m.unit_id = $unit AND list_contains($codes, m.indicator) AND m.year BETWEEN $first AND $last
        ORDER BY m.indicator, m.year""",
        scope,
        unit=unit_id,
        codes=list(codes),
        first=first,
        last=last,
    )


def unit_table(unit_id: str, first: int, last: int, scope: Scope, codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """All values (or some indicators) of one unit over a year range, for tables and downloads."""
    return _protected(
        """
        SELECT m.indicator, m.year, m.system, m.level, m.counted, m.unit_id, m.province_id, m.value, m.prev_value,
               m.numerator, m.denominator, m.prev_numerator, m.units_reported, m.units_total, m.is_sample,
               m.whole, m.prev_whole, m.reported_from
        FROM mart m JOIN indicator i ON i.code = m.indicator
        WHERE m.unit_id = $unit AND m.year BETWEEN $first AND $last
          AND ($all OR list_contains($codes, m.indicator))
        ORDER BY i.sort_order, m.year""",
        scope,
        unit=unit_id,
        first=first,
        last=last,
        all=codes is None,
        codes=list(codes or ()),
    )


def by_sub_unit(province_id: str, codes: tuple[str, ...], year: int, scope: Scope) -> pd.DataFrame:
    """One year's values for the districts (or communes) of a province, with their names."""
    return _protected(
        """
        SELECT m.indicator, m.year, m.system, m.level, m.counted, m.unit_id, m.province_id, u.short_name AS unit_name,
               m.value, m.prev_value, m.numerator, m.denominator, m.prev_numerator,
               m.units_reported, m.units_total, m.is_sample, m.whole, m.prev_whole, m.reported_from
        FROM mart m JOIN unit u USING (unit_id)
        WHERE m.province_id = $province AND m.level <> 'P' AND m.year = $year AND list_contains($codes, m.indicator)
        ORDER BY m.indicator, u.short_name COLLATE vi""",
        scope,
        province=province_id,
        codes=list(codes),
        year=year,
    )


def targets(province_id: str) -> pd.DataFrame:
    """Targets that apply to a province: national ones, the province's own plans, and for a 2025 province the
    plans of the former provinces it was formed from (`scope_unit_id` names whose figures judge them)."""
    return query(
        """
        SELECT t.plan_id, t.indicator, t.year, t.comparator, t.value, t.text_vi, t.text_en,
               p.title_vi, p.title_en, p.issuer, p.issued_on, p.source_url, p.scope_unit_id IS NULL AS national,
               coalesce(p.scope_unit_id, $province) AS scope_unit_id
        FROM target t JOIN plan p USING (plan_id)
        WHERE p.scope_unit_id IS NULL OR p.scope_unit_id = $province
           OR p.scope_unit_id IN (SELECT from_unit FROM unit_crosswalk WHERE to_unit = $province)
        ORDER BY p.issued_on DESC, t.plan_id, t.indicator NULLS LAST""",
        province=province_id,
    )


def build_info() -> BuildInfo:
    row = query("""
        SELECT b.built_at, b.n_sources, b.n_observations,
               (SELECT count(*) FROM source WHERE kind = 'sample') AS sample_sources
        FROM build_info b""").iloc[0]
    return BuildInfo(row.built_at, int(row.n_sources), int(row.n_observations), int(row.sample_sources))


def observed(province_id: str, year: int, scope: Scope) -> pd.DataFrame:
    """The values the warehouse holds now for a province and year, as loaded (districts or communes); only
    for a reader who may load that province's reports."""
    if not scope.may_import(province_id):
        raise PermissionError(province_id)
    return query(
        """
        SELECT o.indicator, o.unit_id, o.year, o.value, s.kind
        FROM observation o JOIN unit u USING (unit_id) JOIN source s USING (source_id)
        WHERE u.province_id = $province AND o.year = $year""",
        province=province_id,
        year=year,
    )


def unit_names(unit_ids: tuple[str, ...]) -> dict[str, str]:
    found = query("SELECT unit_id, name FROM unit WHERE list_contains($ids, unit_id)", ids=list(unit_ids))
    return dict(zip(found["unit_id"], found["name"], strict=True))


def provinces(system: str) -> pd.DataFrame:
    """Every province of a unit system, with or without data."""
    return query(
        "SELECT unit_id, name, short_name FROM unit WHERE system = $system AND level = 'P'\n"
        "ORDER BY short_name COLLATE vi",
        system=system,
    )


def published(unit_id: str | None = None) -> pd.DataFrame:
    """Published figures with their unit's name, for one unit and the units inside it, or all of them."""
    return query(
        """
        SELECT p.*, u.name AS unit_name, u.province_id
        FROM published_figure p LEFT JOIN unit u USING (unit_id)
        WHERE $unit IS NULL OR p.unit_id = $unit OR u.province_id = $unit OR u.parent_id = $unit
        ORDER BY u.province_id = 'national:N:VN' DESC, u.name COLLATE vi, p.year, p.line""",
        unit=unit_id,
    )


def published_points(unit_id: str, codes: tuple[str, ...], first: int, last: int) -> pd.DataFrame:
    """Published yearly figures for exactly this unit, to draw beside its series (never summed with it)."""
    return query(
        """
        SELECT indicator, year, value, is_approx, year_uncertain, source_url
        FROM published_figure
        WHERE unit_id = $unit AND list_contains($codes, indicator) AND period_type = 'year'
          AND year BETWEEN $first AND $last
        ORDER BY indicator, year""",
        unit=unit_id,
        codes=list(codes),
        first=first,
        last=last,
    )


def quality_scope(unit_id: str) -> list[str]:
    """The provinces whose reports make up a province's figures: itself, and for a 2025 province the former
    provinces it was formed from (their districts reported before the reform)."""
    return [unit_id, *predecessors(unit_id)["unit_id"]]


def members_reported(province_id: str, first: int, last: int) -> pd.DataFrame:
    """For a 2025 province, each former province and year before the reform (of those from `first` to `last` in
    which the province has figures): whether it reported anything. Empty for any other unit."""
    return query(
        """
        SELECT y.year, o.unit_id, o.short_name,
               EXISTS (SELECT 1 FROM mart_value m WHERE m.unit_id = o.unit_id AND m.year = y.year) AS reported
        FROM unit_crosswalk x JOIN unit o ON o.unit_id = x.from_unit AND o.level = 'P'
        CROSS JOIN (SELECT DISTINCT year FROM mart_value
                    WHERE unit_id = $unit AND year BETWEEN $first AND $last AND year < $reform) y
        WHERE x.to_unit = $unit
        ORDER BY y.year, o.short_name COLLATE vi""",
        unit=province_id,
        first=first,
        last=last,
        reform=REFORM_YEAR,
    )


def completeness(provinces: list[str], first: int, last: int, scope: Scope) -> pd.DataFrame:
    """How many indicators of each group every district or commune gave, out of those its province reported
    (of the provinces whose detail the reader sees)."""
    provinces = [p for p in provinces if scope.sees_detail(p)]
    return query(
        """
        SELECT c.year, c.topic, c.unit_id, u.short_name AS unit_name, u.level, c.province_id,
               p.short_name AS province_name, c.n_values, c.n_expected
        FROM dq_completeness c JOIN unit u USING (unit_id) JOIN unit p ON p.unit_id = c.province_id
        WHERE list_contains($provinces, c.province_id) AND c.year BETWEEN $first AND $last
        ORDER BY c.year, u.short_name COLLATE vi, c.topic""",
        provinces=provinces,
        first=first,
        last=last,
    )


def findings(provinces: list[str], first: int, last: int, scope: Scope, unit_id: str | None = None) -> pd.DataFrame:
    """What the data-quality rules found in some provinces (or one unit) and years, most serious first: about
    districts and communes only where the reader sees the province's detail. Values disclosure control hides
    (the cells it hides, and any small sensitive count below province level) are taken out, flagged `hidden`."""
    frame = query(
        """
        SELECT f.*, u.short_name AS unit_name, u.level, i.topic, i.sensitive, r.kind AS rule_kind,
               r.title_vi, r.title_en, r.message_vi, r.message_en, r.settings
        FROM dq_finding f JOIN unit u USING (unit_id) JOIN indicator i ON i.code = f.indicator
        JOIN dq_rule r ON r.code = f.rule
        WHERE list_contains($provinces, f.province_id) AND f.year BETWEEN $first AND $last
          AND ($unit IS NULL OR f.unit_id = $unit)
        ORDER BY array_position(['error', 'warning', 'info'], f.severity), r.sort_order, f.year,
                 u.short_name COLLATE vi, i.sort_order""",
        provinces=provinces,
        first=first,
        last=last,
        unit=unit_id,
    )
    frame = frame[frame["level"].eq("P") | frame["province_id"].map(scope.sees_detail).astype(bool)]
    frame = frame.reset_index(drop=True)
    raw = frame["province_id"].map(scope.sees_raw).astype(bool)
    other = frame["other_indicator"].fillna(frame["indicator"]), frame["other_year"].fillna(frame["year"])
    small = frame["sensitive"] & frame["level"].ne("P")
    frame["hidden"] = ~raw & (
        reasons(frame["unit_id"], frame["indicator"], frame["year"], scope.threshold).notna()
        | reasons(frame["unit_id"], *other, scope.threshold).notna()
        | (small & (frame["value"].between(1, scope.threshold) | frame["other_value"].between(1, scope.threshold)))
    )
    # One label for every hidden cell: a "<5" would say "at least 1" and set it apart from the others.
    frame["hidden_as"] = ""
    for col in ("value", "other_value"):
        frame[col] = frame[col].mask(frame["hidden"])
    return frame


def is_sample(unit_id: str, first: int, last: int) -> bool:
    """Whether any figure of a unit over some years is illustrative."""
    found = query(
        """SELECT coalesce(bool_or(is_sample), false) AS s FROM mart_value
           WHERE unit_id = $unit AND year BETWEEN $first AND $last""",
        unit=unit_id,
        first=first,
        last=last,
    )
    return bool(found["s"].iloc[0])


def quality_rules() -> pd.DataFrame:
    return query("SELECT * FROM dq_rule ORDER BY sort_order")


def map_indicators(system: str) -> list[str]:
    """Indicators with at least one province value in a unit system, in catalogue order."""
    return query(
        """
        SELECT i.code FROM indicator i
        WHERE i.code IN (SELECT indicator FROM mart WHERE system = $system AND level = 'P')
        ORDER BY i.sort_order""",
        system=system,
    )["code"].tolist()


def map_years(system: str, indicator: str) -> list[int]:
    """Years in which some province of a unit system has a value of an indicator, latest first."""
    found = query(
        """SELECT DISTINCT year FROM mart WHERE system = $system AND level = 'P' AND indicator = $indicator
           ORDER BY year DESC""",
        system=system,
        indicator=indicator,
    )
    return [int(y) for y in found["year"]]


_MAP_COLUMNS = """
    m.indicator, m.year, m.system, u.level, m.counted, m.value, m.prev_value, m.numerator, m.denominator,
    m.prev_numerator, m.units_reported, m.units_total, coalesce(m.is_sample, false) AS is_sample, m.whole,
    m.prev_whole, m.reported_from,
    u.unit_id, u.code, u.short_name AS unit_name, u.province_id, u.lat, u.lon"""


def province_map(system: str, indicator: str, year: int, scope: Scope) -> pd.DataFrame:
    """Every province of a unit system with its value of one indicator in one year (NULL when it has none)."""
    return _protected(
        f"""
        SELECT {_MAP_COLUMNS}
        FROM unit u
        LEFT JOIN mart m ON m.unit_id = u.unit_id AND m.indicator = $indicator AND m.year = $year
        WHERE u.system = $system AND u.level = 'P'
        ORDER BY u.code""",
        scope,
        system=system,
        indicator=indicator,
        year=year,
    )


def sub_unit_map(province_id: str, indicator: str, year: int, scope: Scope) -> pd.DataFrame:
    """The units a province reported by in one year, at their coordinates, with their value of an indicator
    (NULL when they gave none): its districts before the reform (for a 2025 province, the districts of the
    provinces it was formed from), the communes that reported after it."""
    return _protected(
        f"""
        SELECT {_MAP_COLUMNS}
        FROM unit u
        LEFT JOIN mart m ON m.unit_id = u.unit_id AND m.indicator = $indicator AND m.year = $year
        WHERE CASE WHEN $year < $reform
                   THEN u.level = 'D' AND (u.province_id = $province OR u.province_id IN (
                        SELECT from_unit FROM unit_crosswalk WHERE to_unit = $province))
                   ELSE u.level = 'C' AND u.province_id = $province AND u.unit_id IN (
                        SELECT unit_id FROM mart_value WHERE province_id = $province AND year = $year)
              END
        ORDER BY u.short_name COLLATE vi""",
        scope,
        province=province_id,
        indicator=indicator,
        year=year,
        reform=REFORM_YEAR,
    )


# Added for the provinces ranking and for file names in words.
@db.cached(maxsize=4)
def _short_names(path: str, mtime: float) -> dict[str, str]:
    names = db.run("SELECT unit_id, short_name FROM unit", (), path, mtime)
    return dict(zip(names["unit_id"], names["short_name"], strict=True))


def unit_short_name(unit_id: str) -> str:
    """A unit's name without its kind ("Bến Tre" for "Tỉnh Bến Tre"); the id itself for an unknown unit."""
    return _short_names(str(db.warehouse_path()), db.version()).get(unit_id, unit_id)


def former_years(province_id: str, indicator: str) -> list[int]:
    """Years before the reform in which some former province of a 2025 province has a figure of an indicator,
    latest first."""
    found = query(
        """SELECT DISTINCT m.year FROM mart m
           WHERE m.level = 'P' AND m.indicator = $indicator AND m.year < $reform
             AND m.unit_id IN (SELECT from_unit FROM unit_crosswalk WHERE to_unit = $province)
           ORDER BY m.year DESC""",
        province=province_id,
        indicator=indicator,
        reform=REFORM_YEAR,
    )
    return [int(y) for y in found["year"]]


def unit_parent(unit_id: str) -> str | None:
    """The province of a district or commune (None for a province or an unknown unit)."""
    found = query("SELECT province_id FROM unit WHERE unit_id = $unit AND level <> 'P'", unit=unit_id)
    return None if found.empty else str(found["province_id"].iloc[0])
