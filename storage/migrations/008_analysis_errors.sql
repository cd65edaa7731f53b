-- Failure isolation: an article that cannot be analysed is recorded here and skipped, never holding
-- back the others; an analysis of a text cut to the analysis limit says so.
CREATE TABLE analysis_errors (
    article_id       VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    stage            VARCHAR NOT NULL,
    message          VARCHAR NOT NULL,
    attempts         INTEGER NOT NULL,
    first_at         TIMESTAMPTZ NOT NULL,
    last_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, pipeline_version)
);
COMMENT ON TABLE analysis_errors IS
    'Articles a pipeline version failed to analyse: the stage (parse, extract, topics), the last message, attempts so far; retried on later runs until attempts reach the limit, deleted once analysed.';
COMMENT ON COLUMN analysis_errors.stage IS 'parse (spaCy), extract (records from the parse) or topics (the classifier).';
COMMENT ON COLUMN analysis_errors.attempts IS
    'Runs that tried this content and failed; at the limit (3) the article is skipped until its content or the pipeline version changes.';

ALTER TABLE analyses ADD COLUMN truncated BOOLEAN NOT NULL DEFAULT false;
COMMENT ON COLUMN analyses.truncated IS
    'True when the title or text was cut to the analysis limit (300 and 1,000,000 characters) before analysis.';
