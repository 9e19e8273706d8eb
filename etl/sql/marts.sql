-- Marts the pages read: every page query is a filtered select on these.

-- Yearly values per unit: reported district/commune rows, their province totals, and the pre-2025
-- province totals rolled up into the 2025 provinces through the crosswalk (whole provinces only).
-- `counted` says what units_reported counts: D districts, C communes, P pre-2025 provinces.
-- `whole` is true only when every member of a total reported it (every district or commune of a province, every
-- former province of a 2025 province, each of them whole): a sum of some members is a part, never the unit's
-- figure. `reported_from` names the former provinces behind a 2025 province's sum, so a partial one can say
-- "chỉ có Vĩnh Phúc"; `prev_whole` says whether last year's value was whole.
CREATE TABLE mart_value AS
WITH obs AS (
    SELECT o.indicator, o.unit_id, o.year, o.value, s.kind = 'sample' AS is_sample
    FROM observation o JOIN source s USING (source_id)
    WHERE o.period_type = 'year'
),
-- The units pages show: districts before 2025, communes after. A report by commune before 2025 (a national
-- long-form file) gives each district the sum of its communes; `counted` C says so.
leaf AS (
    SELECT u.system, u.level, o.unit_id, u.province_id, o.indicator, o.year, o.value,
           1 AS units_reported, 1 AS units_total, u.level AS counted, o.is_sample, true AS whole
    FROM obs o JOIN unit u USING (unit_id)
    WHERE u.level = CASE WHEN u.system = 'pre2025' THEN 'D' ELSE 'C' END
    UNION ALL BY NAME
    SELECT 'pre2025' AS system, 'D' AS level, u.parent_id AS unit_id, any_value(u.province_id) AS province_id,
           o.indicator, o.year, sum(o.value) AS value, count(*) AS units_reported,
           any_value(d.n_communes) AS units_total, 'C' AS counted, bool_or(o.is_sample) AS is_sample,
           count(*) >= any_value(d.n_communes) AS whole
    FROM obs o JOIN unit u USING (unit_id)
    JOIN (SELECT parent_id, count(*) AS n_communes FROM unit WHERE system = 'pre2025' AND level = 'C'
          GROUP BY ALL) d ON d.parent_id = u.parent_id
    WHERE u.system = 'pre2025' AND u.level = 'C'
    GROUP BY u.parent_id, o.indicator, o.year
),
-- How many districts (before 2025) or communes a province's figures can come from. Reported by commune, a
-- district without communes (Hoàng Sa, Bạch Long Vĩ, Cồn Cỏ…) has nobody to report for it.
expected AS (
    SELECT u.province_id, count(*) AS by_unit,
           count(*) FILTER (WHERE u.unit_id IN (SELECT parent_id FROM unit WHERE system = 'pre2025' AND level = 'C'))
               AS by_commune
    FROM unit u WHERE u.level = CASE WHEN u.system = 'pre2025' THEN 'D' ELSE 'C' END
    GROUP BY ALL
),
-- Province totals add up the level a report is written at: districts before 2025, communes after.
province AS (
    SELECT l.system, 'P' AS level, l.province_id AS unit_id, l.province_id, l.indicator, l.year,
           sum(l.value) AS value, count(*) AS units_reported,
           CASE WHEN bool_or(l.level = 'D' AND l.counted = 'C') THEN any_value(e.by_commune)
                ELSE any_value(e.by_unit) END AS units_total,
           any_value(l.level) AS counted, bool_or(l.is_sample) AS is_sample, bool_and(l.whole) AS members_whole
    FROM leaf l JOIN expected e USING (province_id)
    WHERE l.level = CASE WHEN l.system = 'pre2025' THEN 'D' ELSE 'C' END
    GROUP BY l.system, l.province_id, l.indicator, l.year
),
-- Stocks and flows alike are summed over provinces within a year, never across years.
rollup AS (
    SELECT 'y2025' AS system, 'P' AS level, x.to_unit AS unit_id, x.to_unit AS province_id, p.indicator, p.year,
           sum(p.value) AS value, count(*) AS units_reported,
           (SELECT count(*) FROM unit_crosswalk x2
             WHERE x2.to_unit = x.to_unit AND x2.from_unit LIKE 'pre2025:P:%') AS units_total,
           'P' AS counted, bool_or(p.is_sample) AS is_sample,
           bool_and(p.units_reported >= p.units_total AND p.members_whole) AS members_whole,
           string_agg(o.short_name, ', ' ORDER BY o.short_name) AS reported_from
    FROM province p JOIN unit_crosswalk x ON x.from_unit = p.unit_id JOIN unit o ON o.unit_id = p.unit_id
    WHERE p.system = 'pre2025'
    GROUP BY x.to_unit, p.indicator, p.year
),
combined AS (
    SELECT * FROM leaf
    UNION ALL BY NAME
    SELECT * EXCLUDE (members_whole), units_reported >= units_total AND members_whole AS whole FROM province
    UNION ALL BY NAME
    SELECT * EXCLUDE (members_whole), units_reported >= units_total AND members_whole AS whole FROM rollup
)
SELECT c.*,
       -- Change on last year only when last year is the calendar year before.
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.value) OVER w END AS prev_value,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.whole) OVER w END AS prev_whole
FROM combined c
WINDOW w AS (PARTITION BY c.unit_id, c.indicator ORDER BY c.year);

