package dev.alfred.agents.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.github.GitHubClient;
import dev.alfred.agents.tools.github.GitHubOpenPullRequestTool;
import dev.alfred.agents.tools.github.GitHubSettings;
import dev.alfred.agents.tools.workspace.sandbox.Sandbox;
import dev.alfred.policies.RiskTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace tools called as the dispatcher calls them, over a real {@code file://} remote and the real sandbox:
 * look around, change, test, diff, commit and push; and what each refuses.
 */
class WorkspaceToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolContext RUN = new ToolContext("r1", "lucius", "call_1", "C1", "1.2", null);

    @TempDir
    Path temp;
    GitRemoteFixture remote;
    Workspaces workspaces;
    Map<String, Tool> tools;
    String initial;

    @BeforeEach
    void toolsOverARemote() throws IOException {
        remote = new GitRemoteFixture(Files.createDirectories(temp.resolve("remote")));
        initial = remote.repository("acme/widgets", Map.of("README.md", "# Widgets\n", "AGENTS.md",
                "Run the tests with ./test.sh\n", "test.sh", "#!/bin/sh\ngrep -q fixed app.txt\n",
                "app.txt", "broken\n"));
        workspaces = WorkspacesTest.workspaces(temp.resolve("home"), remote.url());
        tools = tools(workspaces, Sandbox.start("bwrap", List.of(), new SandboxSettings().limits()));
    }

    static Map<String, Tool> tools(Workspaces workspaces, Sandbox sandbox) {
        GitHubClient github = new GitHubClient(new GitHubSettings(), Clock.systemUTC());
        List<Tool> all = List.of(new WorkspaceCheckoutTool(workspaces), new WorkspaceListTool(workspaces),
                new WorkspaceReadTool(workspaces), new WorkspaceSearchTool(workspaces),
                new WorkspaceWriteTool(workspaces), new WorkspaceEditTool(workspaces),
                new WorkspaceExecTool(workspaces, sandbox, new SandboxSettings()), new WorkspaceDiffTool(workspaces),
                new WorkspaceCommitTool(workspaces),
                new WorkspacePushTool(workspaces, new GitHubOpenPullRequestTool(github), github));
        return all.stream().collect(java.util.stream.Collectors.toMap(Tool::name, tool -> tool));
    }

    @Test
    void aChangeIsMadeTestedCommittedAndPushedToItsOwnBranch() throws Exception {
        assertThat(call("workspace_checkout", "{\"repo\":\"acme/widgets\"}").content())
                .contains("on the new branch alfred/r1", "test.sh", "AGENTS.md, the repository's conventions",
                        "Run the tests with ./test.sh");
        assertThat(call("workspace_list", "{}").content()).contains("app.txt  7 bytes").doesNotContain(".git");
        assertThat(call("workspace_read", "{\"path\":\"test.sh\",\"start_line\":2}").content())
                .contains("2| grep -q fixed app.txt").doesNotContain("1| #!/bin/sh");
        assertThat(call("workspace_search", "{\"pattern\":\"fix(ed)?\"}").content()).contains("test.sh:2:");
        assertThat(call("workspace_exec", "{\"command\":\"sh test.sh\"}").content()).startsWith("Exit code 1");

        assertThat(call("workspace_edit", "{\"path\":\"app.txt\",\"old_text\":\"broken\",\"new_text\":\"fixed\"}")
                .content()).isEqualTo("Edited app.txt at line 1.");
        assertThat(call("workspace_write", "{\"path\":\"docs/notes.md\",\"content\":\"why\\n\"}").content())
                .isEqualTo("Created docs/notes.md (4 bytes).");
        assertThat(call("workspace_exec", "{\"command\":\"sh test.sh && echo passed\"}").content())
                .startsWith("Exit code 0").contains("passed");
        assertThat(call("workspace_diff", "{}").content()).contains("2 files changed, +2 -1", "app.txt  +1 -1",
                "-broken", "+fixed");
        assertThat(call("workspace_commit", "{\"message\":\"Fix the app\"}").content())
                .contains("Committed", "on alfred/r1: Fix the app");

        Tool push = tools.get("workspace_push");
        JsonNode pushArguments = JSON.readTree("{\"title\":\"Fix the app\",\"body\":\"Tested.\"}");
        assertThat(push.tier()).isEqualTo(RiskTier.WRITE);
        assertThat(push.preview(pushArguments, RUN).orElseThrow()).contains("Repository: acme/widgets",
                "Branch: alfred/r1, from main at " + initial.substring(0, 12), "2 files changed, +2 -1",
                "Commits (1):", "Fix the app", "Diff (start):", "+fixed");
        assertThat(remote.branches("acme/widgets")).containsExactly("main");

        assertThat(push.execute(pushArguments, RUN).content()).isEqualTo("Pushed alfred/r1 (1 commit) to "
                + "acme/widgets. No pull request: the remote is not on GitHub (ALFRED_GIT_URL).");
        assertThat(remote.branches("acme/widgets")).containsExactly("alfred/r1", "main");
        assertThat(remote.commit("acme/widgets", "main")).isEqualTo(initial);
        assertThat(GitRemoteFixture.git(remote.dir.resolve("acme/widgets"), "show", "alfred/r1:app.txt"))
                .isEqualTo("fixed\n");
    }

    @Test
    void toolsRefuseWithoutAWorkspaceAndOutsideIt() throws Exception {
        assertThat(call("workspace_read", "{\"path\":\"README.md\"}").content()).contains("call workspace_checkout");
        call("workspace_checkout", "{\"repo\":\"acme/widgets\"}");
        Files.createSymbolicLink(workspaces.find("r1").orElseThrow().root().resolve("up"), Path.of(".."));

        assertThat(call("workspace_read", "{\"path\":\"../../remote/acme/widgets/HEAD\"}").error()).isTrue();
        assertThat(call("workspace_write", "{\"path\":\"up/evil.txt\",\"content\":\"x\"}").content())
                .contains("resolves outside the worktree");
        assertThat(call("workspace_list", "{\"path\":\"/etc\"}").content()).contains("is absolute");
        assertThat(call("workspace_search", "{\"pattern\":\"x\",\"path\":\"up\"}").error()).isTrue();
        assertThat(call("workspace_edit", "{\"path\":\"README.md\",\"old_text\":\"nope\",\"new_text\":\"x\"}")
                .content()).contains("does not occur");
        call("workspace_write", "{\"path\":\"twice.txt\",\"content\":\"a a\"}");
        assertThat(call("workspace_edit", "{\"path\":\"twice.txt\",\"old_text\":\"a\",\"new_text\":\"b\"}")
                .content()).contains("occurs 2 times");
        assertThat(call("workspace_commit", "{\"message\":\"x\"}").error()).isFalse();
        assertThat(call("workspace_commit", "{\"message\":\"again\"}").content()).contains("nothing to commit");
        assertThat(temp.resolve("home/evil.txt")).doesNotExist();
    }

    @Test
    void withoutASandboxEveryCommandIsDestructiveAndSaysSo() throws Exception {
        Map<String, Tool> unsandboxed = tools(workspaces, Sandbox.start("none", List.of(),
                new SandboxSettings().limits()));
        Tool exec = unsandboxed.get("workspace_exec");
        call("workspace_checkout", "{\"repo\":\"acme/widgets\"}");

        assertThat(exec.tier()).isEqualTo(RiskTier.DESTRUCTIVE);
        assertThat(exec.preview(JSON.readTree("{\"command\":\"ls\"}"), RUN).orElseThrow()).contains("UNSANDBOXED");
        assertThat(exec.execute(JSON.readTree("{\"command\":\"cat README.md\"}"), RUN).content())
                .startsWith("UNSANDBOXED").contains("# Widgets");
        assertThat(tools.get("workspace_exec").tier()).isEqualTo(RiskTier.READ);
    }

    private ToolResult call(String tool, String arguments) throws IOException {
        return tools.get(tool).execute(JSON.readTree(arguments), RUN);
    }
}
