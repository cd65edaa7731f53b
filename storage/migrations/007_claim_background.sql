-- Tariff claims that restate a measure already in force or past ("the 25% levy imposed in March",
-- "since Washington imposed 50% duties in June"): the digest may show them, alerts never send them as new.
ALTER TABLE tariff_claims ADD COLUMN background BOOLEAN NOT NULL DEFAULT false;

COMMENT ON COLUMN tariff_claims.background IS
    'True when the sentence restates a measure already in force or past; such a claim is never alerted as new.';

-- The analysts' view of claims says whether every source only restated the measure.
CREATE OR REPLACE VIEW new_tariff_claims AS
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
        arg_min(url, published_at) AS first_url,
        bool_and(background) AS background
    FROM current_claims
    GROUP BY claim_key
)
SELECT * FROM final;
COMMENT ON VIEW new_tariff_claims IS
    'Each distinct tariff claim once, with when and where it first appeared; background when every source only restated it.';
