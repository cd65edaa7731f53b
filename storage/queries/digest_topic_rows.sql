-- The topic tags of the current analyses of every article published in the chart's local days
-- [$window_start, $window_end) (14 days, which hold the topic change's 8 and the day): read once into
-- the temporary table digest_topic_rows, which digest_volume, digest_topics and digest_headlines then
-- filter, instead of each joining topics, analyses and articles again.
CREATE OR REPLACE TEMP TABLE digest_topic_rows AS
WITH window_articles AS (
    SELECT article_id, story_id, published_at
    FROM articles
    WHERE published_at >= $window_start AND published_at < $window_end
),
-- @include newest_analyses.part.sql
final AS (
    SELECT t.topic, t.score, w.story_id, w.published_at
    FROM window_articles AS w
    JOIN latest AS l USING (article_id)
    JOIN topics AS t USING (article_id, pipeline_version)
    WHERE t.published_day BETWEEN CAST(timezone('UTC', $window_start) AS DATE)
                              AND CAST(timezone('UTC', $window_end) AS DATE)
)
SELECT * FROM final;
