-- Analyst views. Each reads only the newest analysis of every article.
CREATE VIEW current_analyses AS
WITH ranked AS (
    SELECT
        article_id,
        pipeline_version,
        analysed_at,
        row_number() OVER (PARTITION BY article_id ORDER BY analysed_at DESC, pipeline_version DESC) AS rn
    FROM analyses
),
final AS (
    SELECT article_id, pipeline_version, analysed_at FROM ranked WHERE rn = 1
)
SELECT * FROM final;
COMMENT ON VIEW current_analyses IS 'The newest analysis of each article; other views join on it.';

CREATE VIEW daily_topics AS
WITH current_topics AS (
    SELECT t.article_id, t.label
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
),
dated AS (
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, ct.label, ct.article_id
    FROM current_topics AS ct
    JOIN articles AS a USING (article_id)
),
final AS (
    SELECT day, label AS topic, count(DISTINCT article_id) AS articles
    FROM dated
    GROUP BY day, label
)
SELECT * FROM final;
COMMENT ON VIEW daily_topics IS 'Articles per topic per UTC day of publication.';

CREATE VIEW new_tariff_claims AS
WITH current_claims AS (
    SELECT tc.*, a.title, a.url, a.published_at
    FROM tariff_claims AS tc
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
),
final AS (
    SELECT
        claim_key,
        any_value(imposer) AS imposer,
        any_value(target) AS target,
        any_value(sectors) AS sectors,
        any_value(action) AS action,
        any_value(rate) AS rate,
        min(published_at) AS first_seen_at,
        count(DISTINCT article_id) AS articles,
        arg_min(evidence, published_at) AS evidence,
        arg_min(title, published_at) AS first_title,
        arg_min(url, published_at) AS first_url
    FROM current_claims
    GROUP BY claim_key
)
SELECT * FROM final;
COMMENT ON VIEW new_tariff_claims IS 'Each distinct tariff claim once, with when and where it first appeared.';

CREATE VIEW actor_mentions_daily AS
WITH current_actors AS (
    SELECT ac.*
    FROM actors AS ac
    JOIN current_analyses AS c USING (article_id, pipeline_version)
),
dated AS (
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, ca.*
    FROM current_actors AS ca
    JOIN articles AS a USING (article_id)
),
final AS (
    SELECT
        day,
        name,
        kind,
        coalesce(code, country) AS code,
        count(DISTINCT article_id) AS articles,
        sum(mentions) AS mentions
    FROM dated
    GROUP BY day, name, kind, coalesce(code, country)
)
SELECT * FROM final;
COMMENT ON VIEW actor_mentions_daily IS 'Articles and mentions per actor per UTC day of publication.';

CREATE VIEW figures_by_measure AS
WITH current_figures AS (
    SELECT f.*, a.published_at
    FROM figures AS f
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE f.measure IS NOT NULL
),
final AS (
    SELECT
        lower(measure) AS measure,
        unit,
        count(*) AS figures,
        count(DISTINCT article_id) AS articles,
        min(value) AS min_value,
        median(value) AS median_value,
        max(value) AS max_value,
        arg_max(value, published_at) AS latest_value,
        max(published_at) AS latest_at
    FROM current_figures
    GROUP BY lower(measure), unit
)
SELECT * FROM final;
COMMENT ON VIEW figures_by_measure IS 'Figures grouped by what they measure and their unit.';
