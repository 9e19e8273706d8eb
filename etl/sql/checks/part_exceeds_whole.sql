-- A part larger than its whole (an indicator above its parent), one source against itself.
-- $parts: the parts of a breakdown, which breakdown_total says instead.
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
        AND r.numerator = p.indicator AND r.denominator = p.parent))
