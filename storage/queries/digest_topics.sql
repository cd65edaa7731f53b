-- Stories per topic on the day [$start, $end) against the daily mean of the 7 local days before it,
-- [$trail_start, $start): local midnights, so a week with a DST change still has 7 whole days.
-- Near-duplicates (one wire story in several outlets) count once: a story is on the day it first appeared.
-- Reads digest_topic_rows (digest_topic_rows.sql: the current topic tags of the chart's 14 days, which hold these 8).
WITH current_topics AS (
    SELECT topic, story_id, published_at
    FROM digest_topic_rows
    WHERE published_at >= $trail_start AND published_at < $end
),
per_story AS (
    SELECT topic, story_id, min(published_at) AS published_at FROM current_topics GROUP BY topic, story_id
),
per_topic AS (
    SELECT
        topic,
        count(*) FILTER (WHERE published_at >= $start) AS stories,
        count(*) FILTER (WHERE published_at < $start) / 7.0 AS trailing_mean
    FROM per_story
    GROUP BY topic
),
final AS (
    SELECT topic, stories, round(trailing_mean, 2) AS trailing_mean,
           round(stories - trailing_mean, 2) AS change
    FROM per_topic
    WHERE stories > 0
)
SELECT * FROM final ORDER BY stories DESC, topic;
