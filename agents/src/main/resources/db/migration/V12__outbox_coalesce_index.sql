-- The outbox's coalescable updates (a run's status message) are found by their coalesce key: the drainer's poll
-- (OutboxRepository.findDueUpdates, four times a second on every replica) asks, for each pending update, whether an
-- older one of the same key is pending, and every status report first tries to replace a pending update's body
-- (coalesce). Without an index on the key both scanned every pending message, so the poll grew with the square of
-- the pending updates: on H2, 14 ms a poll with 200 pending status updates and 230 ms with 1,000, against 2.5 and
-- 18 ms with this index (the same query, measured on H2 2.3.232 in memory; on PostgreSQL 15 after ANALYZE 3.2
-- against 0.7 ms with 1,000). Updates pile up while Slack's rate limits hold them back, which is when the poll must
-- stay cheap.
CREATE INDEX outbox_messages_coalesce_idx ON outbox_messages (coalesce_key, id);
