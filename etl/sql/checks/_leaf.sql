-- Values as reported, at the level reports are written (districts before 2025, communes after): what every
-- check reads. Run first, before the rules.
CREATE OR REPLACE TEMP VIEW dq_leaf AS
SELECT o.indicator, o.unit_id, u.province_id, o.year, o.value, o.source_id, o.row_ref, i.kind, i.parent,
       s.kind = 'sample' AS is_sample,
       -- the unit completeness is counted by: a pre-2025 commune's district
       CASE WHEN u.system = 'pre2025' AND u.level = 'C' THEN u.parent_id ELSE o.unit_id END AS grain_id
FROM observation o JOIN unit u USING (unit_id) JOIN indicator i ON i.code = o.indicator
JOIN source s USING (source_id)
WHERE o.period_type = 'year' AND u.level IN ('D', 'C')
