-- Where a run came from (DESIGN.md section 3): slash_command, mention, direct_message, assistant_thread,
-- schedule:<id> or webhook:<trigger>. Runs recorded before this column were all started by /alfred task.
ALTER TABLE runs ADD COLUMN origin VARCHAR(160) NOT NULL DEFAULT 'slash_command';