-- Ratios recomputed from their numerator and denominator at every level, never averaged. Above the
-- reporting level they are summed over the units that reported both parts, so a district that gave its
-- communes but not how many have a model does not pull the share down. Coverage counts those units; both
-- parts are kept so a rate on a small count can be hidden.
CREATE TABLE mart_ratio AS
WITH pair AS (
    SELECT n.system, n.level, n.unit_id, n.province_id, i.code AS indicator, n.year,
           n.value AS numerator, d.value AS denominator, n.counted, n.is_sample OR d.is_sample AS is_sample,
           n.whole AND d.whole AS members_whole
    FROM indicator i
    JOIN mart_value n ON n.indicator = i.numerator AND n.level IN ('D', 'C')
    JOIN mart_value d ON d.indicator = i.denominator AND d.unit_id = n.unit_id AND d.year = n.year
    -- A zero denominator gives no ratio, so its numerator must not enter the province sums either.
    WHERE i.kind = 'ratio' AND d.value > 0
),
province AS (
    SELECT system, 'P' AS level, province_id AS unit_id, province_id, indicator, year,
           sum(numerator) AS numerator, sum(denominator) AS denominator, count(*) AS units_reported,
           any_value(counted) AS counted, bool_or(is_sample) AS is_sample, bool_and(members_whole) AS members_whole
    FROM pair
    WHERE level = CASE WHEN system = 'pre2025' THEN 'D' ELSE 'C' END
    GROUP BY ALL
),
rollup AS (
    SELECT 'y2025' AS system, 'P' AS level, x.to_unit AS unit_id, x.to_unit AS province_id, p.indicator, p.year,
           sum(p.numerator) AS numerator, sum(p.denominator) AS denominator, count(*) AS units_reported,
           'P' AS counted, bool_or(p.is_sample) AS is_sample,
           -- A former province's ratio is whole when every one of its units gave both parts.
           bool_and(p.members_whole AND p.units_reported >= v.units_total) AS members_whole,
           string_agg(o.short_name, ', ' ORDER BY o.short_name) AS reported_from
    FROM province p JOIN unit_crosswalk x ON x.from_unit = p.unit_id JOIN unit o ON o.unit_id = p.unit_id
    JOIN indicator i ON i.code = p.indicator
    JOIN mart_value v ON v.unit_id = p.unit_id AND v.year = p.year AND v.indicator = i.numerator
    WHERE p.system = 'pre2025'
    GROUP BY x.to_unit, p.indicator, p.year
),
r AS (
    SELECT c.* EXCLUDE (members_whole), c.numerator / c.denominator * i.scale AS value, v.units_total,
           c.units_reported >= v.units_total AND c.members_whole AS whole
    FROM (SELECT *, 1 AS units_reported FROM pair
          UNION ALL BY NAME SELECT * FROM province
          UNION ALL BY NAME SELECT * FROM rollup) c
    JOIN indicator i ON i.code = c.indicator
    -- units_total is the same for every indicator of a unit and year: take the numerator's.
    JOIN mart_value v ON v.unit_id = c.unit_id AND v.year = c.year AND v.indicator = i.numerator
    WHERE c.denominator > 0
)
SELECT r.*,
       CASE WHEN lag(r.year) OVER w = r.year - 1 THEN lag(r.value) OVER w END AS prev_value,
       CASE WHEN lag(r.year) OVER w = r.year - 1 THEN lag(r.numerator) OVER w END AS prev_numerator,
       CASE WHEN lag(r.year) OVER w = r.year - 1 THEN lag(r.whole) OVER w END AS prev_whole
FROM r
WINDOW w AS (PARTITION BY r.unit_id, r.indicator ORDER BY r.year);

-- What pages read: counts and ratios in one shape.
CREATE VIEW mart AS
SELECT *, NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, NULL::DOUBLE AS prev_numerator FROM mart_value
UNION ALL BY NAME
SELECT * FROM mart_ratio;
