-- Tariff claims whose first appearance falls on the day, with every source that carried them.
-- novelty: the alert's kind when one was recorded (new or escalation), else escalation when the
-- claim states the rate it replaces; previous_rate: the rate stated, else the one the alert compared;
-- background: every source only restated the measure as in force or past (never alerted, shown as such);
-- stories: distinct stories carrying it (copies of one wire story count once); outlets: every outlet that ran them.
-- Only the claim keys of the day's current analyses can be new on the day: their first appearance is
-- the earliest of their current claims (an analysis is current when it is its article's newest by
-- analysed_at, then pipeline_version, as in current_analyses), and only the new keys are gathered in full.
WITH latest AS (
    SELECT article_id, arg_max(pipeline_version, (analysed_at, pipeline_version)) AS pipeline_version
    FROM analyses
    GROUP BY article_id
),
first_seen AS (
    SELECT tc.claim_key, min(a.published_at) AS first_seen_at
    FROM tariff_claims AS tc
    JOIN latest AS l USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    GROUP BY tc.claim_key
    HAVING min(a.published_at) >= $start AND min(a.published_at) < $end
),
claims AS (
    SELECT tc.claim_key, tc.imposer, tc.target, tc.sectors, tc.action, tc.rate, tc.previous_rate,
           tc.evidence, tc.background, a.url, a.title, a.language, a.published_at, a.story_id, a.article_id
    FROM tariff_claims AS tc
    JOIN latest AS l USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE tc.claim_key IN (SELECT claim_key FROM first_seen)
),
outlet_stories AS (
    SELECT story_id FROM claims
),
-- @include story_outlets.part.sql
outlets AS (
    SELECT c.claim_key, list(DISTINCT o.outlet ORDER BY o.outlet) AS outlets
    FROM claims AS c
    JOIN story_outlets AS o USING (story_id)
    GROUP BY c.claim_key
),
final AS (
    SELECT
        c.claim_key,
        any_value(c.imposer) AS imposer,
        any_value(c.target) AS target,
        arg_min(c.sectors, (c.published_at, c.article_id)) AS sectors,  -- the first source's order (the key sorts them)
        any_value(c.action) AS action,
        any_value(c.rate) AS rate,
        coalesce(max(c.previous_rate), any_value(al.previous_rate)) AS previous_rate,
        coalesce(any_value(al.kind),
                 CASE WHEN max(c.previous_rate) <> any_value(c.rate) THEN 'escalation' ELSE 'new' END) AS novelty,
        bool_and(c.background) AS background,
        arg_min(c.evidence, (c.published_at, c.article_id)) AS evidence,
        arg_min(c.url, (c.published_at, c.article_id)) AS url,
        arg_min(c.title, (c.published_at, c.article_id)) AS title,
        arg_min(c.language, (c.published_at, c.article_id)) AS language,  -- of the title and evidence
        count(DISTINCT c.story_id) AS stories,
        coalesce(any_value(o.outlets), []::VARCHAR[]) AS outlets,
        f.first_seen_at
    FROM claims AS c
    JOIN first_seen AS f USING (claim_key)
    LEFT JOIN alerts AS al USING (claim_key)
    LEFT JOIN outlets AS o USING (claim_key)
    GROUP BY c.claim_key, f.first_seen_at
)
SELECT * FROM final ORDER BY len(outlets) DESC, stories DESC, first_seen_at, claim_key;
