-- What each agent and each requester spent per UTC day, kept as counters: the spend gate (Spend.capReached) asks
-- before every model turn whether the run's agent or requester has reached its day cap. It used to sum the cost of
-- every model turn finished since midnight UTC (a join of run_steps and runs), which grows with the day's steps (on
-- H2, 17% of the run thread's CPU in the steps benchmark; a busy installation has tens of thousands of steps a day);
-- reading two rows by primary key does not. RunStore adds a step's cost to its run's agent's and requester's rows of
-- the UTC day of the step's finished_at, in the transaction that records the cost, so the counters equal that sum:
-- each step once, under its own run's agent and requester (a sub-run's steps count for the sub-run's agent and
-- requester, as before). scope is 'agent' (subject: the agent's name) or 'requester' (subject: the Slack user id).
-- (DAY is a keyword in H2, hence utc_day.)
CREATE TABLE spend_days (
    utc_day   DATE          NOT NULL,
    scope     VARCHAR(16)   NOT NULL,
    subject   VARCHAR(64)   NOT NULL,
    cost_usd  NUMERIC(14, 6) NOT NULL,
    PRIMARY KEY (utc_day, scope, subject)
);

-- The counters of the turns recorded before this migration, so caps stay right across the upgrade. The session's time
-- zone is UTC while the day of each finished_at is taken (a cast of a timestamp with time zone to a date takes the
-- session's zone on PostgreSQL and on H2), then back to the connection's own.
SET TIME ZONE 'UTC';
INSERT INTO spend_days (utc_day, scope, subject, cost_usd)
SELECT utc_day, 'agent', agent, SUM(cost_usd) FROM (
    SELECT CAST(s.finished_at AS DATE) AS utc_day, r.agent AS agent, s.cost_usd AS cost_usd
    FROM run_steps s JOIN runs r ON r.id = s.run_id
    WHERE s.cost_usd IS NOT NULL AND s.cost_usd <> 0 AND s.finished_at IS NOT NULL) turns
GROUP BY utc_day, agent;
INSERT INTO spend_days (utc_day, scope, subject, cost_usd)
SELECT utc_day, 'requester', requester_user_id, SUM(cost_usd) FROM (
    SELECT CAST(s.finished_at AS DATE) AS utc_day, r.requester_user_id AS requester_user_id, s.cost_usd AS cost_usd
    FROM run_steps s JOIN runs r ON r.id = s.run_id
    WHERE s.cost_usd IS NOT NULL AND s.cost_usd <> 0 AND s.finished_at IS NOT NULL) turns
GROUP BY utc_day, requester_user_id;
SET TIME ZONE LOCAL;
