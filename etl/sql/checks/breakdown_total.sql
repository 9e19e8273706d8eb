-- Parts do not add up to the total (cases by form, victims and perpetrators by sex).
-- $totals and $parts: the breakdowns, one (total, part) pair per position (etl/quality.py, BREAKDOWNS).
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
WHERE p.s > t.value OR (p.n = n.n_parts AND p.s <> t.value)
