-- The drainer's poll for due status updates (OutboxRepository.findDueUpdates, four times a second on every replica)
-- asks, for each pending update, whether an older update of the same key is still pending. V12's index on
-- (coalesce_key, id) found the key's older updates, but every one of them had to be read to see its status, and a run's
-- status message leaves one DELIVERED row per update that reached Slack, so each check grew with the run's age. The
-- ack benchmark's profile on H2 (issue 22, third round) put 10% of the whole process's CPU in this poll. With the
-- status in the index the check reads only pending rows: on H2 2.3.232 in memory, 20 delivered updates per key, the
-- poll took 2.4 ms against 16 ms with 200 pending updates and 11 against 20 ms with 1,000 (medians of 400 polls, a
-- stand-alone JDBC measurement on a loaded 2-core machine). The coalesce UPDATE (key and status) uses it too.
DROP INDEX outbox_messages_coalesce_idx;
CREATE INDEX outbox_messages_coalesce_idx ON outbox_messages (coalesce_key, status, id);
