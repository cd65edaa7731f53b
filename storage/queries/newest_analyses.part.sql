-- Included by the digest queries (storage/reports.py query_text): `latest`, the newest
-- analysis of each article of their `window_articles` (newest analysed_at, then pipeline_version:
-- the order of the current_analyses view), ranking only those articles' analyses.
latest AS (
    SELECT article_id, arg_max(pipeline_version, (analysed_at, pipeline_version)) AS pipeline_version
    FROM analyses
    WHERE article_id IN (SELECT article_id FROM window_articles)
    GROUP BY article_id
),
