-- Most-mentioned actors of the day's stories (near-duplicate articles count once). The day's articles
-- come first and only their analyses are ranked (newest analysed_at, then pipeline_version: current_analyses).
WITH window_articles AS (
    SELECT article_id, story_id
    FROM articles
    WHERE published_at >= $start AND published_at < $end
),
-- @include newest_analyses.part.sql
day_actors AS (
    SELECT ac.name, ac.kind, coalesce(ac.code, ac.country) AS code, d.story_id, ac.mentions
    FROM window_articles AS d
    JOIN latest AS l USING (article_id)
    JOIN actors AS ac USING (article_id, pipeline_version)
    WHERE ac.published_day BETWEEN CAST(timezone('UTC', $start) AS DATE) AND CAST(timezone('UTC', $end) AS DATE)
),
per_story AS (
    SELECT name, kind, story_id, any_value(code) AS code, sum(mentions) AS mentions
    FROM day_actors
    GROUP BY name, kind, story_id
),
final AS (
    SELECT name, kind, any_value(code) AS code, count(*) AS stories, sum(mentions) AS mentions
    FROM per_story
    GROUP BY name, kind
)
SELECT * FROM final ORDER BY stories DESC, mentions DESC, name, kind LIMIT $limit;
