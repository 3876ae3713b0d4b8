package dev.alfred.agents.tools.workspace;

import java.nio.file.Path;

/**
 * A run's checkout: a git worktree of a cached repository on the run's own branch.
 *
 * @param runId      the run's id
 * @param repo       the repository, {@code owner/name}
 * @param root       the worktree's real path, {@code ALFRED_HOME/workspaces/<runId>}
 * @param gitDir     the worktree's administrative git directory inside the cache
 * @param cache      the bare cache, {@code ALFRED_HOME/git-cache/<owner>/<name>.git}
 * @param branch     the run's branch, {@code alfred/<runId>}
 * @param baseCommit the commit the branch started from
 * @param baseBranch the remote branch it started from, and a pull request's base (the default branch when the
 *                   checkout named a tag or a commit)
 * @param recreated  whether the worktree was missing (a crash, a new machine) and re-created from the branch's last
 *                   commit just now; uncommitted changes were then lost
 */
public record Workspace(String runId, String repo, Path root, Path gitDir, Path cache, String branch,
        String baseCommit, String baseBranch, boolean recreated) {

    /** @return the run's branch name for a run id, {@code alfred/<runId>} */
    public static String branchOf(String runId) {
        return "alfred/" + runId;
    }
}
