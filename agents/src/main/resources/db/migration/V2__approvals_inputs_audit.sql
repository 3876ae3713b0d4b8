-- Staged actions: tool calls that wait for a person's decision. Status moves by compare-and-set only:
-- PENDING -> APPROVED -> EXECUTING -> EXECUTED, or PENDING -> REJECTED | EXPIRED | WITHDRAWN.
CREATE TABLE staged_actions (
    id                 VARCHAR(32)  PRIMARY KEY,
    run_id             VARCHAR(32)  NOT NULL REFERENCES runs (id),
    step_no            INTEGER      NOT NULL,
    tool_call_id       VARCHAR(128) NOT NULL,
    tool_name          VARCHAR(128) NOT NULL,
    arguments          VARCHAR      NOT NULL,
    edited_arguments   VARCHAR,
    arguments_hash     VARCHAR(64)  NOT NULL,
    risk               VARCHAR(16)  NOT NULL,
    rule_id            VARCHAR(128) NOT NULL,
    rationale          VARCHAR,
    requester_user_id  VARCHAR(32)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    decided_by         VARCHAR(32),
    decided_at         TIMESTAMP WITH TIME ZONE,
    decision_note      VARCHAR,
    card_message_ts    VARCHAR(32),
    result             VARCHAR,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    executed_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT staged_actions_call UNIQUE (run_id, tool_call_id)
);
CREATE INDEX staged_actions_due_idx ON staged_actions (status, expires_at);

-- Thread replies that arrived while the run was not waiting for one: new input for its next model turn.
CREATE TABLE run_inputs (
    id          UUID         PRIMARY KEY,
    run_id      VARCHAR(32)  NOT NULL REFERENCES runs (id),
    user_id     VARCHAR(32)  NOT NULL,
    text        VARCHAR      NOT NULL,
    message_ts  VARCHAR(32),
    consumed    BOOLEAN      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX run_inputs_run_idx ON run_inputs (run_id, consumed);

-- Append-only record of decisions and refusals; never updated or deleted by the application.
CREATE TABLE audit_events (
    id             UUID         PRIMARY KEY,
    run_id         VARCHAR(32),
    kind           VARCHAR(64)  NOT NULL,
    actor_user_id  VARCHAR(32),
    detail         VARCHAR,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_events_run_idx ON audit_events (run_id, created_at);

CREATE INDEX runs_thread_idx ON runs (channel_id, thread_ts);
