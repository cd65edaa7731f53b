-- Feeds, fetch attempts and articles: what ingest writes.
CREATE TABLE feeds (
    url                  VARCHAR PRIMARY KEY,
    name                 VARCHAR,
    tags                 VARCHAR[],
    etag                 VARCHAR,
    last_modified        VARCHAR,
    last_status          INTEGER,
    last_error           VARCHAR,
    last_fetched_at      TIMESTAMPTZ,
    last_success_at      TIMESTAMPTZ,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ,
    disabled             BOOLEAN NOT NULL DEFAULT false
);
COMMENT ON TABLE feeds IS 'One row per configured feed: conditional-GET validators and health.';

CREATE SEQUENCE fetch_id_seq;
CREATE TABLE fetches (
    fetch_id      BIGINT PRIMARY KEY DEFAULT nextval('fetch_id_seq'),
    feed_url      VARCHAR NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    http_status   INTEGER,
    items_seen    INTEGER NOT NULL DEFAULT 0,
    items_new     INTEGER NOT NULL DEFAULT 0,
    items_updated INTEGER NOT NULL DEFAULT 0,
    bozo_reason   VARCHAR,
    error         VARCHAR
);
COMMENT ON TABLE fetches IS 'One row per fetch attempt of a feed: HTTP status, items seen/new, error.';

CREATE TABLE articles (
    article_id     VARCHAR PRIMARY KEY,
    feed_url       VARCHAR NOT NULL,
    url            VARCHAR,
    guid           VARCHAR,
    title          VARCHAR NOT NULL,
    summary        VARCHAR NOT NULL,
    summary_html   VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    published_at   TIMESTAMPTZ NOT NULL,
    date_from_feed BOOLEAN NOT NULL,
    fetched_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ,
    content_hash   VARCHAR NOT NULL
);
COMMENT ON TABLE articles IS 'One row per distinct story; feed_url is the feed it was first seen in.';

CREATE TABLE article_feeds (
    article_id    VARCHAR NOT NULL,
    feed_url      VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, feed_url)
);
COMMENT ON TABLE article_feeds IS 'Every feed an article appeared in (one story, many feeds).';
