-- Pauses in force: 'fleet' or 'agent:<codename>'. Workers on every replica read this before each step.
CREATE TABLE fleet_pauses (
    scope      VARCHAR(80)  PRIMARY KEY,
    paused_by  VARCHAR(32)  NOT NULL,
    paused_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
