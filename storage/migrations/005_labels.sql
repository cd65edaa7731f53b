-- Corrections to the topic model, from `newsmon label` or typed in by an analyst:
--   INSERT INTO labels (article_id, label, present) VALUES ('<article_id>', 'dairy', true);
-- The newest row for an (article, label) wins; label_id breaks ties inside one transaction,
-- where now() is the same for every row.
CREATE SEQUENCE label_id_seq;
CREATE TABLE labels (
    label_id   BIGINT PRIMARY KEY DEFAULT nextval('label_id_seq'),
    article_id VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    present    BOOLEAN NOT NULL,
    source     VARCHAR NOT NULL DEFAULT 'sql',
    labeled_by VARCHAR,
    labeled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    note       VARCHAR
);
COMMENT ON TABLE labels IS
    'Topic corrections: present = true adds a label to an article, false removes it; the newest row per (article_id, label) wins.';

-- One row per analysed or corrected article: the model's topics and the labels after corrections.
-- Rows naming an unknown article or a label outside nlp.records.TOPICS are ignored here.
CREATE VIEW article_labels AS
WITH known_topics AS (
    SELECT unnest([
        'tariffs', 'trade_agreement', 'dairy', 'lumber', 'steel_aluminum', 'autos', 'digital_services',
        'energy', 'critical_minerals', 'agriculture', 'export_controls', 'anti_dumping', 'retaliation',
        'wto_dispute', 'sovereignty_rhetoric'
    ]) AS label
),
ranked AS (
    SELECT
        l.article_id,
        l.label,
        l.present,
        l.labeled_at,
        row_number() OVER (PARTITION BY l.article_id, l.label ORDER BY l.labeled_at DESC, l.label_id DESC) AS rn
    FROM labels AS l
    JOIN known_topics USING (label)
    WHERE l.article_id IN (SELECT article_id FROM articles)
),
decisions AS (
    SELECT article_id, label, present, labeled_at FROM ranked WHERE rn = 1
),
model AS (
    SELECT t.article_id, t.label
    FROM topics AS t
    JOIN current_analyses AS c USING (article_id, pipeline_version)
),
merged AS (
    SELECT
        coalesce(m.article_id, d.article_id) AS article_id,
        coalesce(m.label, d.label) AS label,
        m.label IS NOT NULL AS by_model,
        coalesce(d.present, true) AS kept,
        d.label IS NOT NULL AS corrected,
        d.labeled_at
    FROM model AS m
    FULL OUTER JOIN decisions AS d USING (article_id, label)
),
per_article AS (
    SELECT
        article_id,
        list(label ORDER BY label) FILTER (WHERE by_model) AS model_labels,
        list(label ORDER BY label) FILTER (WHERE kept) AS labels,
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
    'Each analysed or corrected article''s topics: the current model''s, and the labels after corrections in labels.';
