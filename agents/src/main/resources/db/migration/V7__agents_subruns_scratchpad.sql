-- Sub-runs: a child run started by `delegate` records its parent and the parent's tool call it answers. The child
-- reports in the parent's thread, so thread lookups pick the root run (parent_run_id IS NULL).
ALTER TABLE runs ADD COLUMN parent_run_id VARCHAR(32) REFERENCES runs (id);
ALTER TABLE runs ADD COLUMN parent_call_id VARCHAR(128);
CREATE INDEX runs_parent_idx ON runs (parent_run_id);

-- Compaction: a SUMMARY entry stands for every entry before it from seq 2 (after the system prompt and the task)
-- up to covers_seq; the model then sees the system prompt, the task, the summary and the entries after covers_seq.
-- The summarised entries stay in the table for the audit timeline.
ALTER TABLE transcript_entries ADD COLUMN covers_seq INTEGER;

-- The scratchpad of a family of runs (a root run and its sub-runs). Keys are `scratch.<runId>.<name>` (a run's
-- own notes; only that run writes them) and `shared.<name>` (what the boss promoted after checking it).
CREATE TABLE scratchpad_entries (
    id           UUID         PRIMARY KEY,
    root_run_id  VARCHAR(32)  NOT NULL REFERENCES runs (id),
    entry_key    VARCHAR(200) NOT NULL,
    entry_value  VARCHAR      NOT NULL,
    written_by   VARCHAR(32)  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scratchpad_entries_key UNIQUE (root_run_id, entry_key)
);
