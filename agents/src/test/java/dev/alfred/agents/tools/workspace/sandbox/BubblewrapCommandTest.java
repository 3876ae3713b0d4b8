package dev.alfred.agents.tools.workspace.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy, as data, becomes exactly this bubblewrap command line. */
class BubblewrapCommandTest {
    private static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(120), 8192, 512, 1024);

    @Test
    void theWorkspacePolicyIsTheWorktreeWritableTheSystemReadOnlyAndNoNetwork() {
        SandboxPolicy policy = SandboxPolicy.forWorktree(Path.of("/home/a/.alfred/workspaces/r1"), List.of("/opt/jdk"),
                LIMITS);

        assertThat(String.join(" ", BubblewrapCommand.argv("/usr/bin/bwrap", policy, "/usr/bin/prlimit", "make test")))
                .isEqualTo("/usr/bin/bwrap --unshare-all --die-with-parent --new-session --cap-drop ALL --clearenv "
                        + "--setenv HOME /tmp --setenv LANG C.UTF-8 "
                        + "--setenv PATH /usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin "
                        + "--ro-bind-try /usr /usr --ro-bind-try /bin /bin --ro-bind-try /sbin /sbin "
                        + "--ro-bind-try /lib /lib --ro-bind-try /lib32 /lib32 --ro-bind-try /lib64 /lib64 "
                        + "--ro-bind-try /libx32 /libx32 --ro-bind-try /etc /etc --ro-bind-try /opt/jdk /opt/jdk "
                        + "--proc /proc --dev /dev --tmpfs /tmp --bind /home/a/.alfred/workspaces/r1 /workspace "
                        + "--chdir /workspace -- /usr/bin/prlimit --nproc=512 --fsize=1024 --core=0 -- "
                        + "/bin/sh -c make test");
    }

    @Test
    void aWorktreesGitLinkIsMaskedWithAnEmptyReadOnlyFile(@org.junit.jupiter.api.io.TempDir Path worktree)
            throws java.io.IOException {
        java.nio.file.Files.writeString(worktree.resolve(".git"), "gitdir: /home/a/.alfred/git-cache/x\n");

        assertThat(String.join(" ", BubblewrapCommand.argv("bwrap", SandboxPolicy.forWorktree(worktree, List.of(),
                LIMITS), null, "true"))).contains("--bind " + worktree + " /workspace --ro-bind /dev/null "
                + "/workspace/.git --chdir /workspace");
    }

    @Test
    void aPolicyWithNetworkSharesItAndNoPrlimitMeansNoRlimits() {
        SandboxPolicy policy = new SandboxPolicy(Path.of("/w"), List.of(), List.of(), true, java.util.Map.of(), LIMITS);

        assertThat(BubblewrapCommand.argv("bwrap", policy, null, "true")).contains("--share-net")
                .endsWith("--chdir", "/workspace", "--", "/bin/sh", "-c", "true");
    }

    @Test
    void withoutBubblewrapCommandsAreRefusedWithTheWayOut() {
        Sandbox sandbox = Sandbox.of(false, new SandboxProbe.Result(null, null, "bubblewrap (bwrap) is not installed"),
                List.of());

        assertThat(sandbox.refusal()).hasValueSatisfying(reason -> assertThat(reason).contains(
                "bubblewrap (bwrap) is not installed", "apt-get install bubblewrap", "ALFRED_SANDBOX=none"));
        assertThat(sandbox.unsandboxed()).isFalse();
    }
}
