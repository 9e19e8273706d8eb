-- A reported value further than $tolerance % from the published figure ($tolerance_approx % when the published
-- figure is approximate).
SELECT m.unit_id, m.indicator, m.year, m.value, p.value AS other_value,
       CASE WHEN p.value > 0 THEN abs(m.value - p.value) / p.value * 100 END AS score,
       p.file_name AS source_file, p.line::VARCHAR AS row_ref, p.source_url, m.is_sample
FROM published_figure p JOIN mart_value m USING (unit_id, indicator, year)
WHERE p.period_type = 'year' AND NOT p.year_uncertain
  AND m.counted <> 'P'  -- a 2025 province rolled up from former ones is not what was published
  AND abs(m.value - p.value)
      > p.value * CASE WHEN p.is_approx THEN $tolerance_approx ELSE $tolerance END / 100
