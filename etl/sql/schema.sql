-- Warehouse tables: what (indicator) x where (unit) x when (year), with provenance (source).

CREATE TABLE unit (
    unit_id     VARCHAR PRIMARY KEY,        -- system:level:code, e.g. pre2025:D:243
    system      VARCHAR NOT NULL,           -- pre2025 | y2025
    level       VARCHAR NOT NULL,           -- P province | D district | C commune
    code        VARCHAR NOT NULL,           -- GSO code, unique only within (system, level)
    name        VARCHAR NOT NULL,
    short_name  VARCHAR NOT NULL,
    unit_type   VARCHAR,
    parent_id   VARCHAR,
    province_id VARCHAR NOT NULL,
    valid_from  DATE,
    valid_to    DATE,
    lat         DOUBLE,
    lon         DOUBLE,
    UNIQUE (system, level, code)
);

CREATE TABLE unit_crosswalk (
    from_unit VARCHAR NOT NULL,
    to_unit   VARCHAR NOT NULL,
    relation  VARCHAR NOT NULL,             -- whole | part
    PRIMARY KEY (from_unit, to_unit)
);

CREATE TABLE indicator (
    code             VARCHAR PRIMARY KEY,
    name_vi          VARCHAR NOT NULL,
    name_en          VARCHAR NOT NULL,
    topic            VARCHAR NOT NULL,
    unit_vi          VARCHAR NOT NULL,
    unit_en          VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,      -- stock | flow | ratio
    parent           VARCHAR,
    sensitive        BOOLEAN NOT NULL,
    higher_is_better BOOLEAN,
    legal_basis      VARCHAR,
    numerator        VARCHAR,
    denominator      VARCHAR,
    scale            DOUBLE,
    sort_order       INTEGER NOT NULL
);

CREATE TABLE source (
    source_id   VARCHAR PRIMARY KEY,        -- first 16 hex digits of sha256
    kind        VARCHAR NOT NULL,           -- report | sample | published | narrative
    title       VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL UNIQUE,
    loaded_at   TIMESTAMP NOT NULL
);

CREATE TABLE observation (
    indicator   VARCHAR NOT NULL,
    unit_id     VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    value       DOUBLE NOT NULL,            -- a missing cell is no row: not reported is not zero
    period_type VARCHAR NOT NULL,           -- year (h1, as_of, multi_year for published figures)
    is_approx   BOOLEAN NOT NULL,
    source_id   VARCHAR NOT NULL,
    row_ref     VARCHAR NOT NULL            -- sheet!row in the source file ("dòng n" in a long-form file)
    -- One value per indicator, unit, year, period type and source: checked after loading (etl/build.py), as
    -- a key index over millions of values would cost more time and memory than the whole rest of a build.
);

-- Values a later load of the same province and year replaced: kept for the record, never shown as current.
CREATE TABLE replaced_observation AS SELECT * FROM observation WITH NO DATA;

-- One row per load and sheet (data/reports/loads.csv, read at every build).
CREATE TABLE load_history (
    load_id     INTEGER NOT NULL,
    file_name   VARCHAR NOT NULL,           -- as the officer named it
    sha256      VARCHAR NOT NULL,
    province    VARCHAR,                    -- NULL for an unloaded file (not read again)
    year        INTEGER,
    n_values    INTEGER,
    loaded_at   TIMESTAMP NOT NULL,
    unloaded_at TIMESTAMP,
    status      VARCHAR NOT NULL,           -- active | replaced | unloaded | missing (file gone)
    replaced_by INTEGER                     -- the load that replaced this sheet
);

