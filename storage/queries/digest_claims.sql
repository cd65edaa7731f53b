-- Tariff claims whose first appearance falls on the day, with every source that carried them.
-- novelty: the alert's kind when one was recorded (new or escalation), else escalation when the
-- claim states the rate it replaces; previous_rate: the rate stated, else the one the alert compared;
-- background: every source only restated the measure as in force or past (never alerted, shown as such);
-- stories: distinct stories carrying it (copies of one wire story count once); outlets: every outlet that ran them.
-- A key's first appearance is the earliest of its current claims (an analysis is current when it is its
-- article's newest by analysed_at, then pipeline_version, as in current_analyses), kept by the writer in
-- claim_first_seen; only the current claims of the day's new keys are read. Everything is computed from
-- narrow rows (no text); the wide ones (evidence, sectors, url, title) are read for each new key's first
-- source only, so the history's first day, where every key is new, costs little more than another.
WITH first_seen AS (
    SELECT claim_key, first_seen_at
    FROM claim_first_seen
    WHERE first_seen_at >= $start AND first_seen_at < $end
),
key_claims AS (
    SELECT claim_key, article_id, pipeline_version, position, background, rate, previous_rate
    FROM tariff_claims
    WHERE claim_key IN (SELECT claim_key FROM first_seen)
),
latest AS (
    SELECT article_id, arg_max(pipeline_version, (analysed_at, pipeline_version)) AS pipeline_version
    FROM analyses
    WHERE article_id IN (SELECT article_id FROM key_claims)
    GROUP BY article_id
),
claims AS (
    SELECT c.*, a.published_at, a.story_id
    FROM key_claims AS c
    JOIN latest AS l USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
),
key_stories AS (
    SELECT DISTINCT claim_key, story_id FROM claims
),
outlet_stories AS (
    SELECT DISTINCT story_id FROM key_stories
),
-- @include story_outlets.part.sql
outlets AS (
    SELECT c.claim_key, list(DISTINCT o.outlet ORDER BY o.outlet) AS outlets
    FROM key_stories AS c
    JOIN story_outlets AS o USING (story_id)
    GROUP BY c.claim_key
),
story_counts AS (
    SELECT claim_key, count(*) AS stories FROM key_stories GROUP BY claim_key
),
per_key AS (
    SELECT
        claim_key,
        arg_min((article_id, pipeline_version, position), (published_at, article_id, position)) AS first_source,
        max(previous_rate) AS stated_previous_rate,
        CASE WHEN max(previous_rate) <> any_value(rate) THEN 'escalation' ELSE 'new' END AS stated_novelty,
        bool_and(background) AS background
    FROM claims
    GROUP BY claim_key
),
final AS (
    SELECT
        k.claim_key, tc.imposer, tc.target, tc.sectors, tc.action, tc.rate,
        coalesce(k.stated_previous_rate, al.previous_rate) AS previous_rate,
        coalesce(al.kind, k.stated_novelty) AS novelty,
        k.background, tc.evidence, a.url, a.title, a.language, s.stories,  -- language: of the title and evidence
        coalesce(o.outlets, []::VARCHAR[]) AS outlets,
        f.first_seen_at
    FROM per_key AS k
    JOIN first_seen AS f USING (claim_key)
    JOIN story_counts AS s USING (claim_key)
    -- the first source was published on the day (its time is first_seen_at): only the day's rows are read
    JOIN tariff_claims AS tc ON (tc.article_id, tc.pipeline_version, tc.position) = (
        k.first_source[1], k.first_source[2], k.first_source[3])
        AND tc.published_day BETWEEN CAST(timezone('UTC', $start) AS DATE) AND CAST(timezone('UTC', $end) AS DATE)
    JOIN articles AS a ON a.article_id = k.first_source[1] AND a.published_at >= $start AND a.published_at < $end
    LEFT JOIN alerts AS al USING (claim_key)
    LEFT JOIN outlets AS o USING (claim_key)
)
SELECT * FROM final ORDER BY len(outlets) DESC, stories DESC, first_seen_at, claim_key;
