package dev.alfred.agents.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every escape from the worktree we could think of, by path: each refused with a tool error, for reading and writing. */
class WorkspacePathsTest {
    @TempDir
    Path temp;
    Path root;
    Path outside;

    @BeforeEach
    void aWorktreeWithLinksInAndOut() throws IOException {
        temp = temp.toRealPath();
        root = Files.createDirectories(temp.resolve("home/workspaces/r1"));
        outside = Files.createDirectories(temp.resolve("home/secret"));
        Files.writeString(outside.resolve("token.txt"), "ghp_secret");
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("src/main/App.java"), "class App {}");
        Files.writeString(root.resolve(".git"), "gitdir: " + temp.resolve("home/git-cache/x.git/worktrees/r1"));
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("secret"), outside);
        Files.createSymbolicLink(root.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(root.resolve("chain2"), Path.of("src/../up/../../secret"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("new.txt"));
        Files.createSymbolicLink(root.resolve("dangling-dir"), outside.resolve("newdir"));
        Files.createSymbolicLink(root.resolve("inside"), Path.of("src/main"));
        Files.createSymbolicLink(root.resolve("gitlink"), Path.of(".git"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
    }

    @AfterEach
    void removeTheLinksToEtcSoTheCleanUpDoesNotWarn() throws IOException {
        Files.delete(root.resolve("etc"));
        Files.delete(root.resolve("passwd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/", "//etc/passwd", "../secret/token.txt", "..", "src/../../secret/token.txt",
            "src/main/../../../secret/token.txt", "./../secret", "etc/passwd", "etc", "passwd", "up/secret/token.txt",
            "up", "secret/token.txt", "secret", "chain1/token.txt", "chain1", ".git", ".GIT", "src/.git/config",
            "gitlink", "dangling", "dangling-dir/x", "self", "nul\0byte", "missing.txt"})
    void escapesAreRefusedForReading(String path) {
        assertThatThrownBy(() -> WorkspacePaths.existing(root, path)).isInstanceOf(WorkspaceException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/cron.d/evil", "/tmp/x", "../secret/new.txt", "src/../../x", "etc/evil", "passwd",
            "up/x", "secret/new.txt", "chain1/new.txt", ".git", ".git/config", "gitlink", "dangling",
            "dangling-dir/x", "dangling-dir/deeper/x", "self", "self/x", "src", "", "."})
    void escapesAreRefusedForWriting(String path) {
        assertThatThrownBy(() -> WorkspacePaths.forWrite(root, path)).isInstanceOf(WorkspaceException.class);
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void pathsInsideTheWorktreeResolveToTheirRealPaths() throws WorkspaceException {
        assertThat(WorkspacePaths.existing(root, "")).isEqualTo(root);
        assertThat(WorkspacePaths.existing(root, ".")).isEqualTo(root);
        assertThat(WorkspacePaths.existing(root, "src/main/App.java")).isEqualTo(root.resolve("src/main/App.java"));
        assertThat(WorkspacePaths.existing(root, "inside/App.java")).isEqualTo(root.resolve("src/main/App.java"));
        assertThat(WorkspacePaths.existing(root, "./src//main/./App.java")).isEqualTo(root.resolve("src/main/App.java"));
        assertThat(WorkspacePaths.forWrite(root, "inside/App.java")).isEqualTo(root.resolve("src/main/App.java"));
        assertThat(WorkspacePaths.forWrite(root, "docs/new/notes.md")).isEqualTo(root.resolve("docs/new/notes.md"));
        assertThat(WorkspacePaths.forWrite(root, "inside/New.java")).isEqualTo(root.resolve("src/main/New.java"));
    }
}
