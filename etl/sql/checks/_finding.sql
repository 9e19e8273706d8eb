-- Every rule's findings with their severity, province and source file: dq_finding from dq_finding_raw.
INSERT INTO dq_finding BY NAME
SELECT f.rule, r.severity, f.unit_id, u.province_id, f.indicator, f.year, f.value,
       f.other_indicator, f.other_value, f.other_year, f.expected_low,
       f.expected_high, f.score, f.source_id, coalesce(f.source_file, s.file_name) AS source_file,
       f.row_ref, f.source_url, coalesce(f.is_sample, false) AS is_sample
FROM dq_finding_raw f JOIN dq_rule r ON r.code = f.rule JOIN unit u USING (unit_id)
LEFT JOIN source s USING (source_id)
