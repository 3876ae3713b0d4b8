package dev.alfred.agents.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alfred.agents.tools.github.GitHubSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git cache and the runs' worktrees, with real git over a {@code file://} remote. */
class WorkspacesTest {
    @TempDir
    Path temp;
    GitRemoteFixture remote;
    Workspaces workspaces;
    String initial;
    Path home;

    @BeforeEach
    void aRemoteWithOneRepository() throws IOException {
        remote = new GitRemoteFixture(Files.createDirectories(temp.resolve("remote")));
        initial = remote.repository("acme/widgets", Map.of("README.md", "# Widgets\n", "src/app.sh", "echo app\n"));
        home = temp.resolve("home");
        workspaces = workspaces(home, remote.url());
    }

    static Workspaces workspaces(Path home, String gitUrl) {
        WorkspaceSettings settings = new WorkspaceSettings();
        settings.setGitUrl(gitUrl);
        return new Workspaces(home.toString(), settings, new GitHubSettings());
    }

    @Test
    void checkoutMakesAWorktreeOfTheCacheOnTheRunsOwnBranch() throws Exception {
        Workspace workspace = workspaces.checkout("r1", "acme/widgets", null);

        Path realHome = home.toRealPath();
        assertThat(workspace.root()).isEqualTo(realHome.resolve("workspaces/r1"));
        assertThat(workspace.cache()).isEqualTo(realHome.resolve("git-cache/acme/widgets.git"));
        assertThat(workspace.branch()).isEqualTo("alfred/r1");
        assertThat(workspace.baseCommit()).isEqualTo(initial);
        assertThat(workspace.baseBranch()).isEqualTo("main");
        assertThat(workspace.root().resolve("README.md")).hasContent("# Widgets");
        assertThat(GitRemoteFixture.git(workspace.cache(), "rev-parse", "refs/heads/alfred/r1").strip())
                .isEqualTo(initial);
        assertThat(workspaces.checkout("r1", "acme/widgets", null)).isEqualTo(workspace);
    }

    @Test
    void aRunHasOneRepositoryAndBadNamesOrRefsAreRefused() throws Exception {
        remote.repository("acme/other", Map.of("x", "y"));
        workspaces.checkout("r1", "acme/widgets", null);

        assertThatThrownBy(() -> workspaces.checkout("r1", "acme/other", null)).hasMessageContaining("already works on");
        assertThatThrownBy(() -> workspaces.checkout("r2", "acme/..", null)).hasMessageContaining("owner/name");
        assertThatThrownBy(() -> workspaces.checkout("r2", "../etc", null)).hasMessageContaining("owner/name");
        assertThatThrownBy(() -> workspaces.checkout("r2", "acme/widgets", "--upload-pack=touch /tmp/x"))
                .hasMessageContaining("is not a ref");
        assertThatThrownBy(() -> workspaces.checkout("r2", "acme/widgets", "no-such-branch"))
                .hasMessageContaining("no branch, tag or commit");
        assertThatThrownBy(() -> workspaces.checkout("r3", "acme/missing", null)).hasMessageContaining("could not fetch");
        assertThat(workspaces.checkout("r4", "acme/widgets", initial.substring(0, 10)).baseCommit()).isEqualTo(initial);
    }

    @Test
    void aWorktreeLostInACrashIsRecreatedFromTheBranchsLastCommit() throws Exception {
        Workspace workspace = workspaces.checkout("r1", "acme/widgets", null);
        Files.writeString(workspace.root().resolve("fix.txt"), "fixed\n");
        new WorkspaceGit(workspaces.git(), workspace).commit("Fix it");
        Files.writeString(workspace.root().resolve("scratch.txt"), "not committed\n");
        GitCache.deleteQuietly(workspace.root());

        Workspace again = workspaces.find("r1").orElseThrow();

        assertThat(again.recreated()).isTrue();
        assertThat(again.root().resolve("fix.txt")).hasContent("fixed");
        assertThat(again.root().resolve("scratch.txt")).doesNotExist();
        assertThat(again.baseCommit()).isEqualTo(initial);
        assertThat(workspaces.find("r1").orElseThrow().recreated()).isFalse();
        assertThat(workspaces(home, remote.url()).find("r1")).as("another Alfred on the same home").isPresent();
    }

    @Test
    void removingTheWorktreeKeepsTheBranchInTheCache() throws Exception {
        Workspace workspace = workspaces.checkout("r1", "acme/widgets", null);
        Files.writeString(workspace.root().resolve("fix.txt"), "fixed\n");
        String commit = new WorkspaceGit(workspaces.git(), workspace).commit("Fix it");

        workspaces.remove("r1");
        workspaces.remove("r1");
        workspaces.remove("nothing");

        assertThat(workspace.root()).doesNotExist();
        assertThat(GitRemoteFixture.git(workspace.cache(), "rev-parse", "--short=12", "refs/heads/alfred/r1").strip())
                .isEqualTo(commit);
        assertThat(GitRemoteFixture.git(workspace.cache(), "worktree", "list")).doesNotContain("workspaces/r1");
    }

    @Test
    void aDotGitFileRewrittenFromInsideIsNeverFollowed() throws Exception {
        Workspace workspace = workspaces.checkout("r1", "acme/widgets", null);
        Path evil = Files.createDirectories(workspace.root().resolve("evil"));
        GitRemoteFixture.git(evil, "init", "--quiet");
        Path marker = temp.resolve("fsmonitor-ran");
        GitRemoteFixture.git(evil, "config", "core.fsmonitor", "touch " + marker);
        Files.writeString(workspace.root().resolve(".git"), "gitdir: " + evil.resolve(".git") + "\n");
        Files.writeString(workspace.root().resolve("fix.txt"), "fixed\n");

        Workspace found = workspaces.find("r1").orElseThrow();
        assertThatThrownBy(() -> new WorkspaceGit(workspaces.git(), found).commit("Fix it"))
                .hasMessageContaining("nested git repositories (evil/.git)");
        GitCache.deleteQuietly(evil);
        new WorkspaceGit(workspaces.git(), found).commit("Fix it");

        assertThat(marker).doesNotExist();
        assertThat(found.root().resolve(".git")).content().startsWith("gitdir: " + workspace.gitDir());
        assertThat(GitRemoteFixture.git(workspace.cache(), "log", "--format=%s", "refs/heads/alfred/r1"))
                .startsWith("Fix it");
    }

    @Test
    void theGitHubTokenIsOfferedOnlyToTheGitHubHostOverHttps() {
        assertThat(new GitRemotes("https://github.com/", "https://api.github.com").githubHost()).isEqualTo("github.com");
        assertThat(new GitRemotes("https://ghe.acme.io/", "https://ghe.acme.io/api/v3").githubHost())
                .isEqualTo("ghe.acme.io");
        assertThat(new GitRemotes("http://github.com/", "https://api.github.com").githubHost()).isNull();
        assertThat(new GitRemotes("https://gitlab.com/", "https://api.github.com").githubHost()).isNull();
        assertThat(new GitRemotes("file:///srv/git/", "https://api.github.com").githubHost()).isNull();
        assertThat(new GitRemotes("https://github.com.evil.io/", "https://api.github.com").githubHost()).isNull();
    }
}
