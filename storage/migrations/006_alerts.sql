-- Alerts: what kind of news a claim is, where its alert stands, and every delivery attempt per
-- channel, so a message that reached Slack is not sent there again when e-mail failed.
ALTER TABLE alerts ADD COLUMN kind VARCHAR DEFAULT 'new';
ALTER TABLE alerts ADD COLUMN status VARCHAR DEFAULT 'pending';
ALTER TABLE alerts ADD COLUMN imposer VARCHAR;
ALTER TABLE alerts ADD COLUMN target VARCHAR;
ALTER TABLE alerts ADD COLUMN sectors VARCHAR[];
ALTER TABLE alerts ADD COLUMN action VARCHAR;
ALTER TABLE alerts ADD COLUMN rate DOUBLE;
ALTER TABLE alerts ADD COLUMN previous_rate DOUBLE;
ALTER TABLE alerts ADD COLUMN body VARCHAR;
ALTER TABLE alerts ADD COLUMN recorded_at TIMESTAMPTZ;
ALTER TABLE alerts ADD COLUMN next_attempt_at TIMESTAMPTZ;
UPDATE alerts SET status = 'delivered' WHERE delivered_at IS NOT NULL;

COMMENT ON COLUMN alerts.kind IS
    'new: a claim never seen; escalation: the rate changed for the same imposer, target and sectors.';
COMMENT ON COLUMN alerts.status IS
    'pending, held (quiet hours), delivered, failed (retried with back-off), unknown (crash between send and mark: not re-sent), filtered (by [alerts] rules), backfill (articles older than max_age_hours: never sent).';
COMMENT ON COLUMN alerts.previous_rate IS 'For an escalation: the rate stated by the claim ("to 50% from 25%") or the last one alerted.';
COMMENT ON COLUMN alerts.body IS 'The Markdown message as rendered when the claim was first recorded.';
COMMENT ON COLUMN alerts.recorded_at IS 'When newsmon wrote this row (first_seen_at is the first source''s publication time).';
COMMENT ON COLUMN alerts.next_attempt_at IS 'For a failed alert: the earliest retry of a channel that failed.';

CREATE TABLE deliveries (
    subject_kind    VARCHAR NOT NULL,
    subject         VARCHAR NOT NULL,
    url_hash        VARCHAR NOT NULL,
    channel         VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    attempts        INTEGER NOT NULL,
    last_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      VARCHAR,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    PRIMARY KEY (subject_kind, subject, url_hash)
);
COMMENT ON TABLE deliveries IS
    'One row per message and apprise URL (alert by claim_key, digest by day): sending, delivered, failed or unknown. URLs are stored only as a hash and a redacted channel, never with their secrets.';
