-- Events API deliveries recorded before they are acknowledged (bot.intake.SlackInbox): one insert with the delivery
-- key is all a thread reply or a mention costs before its ack; the rest (the reply applied, the run started, the
-- audit, the enqueue) is done right after the ack from this row, or by a sweep when the process that took it died
-- first. Rows stay a while after processing to de-duplicate Slack's retries (same event_id).
CREATE TABLE slack_inbox (
    delivery_key  VARCHAR(255) PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    lane          VARCHAR(64)  NOT NULL,
    body          VARCHAR      NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX slack_inbox_pending_idx ON slack_inbox (processed_at, claimed_at);
