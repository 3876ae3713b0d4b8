-- Spend metering: each model turn's model, cost and whether the model had a price; each run's spend so far, its
-- budget (the per-run cap it started with) and the extensions people granted; why a BLOCKED run is blocked.
ALTER TABLE run_steps ADD COLUMN model VARCHAR(128);
ALTER TABLE run_steps ADD COLUMN cost_usd NUMERIC(14, 6);
ALTER TABLE run_steps ADD COLUMN priced BOOLEAN;
CREATE INDEX run_steps_finished_idx ON run_steps (finished_at);

ALTER TABLE runs ADD COLUMN spend_usd NUMERIC(14, 6) DEFAULT 0 NOT NULL;
ALTER TABLE runs ADD COLUMN budget_usd NUMERIC(14, 6);
ALTER TABLE runs ADD COLUMN allowance_usd NUMERIC(14, 6) DEFAULT 0 NOT NULL;
ALTER TABLE runs ADD COLUMN block_kind VARCHAR(32);
ALTER TABLE runs ADD COLUMN block_reason VARCHAR;

-- Fleet-wide blocks set by the model provider's rate or quota limit: every run parks BLOCKED before its next model
-- call its `blocked_until`, when the recurring job lift-provider-blocks lifts the block and re-enqueues them.
CREATE TABLE provider_blocks (
    scope       VARCHAR(80)  PRIMARY KEY,
    reason      VARCHAR      NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    set_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
