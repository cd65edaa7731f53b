-- Full-text feeds: an article whose page could not be fetched or extracted keeps the feed's text
-- and says why, so a monitoring team can tell a teaser from a story.
ALTER TABLE articles ADD COLUMN fulltext_error VARCHAR;
COMMENT ON COLUMN articles.fulltext_error IS
    'Why the page text of a full-text feed''s article is missing (HTTP error, timeout, nothing extracted); NULL otherwise.';
