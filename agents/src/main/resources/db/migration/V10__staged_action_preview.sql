-- What a staged call would do, as its tool described it when the call was staged (e.g. workspace_push: the branch,
-- its commits, files changed, lines added and removed, the start of the diff), shown on the approval card.
ALTER TABLE staged_actions ADD COLUMN preview VARCHAR;
