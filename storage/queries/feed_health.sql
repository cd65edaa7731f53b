-- Every feed's health: last status and error, last success, failures in a row, next attempt.
WITH recent AS (
    SELECT af.feed_url, count(*) AS items_24h
    FROM article_feeds AS af
    WHERE af.first_seen_at >= now() - INTERVAL 1 DAY
    GROUP BY af.feed_url
),
final AS (
    SELECT
        coalesce(f.name, f.url) AS feed,
        CASE WHEN f.disabled THEN 'disabled' WHEN f.last_error IS NOT NULL THEN 'failing'
             WHEN f.last_fetched_at IS NULL THEN 'new' ELSE 'ok' END AS state,
        f.last_status,
        f.last_error,
        f.last_success_at,
        f.consecutive_failures AS failures,
        coalesce(r.items_24h, 0) AS items_24h,
        f.next_attempt_at
    FROM feeds AS f
    LEFT JOIN recent AS r ON r.feed_url = f.url
)
SELECT * FROM final ORDER BY state DESC, feed;
