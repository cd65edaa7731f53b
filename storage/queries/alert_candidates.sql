-- Tariff claims of the current analyses that have no alerts row yet: one row per claim_key with
-- every article that carried it as news (once per article, earliest first). A claim that only restates a
-- measure in force or past (`background`) is never a candidate. `position` is the claim's place in its
-- earliest article and `effective_published_at` the publication time of the article that gave the
-- effective date, which relative dates ("Tuesday") are read against.
WITH current_claims AS (
    SELECT tc.claim_key, tc.article_id, tc.position, tc.imposer, tc.target, list_sort(tc.sectors) AS sectors,
           tc.action, tc.rate, tc.previous_rate, tc.effective_date, tc.evidence,
           a.url, a.title, a.language, a.published_at, a.fetched_at
    FROM tariff_claims AS tc
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE NOT tc.background
      AND NOT EXISTS (SELECT 1 FROM alerts AS al WHERE al.claim_key = tc.claim_key)
),
per_article AS (
    SELECT
        claim_key,
        article_id,
        any_value(imposer) AS imposer,
        any_value(target) AS target,
        any_value(sectors) AS sectors,
        any_value(action) AS action,
        any_value(rate) AS rate,
        max(previous_rate) AS previous_rate,
        max(effective_date) AS effective_date,
        arg_min(evidence, position) AS evidence,
        min(position) AS position,
        any_value(url) AS url,
        any_value(title) AS title,
        any_value(language) AS language,
        any_value(published_at) AS published_at,
        any_value(fetched_at) AS fetched_at
    FROM current_claims
    GROUP BY claim_key, article_id
),
final AS (
    SELECT
        claim_key,
        any_value(imposer) AS imposer,
        any_value(target) AS target,
        any_value(sectors) AS sectors,
        any_value(action) AS action,
        any_value(rate) AS rate,
        max(previous_rate) AS previous_rate,
        arg_min(effective_date, published_at) FILTER (WHERE effective_date IS NOT NULL) AS effective_date,
        min(published_at) FILTER (WHERE effective_date IS NOT NULL) AS effective_published_at,
        arg_min(evidence, (published_at, article_id)) AS evidence,
        arg_min(language, (published_at, article_id)) AS language,  -- of the evidence
        arg_min(position, (published_at, article_id)) AS position,
        min(published_at) AS first_seen_at,
        max(fetched_at) AS last_fetched_at,
        list(struct_pack(article_id, url, title, language, published_at) ORDER BY published_at, article_id) AS sources
    FROM per_article
    GROUP BY claim_key
)
SELECT * FROM final ORDER BY first_seen_at, position, claim_key;
