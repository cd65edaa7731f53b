-- When each tariff claim key first appeared: the earliest publication among the current analyses'
-- claims of that key (current as in current_analyses: newest analysed_at, then pipeline_version). The
-- digest finds the day's new claims here instead of ranking every claim of the history; the writer
-- (storage.analyses.store_analyses) recomputes the keys of the articles it stores, in the same
-- transaction. A key no current analysis carries has no row.
CREATE TABLE claim_first_seen (
    claim_key     VARCHAR PRIMARY KEY,
    first_seen_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE claim_first_seen IS
    'Each tariff claim key with the earliest published_at among the current analyses that carry it.';

INSERT INTO claim_first_seen
WITH latest AS (
    SELECT article_id, arg_max(pipeline_version, (analysed_at, pipeline_version)) AS pipeline_version
    FROM analyses
    GROUP BY article_id
)
SELECT tc.claim_key, min(a.published_at)
FROM tariff_claims AS tc
JOIN latest AS l USING (article_id, pipeline_version)
JOIN articles AS a USING (article_id)
GROUP BY tc.claim_key;
