-- Money and percentage figures of the day that say what they measure, biggest share first.
WITH day_figures AS (
    SELECT f.text, f.value, f.unit, f.measure, f.period, a.title, a.url
    FROM figures AS f
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.published_at >= $start AND a.published_at < $end
      AND f.measure IS NOT NULL AND f.unit <> 'count'
),
final AS (
    SELECT DISTINCT text, value, unit, measure, period, title, url FROM day_figures
)
SELECT * FROM final ORDER BY unit = 'percent', value DESC LIMIT $limit;
