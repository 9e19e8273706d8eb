-- Unusual for the unit's own years. The series is the unit's share of its province each year: what moves the
-- whole province (cases falling sevenfold since 2016) is no unit's anomaly; a district's own slip is.
-- $threshold: modified z-score; at least $min_points years; at least $min_difference and $min_relative of the
-- expected value away from it.
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
z AS (SELECT d.*, {_spread} AS spread FROM d)
SELECT unit_id, indicator, year, value, (share - med) / spread AS score,
       greatest(med - $threshold * spread, 0) * total AS expected_low,
       least(med + $threshold * spread, 1) * total AS expected_high, source_id, row_ref, is_sample
FROM z
WHERE n >= $min_points AND spread > 0 AND abs(share - med) / spread > $threshold
  AND abs(value - med * total) >= greatest($min_difference, $min_relative * med * total)
