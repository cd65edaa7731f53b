-- Stories (near-duplicates once) per topic per local day in $tz, [$first_day, $last_day], every topic of the window on every day (zeros kept).
-- Reads digest_topic_rows (digest_topic_rows.sql: the current topic tags of exactly these local days).
WITH days AS (
    SELECT CAST(generate_series AS DATE) AS day
    FROM generate_series(CAST($first_day AS TIMESTAMP), CAST($last_day AS TIMESTAMP), INTERVAL 1 DAY)
),
tagged AS (
    SELECT topic, story_id, CAST(timezone($tz, published_at) AS DATE) AS day
    FROM digest_topic_rows
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
