-- Each process beats here while it runs (loop.WorkerHeartbeat, every second by default). A run whose lease belongs
-- to a process that stopped beating (killed, frozen, or stopped: a graceful stop deletes its row) is free at once,
-- without waiting for the lease to lapse.
CREATE TABLE workers (
    id            VARCHAR(64) PRIMARY KEY,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The process holding the run's lease (lease_owner is that process's id and a suffix per claim).
ALTER TABLE runs ADD COLUMN lease_worker VARCHAR(64);
CREATE INDEX runs_lease_worker_idx ON runs (lease_worker);
