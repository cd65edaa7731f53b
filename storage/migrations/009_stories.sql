-- Stories: near-duplicate articles (one wire story under other URLs, headlines and bylines) share a
-- story_id, the article_id of the story's first article. Until newsmon.stories has compared an
-- article with its neighbours (at its next ingest, which backfills older rows too), it is a story
-- of its own.
ALTER TABLE articles ADD COLUMN story_id VARCHAR;
UPDATE articles SET story_id = article_id;

COMMENT ON COLUMN articles.story_id IS
    'The story this article belongs to: the article_id of its first near-duplicate (MinHash over word shingles); its own id when it has none.';

CREATE TABLE story_signatures (
    article_id   VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    signature    BLOB NOT NULL
);
COMMENT ON TABLE story_signatures IS
    'The MinHash signature of each article''s normalised title and text, for the content it was computed from; the LSH index of a run is rebuilt from the rows of a few days around the new articles.';
