-- A flow reported as 0 when each of the three years before was at least $min_previous.
WITH s AS (
    SELECT l.*, lag(l.value, 1) OVER w AS p1, lag(l.value, 2) OVER w AS p2, lag(l.value, 3) OVER w AS p3,
           lag(l.year, 3) OVER w AS y3
    FROM dq_leaf l WHERE l.kind = 'flow'
    WINDOW w AS (PARTITION BY l.unit_id, l.indicator ORDER BY l.year)
)
SELECT unit_id, indicator, year, value, (p1 + p2 + p3) / 3 AS other_value, year - 3 AS other_year,
       source_id, row_ref, is_sample
FROM s WHERE value = 0 AND y3 = year - 3 AND least(p1, p2, p3) >= $min_previous
