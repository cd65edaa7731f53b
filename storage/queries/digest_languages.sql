-- The day's articles per language (ISO 639-1; NULL when the text had no letters to tell by), analysed
-- or not: what the digest says was read. Most read first.
WITH final AS (
    SELECT language, count(*) AS articles
    FROM articles
    WHERE published_at >= $start AND published_at < $end
    GROUP BY language
)
SELECT * FROM final ORDER BY articles DESC, language NULLS LAST;
