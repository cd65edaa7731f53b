-- Included by digest_claims and digest_headlines: `story_outlets`, as the story_outlets view, for the
-- stories of their `outlet_stories` only (the view reads the whole history).
story_outlets AS (
    SELECT DISTINCT a.story_id, coalesce(f.name, af.feed_url) AS outlet
    FROM articles AS a
    JOIN article_feeds AS af USING (article_id)
    LEFT JOIN feeds AS f ON f.url = af.feed_url
    WHERE a.story_id IN (SELECT story_id FROM outlet_stories)
),
