-- Unusual among the province's units in a year: a unit's ratio against the other units' (at least $min_units
-- of them), by modified z-score above $threshold, and at least $min_relative of the median away from it.
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
z AS (SELECT d.*, {_spread} AS spread FROM d)
SELECT z.unit_id, z.indicator, z.year, z.value, (z.value - z.med) / z.spread AS score,
       greatest(z.med - $threshold * z.spread, 0) AS expected_low,
       z.med + $threshold * z.spread AS expected_high, n.source_id, n.row_ref, z.is_sample
FROM z JOIN indicator i ON i.code = z.indicator
JOIN dq_leaf n ON n.indicator = i.numerator AND n.unit_id = z.unit_id AND n.year = z.year
WHERE z.n >= $min_units AND z.spread > 0 AND abs(z.value - z.med) / z.spread > $threshold
  AND abs(z.value - z.med) >= $min_relative * abs(z.med)
