package dev.alfred.agents.tools.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.ToolSchema;
import dev.alfred.agents.tools.workspace.sandbox.ExecResult;
import dev.alfred.agents.tools.workspace.sandbox.Sandbox;
import dev.alfred.agents.tools.workspace.sandbox.SandboxLimits;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code workspace_exec {command, timeout_s?}}: runs a shell command in the run's worktree inside the
 * {@link Sandbox}; returns the exit code, the tails of stdout and stderr, and the worktree's disk use. Tier
 * {@code read} in the sandbox (it can change nothing but the run's own worktree); with {@code ALFRED_SANDBOX=none}
 * it is {@code destructive}, so each command waits for approval, and its card and result say it runs unsandboxed.
 * Without a working sandbox every call is refused with the sandbox's advice.
 */
@Singleton
public class WorkspaceExecTool extends WorkspaceTool {
    private final Sandbox sandbox;
    private final SandboxLimits limits;

    public WorkspaceExecTool(Workspaces workspaces, Sandbox sandbox, SandboxSettings settings) {
        super(workspaces);
        this.sandbox = sandbox;
        this.limits = settings.limits();
    }

    @Override
    public String name() {
        return "workspace_exec";
    }

    @Override
    public String description() {
        return "Run a shell command (sh -c) in your checked-out repository, e.g. its build or tests; returns the exit "
                + "code and the ends of stdout and stderr. " + (sandbox.unsandboxed()
                ? "It runs WITHOUT a sandbox on Alfred's host, so each command needs a person's approval."
                : "It runs in a sandbox: no network, only the repository (and a private /tmp) writable, no git "
                        + "inside (use workspace_diff and workspace_commit).")
                + " Time limit " + limits.timeout().toSeconds() + " s.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("command", "The command, e.g. ./gradlew test or npm test")
                .addProperty("timeout_s", "{\"type\":\"integer\",\"minimum\":1,\"maximum\":"
                        + limits.timeout().toSeconds() + ",\"description\":\"Seconds before the command is killed; "
                        + "default and most " + limits.timeout().toSeconds() + "\"}")
                .required("command")
                .build();
    }

    @Override
    public RiskTier tier() {
        return sandbox.unsandboxed() ? RiskTier.DESTRUCTIVE : RiskTier.READ;
    }

    @Override
    public Optional<String> preview(JsonNode arguments, ToolContext context) {
        return sandbox.unsandboxed() ? Optional.of(UNSANDBOXED + " It runs in the worktree of this run, as Alfred's "
                + "user, with Alfred's network and file access.") : Optional.empty();
    }

    /** What the card and the result say when commands run without a sandbox. */
    static final String UNSANDBOXED = "UNSANDBOXED: ALFRED_SANDBOX=none, so this command runs directly on Alfred's "
            + "host.";

    @Override
    protected ToolResult call(Workspace workspace, JsonNode arguments, ToolContext context) throws WorkspaceException {
        Optional<String> refusal = sandbox.refusal();
        if (refusal.isPresent()) {
            return ToolResult.error(refusal.get());
        }
        WorkspaceDisk.check(workspace.root(), 0, workspaces.maxDisk());
        SandboxLimits these = arguments.hasNonNull("timeout_s")
                ? limits.withTimeoutAtMost(arguments.get("timeout_s").asLong()) : limits;
        ExecResult result;
        try {
            result = sandbox.exec(workspace.root(), text(arguments, "command", ""), these);
        } catch (IOException e) {
            return ToolResult.error("the command could not be started: " + e.getMessage());
        }
        long used = WorkspaceDisk.usage(workspace.root());
        String text = (sandbox.unsandboxed() ? UNSANDBOXED + "\n" : "") + result.describe() + "Worktree disk use: "
                + WorkspaceDisk.mib(used) + " of " + WorkspaceDisk.mib(workspaces.maxDisk()) + ".";
        return new ToolResult(text, false);
    }
}
