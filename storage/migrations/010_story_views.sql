-- Views that answer analysts' obvious questions directly: one name for the topic column (`topic`,
-- in tables and views alike), the sentences where each sector is mentioned (so a figure has the
-- sectors of its sentence), the previous rate of a claim, a timeline of rates, and stories.
ALTER TABLE topics RENAME COLUMN label TO topic;
ALTER TABLE labels RENAME COLUMN label TO topic;
ALTER TABLE sectors ADD COLUMN sentences INTEGER[];

COMMENT ON COLUMN topics.topic IS 'A topic of nlp.records.TOPICS whose calibrated score passed its threshold.';
COMMENT ON COLUMN labels.topic IS 'The topic an analyst added (present = true) or removed (present = false).';
COMMENT ON COLUMN sectors.sentences IS
    '0-based indexes of the sentences mentioning the sector (as figures.sentence); NULL for analyses made before 010.';

CREATE OR REPLACE VIEW daily_topics AS
WITH current_topics AS (
    SELECT t.article_id, t.topic
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
),
dated AS (
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, ct.topic, ct.article_id, a.story_id
    FROM current_topics AS ct
    JOIN articles AS a USING (article_id)
),
final AS (
    SELECT day, topic, count(DISTINCT article_id) AS articles, count(DISTINCT story_id) AS stories
    FROM dated
    GROUP BY day, topic
)
SELECT * FROM final;
COMMENT ON VIEW daily_topics IS 'Articles and stories (near-duplicates counted once) per topic per UTC day of publication.';

CREATE OR REPLACE VIEW article_labels AS
WITH known_topics AS (
    SELECT unnest([
        'tariffs', 'trade_agreement', 'dairy', 'lumber', 'steel_aluminum', 'autos', 'digital_services',
        'energy', 'critical_minerals', 'agriculture', 'export_controls', 'anti_dumping', 'retaliation',
        'wto_dispute', 'sovereignty_rhetoric'
    ]) AS topic
),
ranked AS (
    SELECT
        l.article_id,
        l.topic,
        l.present,
        l.labeled_at,
        row_number() OVER (PARTITION BY l.article_id, l.topic ORDER BY l.labeled_at DESC, l.label_id DESC) AS rn
    FROM labels AS l
    JOIN known_topics USING (topic)
    WHERE l.article_id IN (SELECT article_id FROM articles)
),
decisions AS (
    SELECT article_id, topic, present, labeled_at FROM ranked WHERE rn = 1
),
model AS (
    SELECT t.article_id, t.topic
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
),
merged AS (
    SELECT
        coalesce(m.article_id, d.article_id) AS article_id,
        coalesce(m.topic, d.topic) AS topic,
        m.topic IS NOT NULL AS by_model,
        coalesce(d.present, true) AS kept,
        d.topic IS NOT NULL AS corrected,
        d.labeled_at
    FROM model AS m
    FULL OUTER JOIN decisions AS d USING (article_id, topic)
),
per_article AS (
    SELECT
        article_id,
        list(topic ORDER BY topic) FILTER (WHERE by_model) AS model_labels,
        list(topic ORDER BY topic) FILTER (WHERE kept) AS labels,
        count(*) FILTER (WHERE corrected) AS corrections,
        max(labeled_at) AS labeled_at
    FROM merged
    GROUP BY article_id
),
scope AS (
    SELECT article_id, pipeline_version FROM current_analyses
    UNION ALL
    SELECT DISTINCT d.article_id, NULL AS pipeline_version
    FROM decisions AS d
    WHERE d.article_id NOT IN (SELECT article_id FROM current_analyses)
),
final AS (
    SELECT
        s.article_id,
        s.pipeline_version,
        coalesce(p.model_labels, []::VARCHAR[]) AS model_labels,
        coalesce(p.labels, []::VARCHAR[]) AS labels,
        coalesce(p.corrections, 0) AS corrections,
        p.labeled_at
    FROM scope AS s
    LEFT JOIN per_article AS p USING (article_id)
)
SELECT * FROM final;
COMMENT ON VIEW article_labels IS
    'Each analysed or corrected article''s topics: the current model''s, and the topics after corrections in labels.';

