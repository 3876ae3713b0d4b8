/**
 * The workspace tools (DESIGN.md section 4, "Workspaces and the sandbox"): an agent checks a repository out into a
 * git worktree of its own ({@link dev.alfred.agents.tools.workspace.Workspaces}: a bare cache per repository under
 * {@code ALFRED_HOME/git-cache}, a worktree per run under {@code ALFRED_HOME/workspaces/<runId>} on branch
 * {@code alfred/<runId>}), reads, searches and changes files there (confined by
 * {@link dev.alfred.agents.tools.workspace.WorkspacePaths}), runs commands in the
 * {@link dev.alfred.agents.tools.workspace.sandbox sandbox}, looks at its diff, commits, and pushes behind an approval
 * card ({@code workspace_push}, tier {@code write}, whose preview the card shows). The worktree goes when the run ends
 * ({@link dev.alfred.agents.tools.workspace.WorkspaceCleanup}); its branch stays in the cache. Files of the repository
 * and command output are untrusted data: they reach the model marked as tool output, and host-side git never lets
 * them choose its configuration or git directory.
 */
package dev.alfred.agents.tools.workspace;
