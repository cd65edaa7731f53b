-- Stories (near-duplicates once) per topic per local day in $tz, [$first_day, $last_day], every topic of the window on every day (zeros kept).
WITH days AS (
    SELECT CAST(generate_series AS DATE) AS day
    FROM generate_series(CAST($first_day AS TIMESTAMP), CAST($last_day AS TIMESTAMP), INTERVAL 1 DAY)
),
tagged AS (
    -- the coarse UTC bounds only let DuckDB skip old row groups; the local date decides
    SELECT t.topic, a.story_id, CAST(timezone($tz, a.published_at) AS DATE) AS day
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= CAST($first_day AS TIMESTAMPTZ) - INTERVAL 1 DAY
      AND a.published_at < CAST($last_day AS TIMESTAMPTZ) + INTERVAL 2 DAY
),
in_window AS (
    SELECT * FROM tagged WHERE day BETWEEN $first_day AND $last_day
),
counts AS (
    SELECT day, topic, count(DISTINCT story_id) AS stories FROM in_window GROUP BY day, topic
),
grid AS (
    SELECT d.day, t.topic FROM days AS d CROSS JOIN (SELECT DISTINCT topic FROM in_window) AS t
),
final AS (
    SELECT g.day, g.topic, coalesce(n.stories, 0) AS stories
    FROM grid AS g
    LEFT JOIN counts AS n ON n.day = g.day AND n.topic = g.topic
)
SELECT * FROM final ORDER BY day, topic;
