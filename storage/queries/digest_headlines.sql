-- The day's stories that carry a dispute topic, each once (near-duplicates in several outlets are one
-- story), with all its topics best first and every outlet that ran it (that day or since); widest coverage first.
WITH day_articles AS (
    SELECT a.article_id, a.story_id, a.title, a.url, a.published_at
    FROM articles AS a
    WHERE a.published_at >= $start AND a.published_at < $end
),
tagged AS (
    SELECT d.story_id, t.topic, max(t.score) AS score
    FROM day_articles AS d
    JOIN current_analyses AS c USING (article_id)
    JOIN topics AS t USING (article_id, pipeline_version)
    GROUP BY d.story_id, t.topic
),
per_story AS (
    SELECT story_id, arg_min(title, (published_at, article_id)) AS title,
           arg_min(url, (published_at, article_id)) AS url, count(*) AS articles
    FROM day_articles
    GROUP BY story_id
),
final AS (
    SELECT
        p.story_id,
        p.title,
        p.url,
        p.articles,
        (SELECT list(topic ORDER BY score DESC, topic) FROM tagged AS t WHERE t.story_id = p.story_id) AS topics,
        (SELECT max(score) FROM tagged AS t WHERE t.story_id = p.story_id) AS score,
        coalesce((SELECT list(outlet ORDER BY outlet) FROM story_outlets AS o WHERE o.story_id = p.story_id),
                 []::VARCHAR[]) AS outlets
    FROM per_story AS p
    WHERE EXISTS (SELECT 1 FROM tagged AS t WHERE t.story_id = p.story_id)
)
SELECT * FROM final ORDER BY len(outlets) DESC, score DESC, title, story_id LIMIT $limit;