-- Real figures from public reports and news (data/reference/published_figures.csv) and figures a person
-- accepted from a narrative text (data/narrative/), each with its link or file and its sentence. Kept apart
-- from reported values: they are shown beside them, never summed with them.
CREATE TABLE published_figure (
    line           INTEGER NOT NULL,        -- line in its file
    province_text  VARCHAR NOT NULL,        -- as published: "TP. Hồ Chí Minh", "Huế", "Toàn quốc"
    district_text  VARCHAR,
    unit_id        VARCHAR,                 -- NULL when the name matched no unit (the build says so)
    indicator      VARCHAR,                 -- NULL for a figure the catalogue has no indicator for
    label          VARCHAR,                 -- the source's own words for what it counts, when given
    year           INTEGER NOT NULL,
    value          DOUBLE NOT NULL,
    unit_text      VARCHAR NOT NULL,
    is_approx      BOOLEAN NOT NULL,        -- "gần", "hơn", "khoảng", rounded
    year_uncertain BOOLEAN NOT NULL,        -- [YEAR UNCERTAIN] in the source: never charted as certain
    period_type    VARCHAR NOT NULL,        -- year | other (partial year, cumulative, target, result)
    source_url     VARCHAR NOT NULL,
    published_on   DATE,
    quote          VARCHAR NOT NULL,
    source_kind    VARCHAR NOT NULL,        -- published | narrative (accepted from a text, data/narrative/)
    file_name      VARCHAR NOT NULL,        -- the file the row is in
    char_start     INTEGER,                 -- narrative: the figure's span in its text (NFC characters)
    char_end       INTEGER
);

CREATE TABLE plan (
    plan_id       VARCHAR PRIMARY KEY,
    title_vi      VARCHAR NOT NULL,
    title_en      VARCHAR NOT NULL,
    issuer        VARCHAR NOT NULL,
    scope         VARCHAR NOT NULL,         -- as written: a province, or Toàn quốc
    scope_unit_id VARCHAR,                  -- NULL: national, applies to every province
    issued_on     DATE NOT NULL,
    source_url    VARCHAR NOT NULL
);

CREATE TABLE target (
    plan_id    VARCHAR NOT NULL,
    indicator  VARCHAR,                     -- NULL: a target no reported indicator measures
    year       INTEGER NOT NULL,
    comparator VARCHAR NOT NULL,            -- ge | le | change_le | change_ge (percent change on last year)
    value      DOUBLE NOT NULL,
    text_vi    VARCHAR NOT NULL,
    text_en    VARCHAR NOT NULL
);

CREATE TABLE build_info (
    built_at       TIMESTAMP NOT NULL,
    n_sources      INTEGER NOT NULL,
    n_observations INTEGER NOT NULL,
    code_version   VARCHAR NOT NULL         -- fingerprint of the SQL and catalogue that built it
);

-- Data quality (etl/quality.py, data/reference/quality.toml), worked out at every build.
CREATE TABLE dq_rule (
    code       VARCHAR PRIMARY KEY,
    kind       VARCHAR NOT NULL,            -- consistency | outlier
    severity   VARCHAR NOT NULL,            -- error | warning | info, as configured
    title_vi   VARCHAR NOT NULL,
    title_en   VARCHAR NOT NULL,
    message_vi VARCHAR NOT NULL,            -- str.format templates: {value}, {other_value}, {low}, {high}…
    message_en VARCHAR NOT NULL,
    settings   VARCHAR NOT NULL,            -- the thresholds it ran with, "factor = 3, min_value = 10"
    sort_order INTEGER NOT NULL
);

-- One row per value a rule questions.
CREATE TABLE dq_finding (
    rule            VARCHAR NOT NULL,
    severity        VARCHAR NOT NULL,
    unit_id         VARCHAR NOT NULL,
    province_id     VARCHAR NOT NULL,
    indicator       VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    value           DOUBLE,                 -- the value questioned
    other_indicator VARCHAR,                -- what it is compared with: the whole of a part…
    other_value     DOUBLE,                 -- …its value, the year before, the published figure
    other_year      INTEGER,
    expected_low    DOUBLE,                 -- the range it was expected in (outliers, shares)
    expected_high   DOUBLE,
    score           DOUBLE,                 -- modified z-score; percent apart from a published figure
    source_id       VARCHAR,
    source_file     VARCHAR,                -- where to look: the report file and its sheet!row,
    row_ref         VARCHAR,                -- or the published-figures file and its line
    source_url      VARCHAR,
    is_sample       BOOLEAN NOT NULL
);

-- How many indicators of each group every unit (district before 2025, commune after) gave, out of those its
-- province reported that year; complete when n_values = n_expected, not reported when n_values = 0.
CREATE TABLE dq_completeness (
    system      VARCHAR NOT NULL,
    province_id VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    topic       VARCHAR NOT NULL,           -- the indicator group: network, violence, training…
    unit_id     VARCHAR NOT NULL,
    n_values    INTEGER NOT NULL,
    n_expected  INTEGER NOT NULL
);
