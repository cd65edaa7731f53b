-- The language of each article (ISO 639-1, nlp.language): ingest fills it for new articles and
-- `fill_languages` for the ones stored before this column existed.
ALTER TABLE articles ADD COLUMN language VARCHAR;
COMMENT ON COLUMN articles.language IS 'ISO 639-1 code: identified from the text, else the feed''s declared language; NULL: no letters';
