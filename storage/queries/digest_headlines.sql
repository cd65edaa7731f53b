-- Per topic, the day's most confidently tagged headlines.
WITH scored AS (
    SELECT t.label AS topic, a.title, a.url, t.score,
           row_number() OVER (PARTITION BY t.label ORDER BY t.score DESC, a.published_at DESC) AS rank
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= $start AND a.published_at < $end
),
final AS (
    SELECT topic, title, url, score FROM scored WHERE rank <= $per_topic
)
SELECT * FROM final ORDER BY topic, score DESC;
