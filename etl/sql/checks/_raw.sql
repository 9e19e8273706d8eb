-- What a rule's SQL may return; the finding's province, severity and source file are added after (_finding.sql).
-- A rule gives some of these columns: the ones it does not give are NULL.
CREATE OR REPLACE TEMP TABLE dq_finding_raw (
    rule VARCHAR, unit_id VARCHAR, indicator VARCHAR, year INTEGER, value DOUBLE, other_indicator VARCHAR,
    other_value DOUBLE, other_year INTEGER, expected_low DOUBLE, expected_high DOUBLE, score DOUBLE,
    source_id VARCHAR, source_file VARCHAR, row_ref VARCHAR, source_url VARCHAR, is_sample BOOLEAN
)
