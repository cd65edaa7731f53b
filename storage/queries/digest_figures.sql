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
      AND f.published_day BETWEEN CAST(timezone('UTC', $start) AS DATE) AND CAST(timezone('UTC', $end) AS DATE)
),
per_figure AS (
    -- one ordered pick per figure: the columns of its first source
    SELECT value, unit, measure,
           arg_min(struct_pack(text, period, title, url, language), (published_at, article_id)) AS first
    FROM day_figures
    GROUP BY story_id, value, unit, measure
),
final AS (
    SELECT first.text, value, unit, measure, first.period, first.title, first.url, first.language
    FROM per_figure
)
SELECT * FROM final ORDER BY unit = 'percent', value DESC, title, url, text, measure, period LIMIT $limit;
