-- Money and percentage figures of the day that say what they measure, biggest share first; a figure
-- repeated by copies of one story in several outlets is listed once.
WITH day_figures AS (
    SELECT f.text, f.value, f.unit, f.measure, f.period, a.title, a.url, a.story_id, a.published_at, a.article_id
    FROM figures AS f
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= $start AND a.published_at < $end
      AND f.measure IS NOT NULL AND f.unit <> 'count'
),
final AS (
    SELECT arg_min(text, (published_at, article_id)) AS text, value, unit, measure,
           arg_min(period, (published_at, article_id)) AS period,
           arg_min(title, (published_at, article_id)) AS title, arg_min(url, (published_at, article_id)) AS url
    FROM day_figures
    GROUP BY story_id, value, unit, measure
)
SELECT * FROM final ORDER BY unit = 'percent', value DESC, title, url, text, measure, period LIMIT $limit;
