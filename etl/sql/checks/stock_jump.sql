-- A stock that changes more than $factor times from one year to the next, when the larger year is at least
-- $min_value.
WITH s AS (
    SELECT l.*, lag(l.value) OVER w AS prev, lag(l.year) OVER w AS prev_year
    FROM dq_leaf l WHERE l.kind = 'stock'
    WINDOW w AS (PARTITION BY l.unit_id, l.indicator ORDER BY l.year)
)
SELECT unit_id, indicator, year, value, prev AS other_value, prev_year AS other_year,
       source_id, row_ref, is_sample
FROM s
WHERE prev_year = year - 1 AND greatest(value, prev) >= $min_value
  AND (value > $factor * prev OR prev > $factor * value)
