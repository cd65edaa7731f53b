-- The day's stories that carry a dispute topic, each once (near-duplicates in several outlets are one
-- story), with all its topics best first and every outlet that ran it (that day or since); widest coverage first.
-- The day's current topic tags come from digest_topic_rows (digest_topic_rows.sql) and only the day's
-- stories' outlets are gathered, so the cost follows the day, not the history.
WITH window_articles AS (
    SELECT a.article_id, a.story_id, a.title, a.url, a.language, a.published_at
    FROM articles AS a
    WHERE a.published_at >= $start AND a.published_at < $end
),
tagged AS (
    SELECT story_id, topic, max(score) AS score
    FROM digest_topic_rows
    WHERE published_at >= $start AND published_at < $end
    GROUP BY story_id, topic
),
per_story AS (
    SELECT story_id, arg_min(title, (published_at, article_id)) AS title,
           arg_min(url, (published_at, article_id)) AS url,
           arg_min(language, (published_at, article_id)) AS language, count(*) AS articles
    FROM window_articles
    WHERE story_id IN (SELECT story_id FROM tagged)
    GROUP BY story_id
),
per_story_topics AS (
    SELECT story_id, list(topic ORDER BY score DESC, topic) AS topics, max(score) AS score
    FROM tagged
    GROUP BY story_id
),
outlet_stories AS (
    SELECT story_id FROM per_story
),
-- @include story_outlets.part.sql
per_story_outlets AS (
    SELECT story_id, list(outlet ORDER BY outlet) AS outlets FROM story_outlets GROUP BY story_id
),
final AS (
    SELECT
        p.story_id,
        p.title,
        p.url,
        p.language,
        p.articles,
        s.topics,
        s.score,
        coalesce(o.outlets, []::VARCHAR[]) AS outlets
    FROM per_story AS p
    JOIN per_story_topics AS s USING (story_id)
    LEFT JOIN per_story_outlets AS o USING (story_id)
)
SELECT * FROM final ORDER BY len(outlets) DESC, score DESC, title, story_id LIMIT $limit;
