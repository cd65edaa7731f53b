-- Money and percentage figures of the day that say what they measure, biggest share first; a figure
-- repeated by copies of one story in several outlets is listed once. The day's articles come first and
-- only their analyses are ranked (newest analysed_at, then pipeline_version: current_analyses).
WITH window_articles AS (
    SELECT article_id, title, url, language, story_id, published_at
    FROM articles
    WHERE published_at >= $start AND published_at < $end
),
-- @include newest_analyses.part.sql
day_figures AS (
    SELECT f.text, f.value, f.unit, f.measure, f.period, d.title, d.url, d.language, d.story_id, d.published_at, d.article_id
    FROM window_articles AS d
    JOIN latest AS l USING (article_id)
    JOIN figures AS f USING (article_id, pipeline_version)
    WHERE f.measure IS NOT NULL AND f.unit <> 'count'
),
final AS (
    SELECT arg_min(text, (published_at, article_id)) AS text, value, unit, measure,
           arg_min(period, (published_at, article_id)) AS period,
           arg_min(title, (published_at, article_id)) AS title, arg_min(url, (published_at, article_id)) AS url,
           arg_min(language, (published_at, article_id)) AS language
    FROM day_figures
    GROUP BY story_id, value, unit, measure
)
SELECT * FROM final ORDER BY unit = 'percent', value DESC, title, url, text, measure, period LIMIT $limit;
