-- Approver rules travel with each staged action (resolved from the policy when it was staged), with the approvals
-- counted so far (two-person rule) and the reminder schedule.
ALTER TABLE staged_actions ADD COLUMN approvers VARCHAR;
ALTER TABLE staged_actions ADD COLUMN approved_by VARCHAR;
ALTER TABLE staged_actions ADD COLUMN remind_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE staged_actions ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX staged_actions_remind_idx ON staged_actions (status, remind_at);

-- Audit events gain the step they belong to and structured facts as a JSON object.
ALTER TABLE audit_events ADD COLUMN step_no INTEGER;
ALTER TABLE audit_events ADD COLUMN data VARCHAR;
CREATE INDEX audit_events_kind_idx ON audit_events (kind, created_at);
