-- Most-mentioned actors of the day's stories (near-duplicate articles count once).
WITH day_actors AS (
    SELECT ac.name, ac.kind, coalesce(ac.code, ac.country) AS code, a.story_id, ac.mentions
    FROM actors AS ac
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= $start AND a.published_at < $end
),
final AS (
    SELECT name, kind, any_value(code) AS code, count(DISTINCT story_id) AS stories,
           sum(mentions) AS mentions
    FROM day_actors
    GROUP BY name, kind
)
SELECT * FROM final ORDER BY stories DESC, mentions DESC, name, kind LIMIT $limit;
