-- A share outside 0–100%: a ratio of the marts, or a published one.
SELECT r.unit_id, r.indicator, r.year, r.value, 0.0 AS expected_low, 100.0 AS expected_high,
       n.source_id, n.row_ref, r.is_sample
FROM mart_ratio r JOIN indicator i ON i.code = r.indicator
JOIN dq_leaf n ON n.indicator = i.numerator AND n.unit_id = r.unit_id AND n.year = r.year
WHERE r.level IN ('D', 'C') AND i.unit_vi = '%' AND NOT r.value BETWEEN 0 AND 100
UNION ALL BY NAME
SELECT p.unit_id, p.indicator, p.year, p.value, 0.0 AS expected_low, 100.0 AS expected_high,
       p.file_name AS source_file, p.line::VARCHAR AS row_ref, p.source_url, false AS is_sample
FROM published_figure p JOIN indicator i ON i.code = p.indicator
WHERE p.unit_id IS NOT NULL AND i.unit_vi = '%' AND NOT p.value BETWEEN 0 AND 100