-- Every outlet (feed name, else feed URL) that carried a copy of each story.
CREATE VIEW story_outlets AS
WITH final AS (
    SELECT DISTINCT a.story_id, coalesce(f.name, af.feed_url) AS outlet
    FROM articles AS a
    JOIN article_feeds AS af USING (article_id)
    LEFT JOIN feeds AS f ON f.url = af.feed_url
)
SELECT * FROM final;
COMMENT ON VIEW story_outlets IS 'One row per story and outlet (feed name, else feed URL) that carried a copy of it.';

-- The outlets that carried each story, its topics, and its first article.
CREATE VIEW stories AS
WITH members AS (
    SELECT a.story_id, a.article_id, a.title, a.url, a.published_at
    FROM articles AS a
),
outlets AS (
    SELECT * FROM story_outlets
),
story_topics AS (
    SELECT DISTINCT m.story_id, t.topic
    FROM members AS m
    JOIN current_analyses AS c USING (article_id)
    JOIN topics AS t USING (article_id, pipeline_version)
),
per_story AS (
    SELECT
        story_id,
        arg_min(title, (published_at, article_id)) AS title,
        arg_min(url, (published_at, article_id)) AS url,
        min(published_at) AS first_published_at,
        max(published_at) AS last_published_at,
        count(*) AS articles
    FROM members
    GROUP BY story_id
),
final AS (
    SELECT
        p.story_id,
        CAST(timezone('UTC', p.first_published_at) AS DATE) AS day,
        p.title,
        p.url,
        p.first_published_at,
        p.last_published_at,
        p.articles,
        (SELECT count(*) FROM outlets AS o WHERE o.story_id = p.story_id) AS outlet_count,
        coalesce((SELECT list(o.outlet ORDER BY o.outlet) FROM outlets AS o WHERE o.story_id = p.story_id),
                 []::VARCHAR[]) AS outlets,
        coalesce((SELECT list(t.topic ORDER BY t.topic) FROM story_topics AS t WHERE t.story_id = p.story_id),
                 []::VARCHAR[]) AS topics
    FROM per_story AS p
)
SELECT * FROM final;
COMMENT ON VIEW stories IS
    'One row per story (near-duplicate articles share a story_id): its first article''s title and link, articles, the outlets that carried it and its topics.';

