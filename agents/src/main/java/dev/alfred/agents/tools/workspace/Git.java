package dev.alfred.agents.tools.workspace;

import dev.alfred.agents.tools.workspace.sandbox.ExecResult;
import dev.alfred.agents.tools.workspace.sandbox.OutputBuffer;
import dev.alfred.agents.tools.workspace.sandbox.ProcessRunner;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code git} binary as the workspace runs it on the host, where the worktree's files are untrusted data:
 * <ul>
 *   <li>the git directory is always named ({@code --git-dir}, {@code --work-tree}), never found from the worktree,
 *       so a {@code .git} file a sandboxed command rewrote cannot point git elsewhere;</li>
 *   <li>no system or global configuration ({@code GIT_CONFIG_NOSYSTEM}, {@code GIT_CONFIG_GLOBAL=/dev/null}), no
 *       hooks ({@code core.hooksPath=/dev/null}), no fsmonitor, no automatic gc, no signing, no prompts, no
 *       credential helper but Alfred's own;</li>
 *   <li>the environment is built here: {@code PATH}, {@code HOME} (an empty directory of Alfred's), {@code LANG} and
 *       the commit identity; {@code GITHUB_TOKEN} reaches git only for commands that talk to the remote, and only
 *       through a credential helper scoped to the GitHub host ({@code credential.https://HOST.helper}), read from
 *       the git process's own environment: never in a URL, an argument, a log or the sandbox.</li>
 * </ul>
 * Output is capped (the first 4 MiB of stdout are kept, the end of stderr); a command past the time limit is killed.
 */
final class Git {
    private static final String TOKEN_VARIABLE = "ALFRED_GIT_TOKEN";
    private static final int STDOUT_BYTES = 4 * 1024 * 1024;
    private static final List<String> SAFE = List.of("-c", "core.hooksPath=/dev/null", "-c", "gc.auto=0",
            "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.fsmonitor=false",
            "-c", "safe.directory=*", "-c", "protocol.ext.allow=never", "-c", "credential.helper=",
            "-c", "core.quotePath=false", "-c", "advice.detachedHead=false", "-c", "init.defaultBranch=main",
            "--no-pager");

    private final Map<String, String> environment;
    private final Duration timeout;
    @Nullable
    private final String token;
    @Nullable
    private final String tokenHost;
    private final Path home;

    /**
     * @param home      {@code ALFRED_HOME}; git's {@code HOME} is an empty directory under it, and messages name it
     *                  {@code ALFRED_HOME}
     * @param token     {@code GITHUB_TOKEN}, or null
     * @param tokenHost the host the token is offered to, e.g. {@code github.com}, or null
     */
    Git(Path home, Duration timeout, String authorName, String authorEmail, @Nullable String token,
            @Nullable String tokenHost) {
        this.home = home;
        this.timeout = timeout;
        this.token = token;
        this.tokenHost = tokenHost;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.resolve("git-home").toString());
        env.put("LANG", "C.UTF-8");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_AUTHOR_NAME", authorName);
        env.put("GIT_AUTHOR_EMAIL", authorEmail);
        env.put("GIT_COMMITTER_NAME", authorName);
        env.put("GIT_COMMITTER_EMAIL", authorEmail);
        this.environment = Map.copyOf(env);
    }

    /**
     * Runs a git command that stays on this machine.
     *
     * @param gitDir   the git directory (a bare cache, or a worktree's administrative directory)
     * @param workTree the worktree, or null for none
     * @return standard output (its first 4 MiB)
     * @throws WorkspaceException when git fails, with its message
     */
    String local(Path gitDir, @Nullable Path workTree, String... args) throws WorkspaceException {
        return run(gitDir, workTree, false, List.of(args));
    }

    /** Runs a git command that talks to the remote ({@code fetch}, {@code push}, {@code ls-remote}). */
    String remote(Path gitDir, String... args) throws WorkspaceException {
        return run(gitDir, null, true, List.of(args));
    }

    /** Runs {@code git init --bare} at {@code gitDir}. */
    void initBare(Path gitDir) throws WorkspaceException {
        run(null, null, false, List.of("init", "--bare", "--quiet", gitDir.toString()));
    }

    private String run(@Nullable Path gitDir, @Nullable Path workTree, boolean network, List<String> args)
            throws WorkspaceException {
        try {
            java.nio.file.Files.createDirectories(home.resolve("git-home"));
            ExecResult result = ProcessRunner.run(argv(gitDir, workTree, network, args), environment(network),
                    workTree, timeout, OutputBuffer.head(STDOUT_BYTES), OutputBuffer.tail(4096));
            if (result.timedOut() || result.exitCode() != 0) {
                throw new WorkspaceException(redact("git " + args.get(0) + (result.timedOut() ? " did not finish "
                        + "within " + timeout.toSeconds() + " s" : " failed (exit " + result.exitCode() + ")")
                        + ": " + result.stderr().strip()));
            }
            return result.stdout();
        } catch (IOException e) {
            throw new WorkspaceException("git could not be run (is it installed? apt-get install git): "
                    + redact(e.getMessage()));
        }
    }

    /** @return the command line: git, the safe options, the scoped credential helper for remote commands, args */
    List<String> argv(@Nullable Path gitDir, @Nullable Path workTree, boolean network, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(SAFE);
        if (network && token != null && tokenHost != null) {
            argv.addAll(List.of("-c", "credential.https://" + tokenHost + ".helper=!f() { test \"$1\" = get && "
                    + "echo username=x-access-token && echo \"password=$" + TOKEN_VARIABLE + "\"; }; f"));
        }
        if (gitDir != null) {
            argv.add("--git-dir=" + gitDir);
        }
        if (workTree != null) {
            argv.add("--work-tree=" + workTree);
        }
        argv.addAll(args);
        return argv;
    }

    /** @return git's whole environment: the token only for commands that talk to the remote */
    Map<String, String> environment(boolean network) {
        if (!network || token == null || tokenHost == null) {
            return environment;
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(TOKEN_VARIABLE, token);
        return env;
    }

    /** @return {@code text} without the token, and with Alfred's home written {@code ALFRED_HOME} */
    String redact(String text) {
        String redacted = token == null ? text : text.replace(token, "[redacted]");
        return redacted.replace(home.toString(), "ALFRED_HOME");
    }
}
