-- Stories (near-duplicates once) per topic per local day in $tz, [$first_day, $last_day], every topic of the window on every day (zeros kept).
-- The window's articles come first and only their analyses are ranked (newest analysed_at, then
-- pipeline_version: current_analyses), so the cost follows the window, not the history.
WITH days AS (
    SELECT CAST(generate_series AS DATE) AS day
    FROM generate_series(CAST($first_day AS TIMESTAMP), CAST($last_day AS TIMESTAMP), INTERVAL 1 DAY)
),
nearby_articles AS (
    -- the coarse UTC bounds only let DuckDB skip old row groups; the local date decides
    SELECT article_id, story_id, CAST(timezone($tz, published_at) AS DATE) AS day
    FROM articles
    WHERE published_at >= CAST($first_day AS TIMESTAMPTZ) - INTERVAL 1 DAY
      AND published_at < CAST($last_day AS TIMESTAMPTZ) + INTERVAL 2 DAY
),
window_articles AS (
    SELECT * FROM nearby_articles WHERE day BETWEEN $first_day AND $last_day
),
-- @include newest_analyses.part.sql
tagged AS (
    SELECT t.topic, w.story_id, w.day
    FROM window_articles AS w
    JOIN latest AS l USING (article_id)
    JOIN topics AS t USING (article_id, pipeline_version)
),
counts AS (
    SELECT day, topic, count(DISTINCT story_id) AS stories FROM tagged GROUP BY day, topic
),
grid AS (
    SELECT d.day, t.topic FROM days AS d CROSS JOIN (SELECT DISTINCT topic FROM tagged) AS t
),
final AS (
    SELECT g.day, g.topic, coalesce(n.stories, 0) AS stories
    FROM grid AS g
    LEFT JOIN counts AS n ON n.day = g.day AND n.topic = g.topic
)
SELECT * FROM final ORDER BY day, topic;
