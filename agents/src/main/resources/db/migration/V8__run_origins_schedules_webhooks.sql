-- Where each run came from: slash_command, schedule:<id>, webhook:<trigger>, webhook:github (DESIGN.md section 3).
-- Runs recorded before this migration all came from a person typing /alfred task.
ALTER TABLE runs ADD COLUMN origin VARCHAR(120) DEFAULT 'slash_command' NOT NULL;

-- Schedules: a cron expression (Unix, five fields or @hourly/@daily/@weekly/@monthly) in an IANA zone, and the task
-- it runs in a channel on behalf of its creator. next_fire_at is the next firing not yet taken (null while paused);
-- the dispatcher moves it by compare-and-set.
CREATE TABLE schedules (
    id                    VARCHAR(32)  PRIMARY KEY,
    cron                  VARCHAR(120) NOT NULL,
    zone                  VARCHAR(64)  NOT NULL,
    agent                 VARCHAR(64)  NOT NULL,
    task                  VARCHAR      NOT NULL,
    team_id               VARCHAR(32),
    channel_id            VARCHAR(32)  NOT NULL,
    creator_user_id       VARCHAR(32)  NOT NULL,
    status                VARCHAR(16)  NOT NULL,
    paused_reason         VARCHAR,
    next_fire_at          TIMESTAMP WITH TIME ZONE,
    last_run_id           VARCHAR(32),
    last_outcome          VARCHAR(16),
    consecutive_failures  INTEGER      NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX schedules_due_idx ON schedules (status, next_fire_at);

-- Each (schedule, firing time) taken once across replicas: the unique key. outcome STARTED (run_id set) or SKIPPED
-- (the previous run was still active, or the fleet or agent was paused; detail says which).
CREATE TABLE schedule_firings (
    id           UUID         PRIMARY KEY,
    schedule_id  VARCHAR(32)  NOT NULL,
    fire_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    run_id       VARCHAR(32),
    detail       VARCHAR,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT schedule_firings_key UNIQUE (schedule_id, fire_at)
);

-- The run a delivery started, so a webhook delivered twice can answer with the first run's id.
ALTER TABLE deliveries ADD COLUMN run_id VARCHAR(32);

-- GitHub issues claimed by the label agent:implement, one row per claim, keyed by the run working it. state is what
-- Alfred has done to the issue's labels so far: CLAIMED (run started), IN_FLIGHT (agent:in-flight set, claim
-- comment posted), then FAILED (agent:failed), PR_OPEN (agent:pr-open) or DONE. lease_until: the worker moving
-- the labels holds the row until then, so two workers never move one issue's labels at once.
CREATE TABLE github_claims (
    run_id        VARCHAR(32)  PRIMARY KEY,
    repo          VARCHAR(200) NOT NULL,
    issue_number  INTEGER      NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    lease_until   TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX github_claims_issue_idx ON github_claims (repo, issue_number);
