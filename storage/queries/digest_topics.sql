-- Articles per topic on the day [$start, $end) against the daily mean of the 7 local days before it,
-- [$trail_start, $start): local midnights, so a week with a DST change still has 7 whole days.
WITH current_topics AS (
    SELECT t.article_id, t.label, a.published_at
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= $trail_start AND a.published_at < $end
),
per_topic AS (
    SELECT
        label AS topic,
        count(DISTINCT article_id) FILTER (WHERE published_at >= $start) AS articles,
        count(DISTINCT article_id) FILTER (WHERE published_at < $start) / 7.0 AS trailing_mean
    FROM current_topics
    GROUP BY label
),
final AS (
    SELECT topic, articles, round(trailing_mean, 2) AS trailing_mean,
           round(articles - trailing_mean, 2) AS change
    FROM per_topic
    WHERE articles > 0
)
SELECT * FROM final ORDER BY articles DESC, topic;