-- A claim's previous rate: the one its sentence states ("to 50% from 25%"), else the rate of the
-- latest earlier claim with the same imposer, target and sectors.
CREATE OR REPLACE VIEW new_tariff_claims AS
WITH current_claims AS (
    SELECT tc.*, list_sort(tc.sectors) AS sector_key, a.title, a.url, a.published_at, a.story_id
    FROM tariff_claims AS tc
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
),
per_claim AS (
    SELECT
        claim_key,
        any_value(imposer) AS imposer,
        any_value(target) AS target,
        any_value(sectors) AS sectors,
        any_value(sector_key) AS sector_key,
        any_value(action) AS action,
        any_value(rate) AS rate,
        max(previous_rate) AS stated_previous_rate,
        min(published_at) AS first_seen_at,
        count(DISTINCT article_id) AS articles,
        count(DISTINCT story_id) AS stories,
        arg_min(evidence, published_at) AS evidence,
        arg_min(title, published_at) AS first_title,
        arg_min(url, published_at) AS first_url,
        bool_and(background) AS background
    FROM current_claims
    GROUP BY claim_key
),
with_previous AS (
    SELECT
        *,
        last_value(rate IGNORE NULLS) OVER (
            PARTITION BY imposer, target, sector_key ORDER BY first_seen_at, claim_key
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS earlier_rate
    FROM per_claim
),
final AS (
    SELECT
        claim_key, imposer, target, sectors, action, rate,
        coalesce(stated_previous_rate, earlier_rate) AS previous_rate,
        CASE WHEN stated_previous_rate IS NOT NULL THEN 'stated'
             WHEN earlier_rate IS NOT NULL THEN 'earlier claim' END AS previous_rate_from,
        first_seen_at, articles, stories, evidence, first_title, first_url, background
    FROM with_previous
)
SELECT * FROM final;
COMMENT ON VIEW new_tariff_claims IS
    'Each distinct tariff claim once, with when and where it first appeared and the rate it replaces (previous_rate: stated in its sentence, else the latest earlier claim''s for the same imposer, target and sectors); background when every source only restated it.';

-- One row per imposer, target, sector and UTC day with the rates stated that day and the change
-- from the previous stated rate. Claims that only restate a measure in force (background) are
-- left out: "the 25% levy imposed in March" written in November is not a November rate.
CREATE VIEW claims_timeline AS
WITH current_claims AS (
    SELECT tc.imposer, tc.target, tc.action, tc.rate, tc.previous_rate, tc.sectors, tc.claim_key,
           a.published_at, a.story_id
    FROM tariff_claims AS tc
    JOIN current_analyses AS c USING (article_id, pipeline_version)
    JOIN articles AS a USING (article_id)
    WHERE NOT tc.background
),
per_sector AS (
    SELECT cc.*, unnest(CASE WHEN len(cc.sectors) = 0 THEN [NULL::VARCHAR] ELSE cc.sectors END) AS sector
    FROM current_claims AS cc
),
per_day AS (
    SELECT
        imposer,
        target,
        sector,
        CAST(timezone('UTC', published_at) AS DATE) AS day,
        arg_max(rate, published_at) FILTER (WHERE rate IS NOT NULL) AS rate,
        max(previous_rate) AS stated_previous_rate,
        list(DISTINCT action ORDER BY action) AS actions,
        count(DISTINCT claim_key) AS claims,
        count(DISTINCT story_id) AS stories
    FROM per_sector
    GROUP BY imposer, target, sector, day
),
with_previous AS (
    SELECT
        *,
        last_value(rate IGNORE NULLS) OVER (
            PARTITION BY imposer, target, sector ORDER BY day
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS earlier_rate
    FROM per_day
),
final AS (
    SELECT
        imposer, target, sector, day, actions,
        coalesce(earlier_rate, stated_previous_rate) AS previous_rate,
        rate,
        rate - coalesce(earlier_rate, stated_previous_rate) AS change,
        claims, stories
    FROM with_previous
)
SELECT * FROM final;
COMMENT ON VIEW claims_timeline IS
    'Per imposer, target, sector (NULL: no sector named) and UTC day: the actions and the latest rate stated that day, the previous rate (the last day''s before, else the one the claim states) and the change.';

-- Each figure with the sectors mentioned in its own sentence, and the article's story.
CREATE VIEW figures_with_sectors AS
WITH current_figures AS (
    SELECT f.*
    FROM figures AS f
    JOIN current_analyses AS c USING (article_id, pipeline_version)
),
sentence_sectors AS (
    SELECT f.article_id, f.position, list(DISTINCT s.sector ORDER BY s.sector) AS sectors
    FROM current_figures AS f
    JOIN sectors AS s ON s.article_id = f.article_id AND s.pipeline_version = f.pipeline_version
                     AND list_contains(s.sentences, f.sentence)
    GROUP BY f.article_id, f.position
),
final AS (
    SELECT
        f.article_id,
        a.story_id,
        a.published_at,
        f.position,
        f.text,
        f.value,
        f.unit,
        f.qualifier,
        f.measure,
        f.period,
        f.sentence,
        coalesce(ss.sectors, []::VARCHAR[]) AS sectors,
        a.title,
        a.url
    FROM current_figures AS f
    JOIN articles AS a USING (article_id)
    LEFT JOIN sentence_sectors AS ss USING (article_id, position)
)
SELECT * FROM final;
COMMENT ON VIEW figures_with_sectors IS
    'Every figure of the current analyses with the sectors named in its sentence (empty when none is), its article and story.';
