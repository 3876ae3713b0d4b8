-- Runs, their steps and their transcript. Portable between PostgreSQL and H2 (which Alfred runs in
-- PostgreSQL mode with lower-case identifiers), so one set of migrations serves both.

CREATE TABLE runs (
    id                 VARCHAR(32)  PRIMARY KEY,
    agent              VARCHAR(64)  NOT NULL,
    task               VARCHAR      NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    team_id            VARCHAR(32),
    channel_id         VARCHAR(32)  NOT NULL,
    thread_ts          VARCHAR(32),
    status_message_ts  VARCHAR(32),
    requester_user_id  VARCHAR(32)  NOT NULL,
    step_count         INTEGER      NOT NULL,
    max_steps          INTEGER      NOT NULL,
    final_answer       VARCHAR,
    failure_reason     VARCHAR,
    lease_owner        VARCHAR(64),
    lease_expires_at   TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX runs_status_idx ON runs (status);

-- One row per attempt at a step: a model turn or a tool call. (run_id, step_no, attempt) never repeats.
CREATE TABLE run_steps (
    id             UUID         PRIMARY KEY,
    run_id         VARCHAR(32)  NOT NULL REFERENCES runs (id),
    step_no        INTEGER      NOT NULL,
    attempt        INTEGER      NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    tool_name      VARCHAR(128),
    tool_call_id   VARCHAR(128),
    status         VARCHAR(16)  NOT NULL,
    error          VARCHAR,
    input_tokens   INTEGER,
    output_tokens  INTEGER,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT run_steps_key UNIQUE (run_id, step_no, attempt)
);

-- What the model sees, in order.
CREATE TABLE transcript_entries (
    id            UUID         PRIMARY KEY,
    run_id        VARCHAR(32)  NOT NULL REFERENCES runs (id),
    seq           INTEGER      NOT NULL,
    step_no       INTEGER      NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    content       VARCHAR,
    tool_calls    VARCHAR,
    tool_call_id  VARCHAR(128),
    tool_name     VARCHAR(128),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT transcript_entries_key UNIQUE (run_id, seq)
);

-- Inbound deliveries already applied (Slack trigger ids, event ids, action ids): the de-duplication key.
CREATE TABLE deliveries (
    delivery_key  VARCHAR(255) PRIMARY KEY,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
