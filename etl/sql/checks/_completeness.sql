-- For each province, year and indicator group the province reported: each unit at the reporting level, and how
-- many of the group's indicators it gave out of those any unit of the province gave that year (an indicator
-- the province did not collect yet is no unit's gap).
INSERT INTO dq_completeness
WITH given AS (
    SELECT l.province_id, l.year, i.topic, l.grain_id AS unit_id, l.indicator, l.grain_id <> l.unit_id AS by_commune
    FROM dq_leaf l JOIN indicator i ON i.code = l.indicator
),
expected AS (
    SELECT province_id, year, topic, count(DISTINCT indicator) AS n_expected, bool_or(by_commune) AS by_commune
    FROM given GROUP BY province_id, year, topic
),
reported AS (SELECT unit_id, year, topic, count(DISTINCT indicator) AS n_values FROM given GROUP BY ALL)
SELECT p.system, x.province_id, x.year, x.topic, u.unit_id, coalesce(r.n_values, 0) AS n_values, x.n_expected
FROM expected x
JOIN unit p ON p.unit_id = x.province_id
JOIN unit u ON u.province_id = x.province_id AND u.level = CASE WHEN p.system = 'pre2025' THEN 'D' ELSE 'C' END
 -- reported by commune, a district without communes has nobody to report for it
 AND (NOT x.by_commune OR u.unit_id IN (SELECT parent_id FROM unit WHERE system = 'pre2025' AND level = 'C'))
LEFT JOIN reported r ON r.unit_id = u.unit_id AND r.year = x.year AND r.topic = x.topic
