-- Stories (near-duplicate articles share a story_id), newest first: optionally those with a topic,
-- first published since a time, or whose articles' title or text contain every one of $words
-- (lower-case, plain substrings: no wildcards, no extension needed). Each with its outlets, topics
-- and claims, every claim once with the earliest sentence stating it.
WITH matching AS (
    SELECT DISTINCT a.story_id
    FROM articles AS a
    WHERE len(list_filter($words, lambda w: NOT contains(lower(a.title || ' ' || a.text), w))) = 0
),
claims AS (
    SELECT
        a.story_id,
        tc.claim_key,
        any_value(tc.imposer) AS imposer,
        any_value(tc.target) AS target,
        any_value(tc.action) AS action,
        any_value(tc.rate) AS rate,
        max(tc.previous_rate) AS previous_rate,
        any_value(tc.sectors) AS sectors,
        bool_and(tc.background) AS background,
        arg_min(tc.evidence, (a.published_at, tc.position)) AS evidence,
        min(a.published_at) AS first_seen_at
    FROM tariff_claims AS tc
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE a.story_id IN (SELECT story_id FROM matching)
    GROUP BY a.story_id, tc.claim_key
),
final AS (
    SELECT
        s.story_id, s.first_published_at, s.title, s.url, s.articles, s.outlets, s.topics,
        coalesce((SELECT list(struct_pack(imposer, target, action, rate, previous_rate, sectors, background, evidence)
                              ORDER BY first_seen_at, claim_key)
                  FROM claims AS cl WHERE cl.story_id = s.story_id), []) AS claims,
        (SELECT arg_min(a.language, (a.published_at, a.article_id)) FROM articles AS a
         WHERE a.story_id = s.story_id) AS language  -- of the title, its first article's
    FROM stories AS s
    WHERE s.story_id IN (SELECT story_id FROM matching)
      AND ($topic IS NULL OR list_contains(s.topics, $topic))
      AND ($since IS NULL OR s.first_published_at >= $since)
)
-- matched: how many stories pass the filters before the limit, so a cut list can say so
SELECT *, count(*) OVER () AS matched FROM final ORDER BY first_published_at DESC, story_id LIMIT $limit;
