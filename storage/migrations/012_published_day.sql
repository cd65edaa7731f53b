-- The digest of a day reads only that day's actors, figures, tariff claims and topics, but their rows
-- are keyed by article, not by date, so every query read its table whole (1.3 million actor rows at
-- 100,000 articles). Each row now carries its article's UTC day of publication (articles.published_at
-- never changes once stored), and the tables are rewritten in that order: DuckDB's zone maps then skip
-- the row groups of other days. The writer (storage.analyses.store_analyses) appends a chunk's rows,
-- which arrive roughly in publication order. NULL only for a row whose article is no longer stored.
CREATE TABLE actors_by_day (
    article_id       VARCHAR,
    pipeline_version VARCHAR,
    name             VARCHAR,
    kind             VARCHAR,
    code             VARCHAR,
    country          VARCHAR,
    role             VARCHAR,
    mentions         INTEGER NOT NULL,
    published_day    DATE,
    PRIMARY KEY (article_id, pipeline_version, name, kind)
);
INSERT INTO actors_by_day BY NAME
SELECT x.*, CAST(timezone('UTC', a.published_at) AS DATE) AS published_day
FROM actors AS x LEFT JOIN articles AS a USING (article_id)
ORDER BY published_day, x.article_id, x.pipeline_version, x.name, x.kind;
DROP TABLE actors;
ALTER TABLE actors_by_day RENAME TO actors;
COMMENT ON TABLE actors IS 'People, organisations, countries, regions named in an article, canonicalised.';

CREATE TABLE figures_by_day (
    article_id       VARCHAR,
    pipeline_version VARCHAR,
    position         INTEGER,
    text             VARCHAR NOT NULL,
    value            DOUBLE NOT NULL,
    unit             VARCHAR NOT NULL,
    qualifier        VARCHAR,
    measure          VARCHAR,
    period           VARCHAR,
    sentence         INTEGER NOT NULL,
    published_day    DATE,
    PRIMARY KEY (article_id, pipeline_version, position)
);
INSERT INTO figures_by_day BY NAME
SELECT x.*, CAST(timezone('UTC', a.published_at) AS DATE) AS published_day
FROM figures AS x LEFT JOIN articles AS a USING (article_id)
ORDER BY published_day, x.article_id, x.pipeline_version, x.position;
DROP TABLE figures;
ALTER TABLE figures_by_day RENAME TO figures;
COMMENT ON TABLE figures IS 'Numbers with unit or currency, qualifier and what they measure.';

CREATE TABLE tariff_claims_by_day (
    article_id       VARCHAR,
    pipeline_version VARCHAR,
    position         INTEGER,
    claim_key        VARCHAR NOT NULL,
    imposer          VARCHAR,
    target           VARCHAR,
    sectors          VARCHAR[] NOT NULL,
    action           VARCHAR NOT NULL,
    rate             DOUBLE,
    previous_rate    DOUBLE,
    effective_date   VARCHAR,
    sentence         INTEGER NOT NULL,
    evidence         VARCHAR NOT NULL,
    background       BOOLEAN NOT NULL DEFAULT false,
    published_day    DATE,
    PRIMARY KEY (article_id, pipeline_version, position)
);
INSERT INTO tariff_claims_by_day BY NAME
SELECT x.*, CAST(timezone('UTC', a.published_at) AS DATE) AS published_day
FROM tariff_claims AS x LEFT JOIN articles AS a USING (article_id)
ORDER BY published_day, x.article_id, x.pipeline_version, x.position;
DROP TABLE tariff_claims;
ALTER TABLE tariff_claims_by_day RENAME TO tariff_claims;
COMMENT ON TABLE tariff_claims IS 'Who imposes (or threatens, lifts...) what tariff on whom, with the evidence sentence.';
COMMENT ON COLUMN tariff_claims.background IS
    'True when the sentence restates a measure already in force or past; such a claim is never alerted as new.';

CREATE TABLE topics_by_day (
    article_id       VARCHAR,
    pipeline_version VARCHAR,
    topic            VARCHAR,
    score            DOUBLE NOT NULL,
    published_day    DATE,
    PRIMARY KEY (article_id, pipeline_version, topic)
);
INSERT INTO topics_by_day BY NAME
SELECT x.*, CAST(timezone('UTC', a.published_at) AS DATE) AS published_day
FROM topics AS x LEFT JOIN articles AS a USING (article_id)
ORDER BY published_day, x.article_id, x.pipeline_version, x.topic;
DROP TABLE topics;
ALTER TABLE topics_by_day RENAME TO topics;
COMMENT ON TABLE topics IS 'Dispute topics whose calibrated score passed the label threshold.';
COMMENT ON COLUMN topics.topic IS 'A topic of nlp.records.TOPICS whose calibrated score passed its threshold.';

COMMENT ON COLUMN actors.published_day IS
    'UTC date of the article''s published_at, so a day''s rows are found without reading the others.';
COMMENT ON COLUMN figures.published_day IS
    'UTC date of the article''s published_at, so a day''s rows are found without reading the others.';
COMMENT ON COLUMN tariff_claims.published_day IS
    'UTC date of the article''s published_at, so a day''s rows are found without reading the others.';
COMMENT ON COLUMN topics.published_day IS
    'UTC date of the article''s published_at, so a day''s rows are found without reading the others.';
