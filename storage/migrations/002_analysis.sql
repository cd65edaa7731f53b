-- What nlp.analyze returns, keyed by article and pipeline version.
CREATE TABLE analyses (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    analysed_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, pipeline_version)
);
COMMENT ON TABLE analyses IS 'One row per article analysed by a pipeline version, with the content it saw.';

CREATE TABLE actors (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,
    code             VARCHAR,
    country          VARCHAR,
    role             VARCHAR,
    mentions         INTEGER NOT NULL,
    PRIMARY KEY (article_id, pipeline_version, name, kind)
);
COMMENT ON TABLE actors IS 'People, organisations, countries, regions named in an article, canonicalised.';

CREATE TABLE sectors (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    sector           VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL,
    PRIMARY KEY (article_id, pipeline_version, sector)
);
COMMENT ON TABLE sectors IS 'Sectors of the taxonomy (nlp/data/sectors.toml) mentioned in an article.';

CREATE TABLE figures (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    position         INTEGER NOT NULL,
    text             VARCHAR NOT NULL,
    value            DOUBLE NOT NULL,
    unit             VARCHAR NOT NULL,
    qualifier        VARCHAR,
    measure          VARCHAR,
    period           VARCHAR,
    sentence         INTEGER NOT NULL,
    PRIMARY KEY (article_id, pipeline_version, position)
);
COMMENT ON TABLE figures IS 'Numbers with unit or currency, qualifier and what they measure.';

CREATE TABLE tariff_claims (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    position         INTEGER NOT NULL,
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
    PRIMARY KEY (article_id, pipeline_version, position)
);
COMMENT ON TABLE tariff_claims IS 'Who imposes (or threatens, lifts...) what tariff on whom, with the evidence sentence.';

CREATE TABLE topics (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    label            VARCHAR NOT NULL,
    score            DOUBLE NOT NULL,
    PRIMARY KEY (article_id, pipeline_version, label)
);
COMMENT ON TABLE topics IS 'Dispute topics whose calibrated score passed the label threshold.';

CREATE TABLE alerts (
    claim_key     VARCHAR PRIMARY KEY,
    first_seen_at TIMESTAMPTZ NOT NULL,
    article_ids   VARCHAR[] NOT NULL,
    summary       VARCHAR NOT NULL,
    delivered_at  TIMESTAMPTZ,
    channel       VARCHAR,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    VARCHAR
);
COMMENT ON TABLE alerts IS 'One row per tariff claim ever seen; delivered_at is set once its alert went out.';
