-- Stories per topic on the day [$start, $end) against the daily mean of the 7 local days before it,
-- [$trail_start, $start): local midnights, so a week with a DST change still has 7 whole days.
-- Near-duplicates (one wire story in several outlets) count once: a story is on the day it first appeared.
WITH current_topics AS (
    SELECT t.topic, a.story_id, a.published_at
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= $trail_start AND a.published_at < $end
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
