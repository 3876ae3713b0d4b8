package dev.alfred.agents.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.policies.Policy;
import dev.alfred.policies.PolicyDecision;
import dev.alfred.policies.ToolCallRequest;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches one tool call: find the tool, parse and validate the arguments against its schema, ask the policy,
 * then run it, refuse it, or hand it back for approval (unless the tool's own {@link Tool#refusal} already says the
 * call cannot be made: then no approval is asked for one). Every refusal is a {@link ToolResult} for the model; nothing
 * here throws for a bad call.
 *
 * <p>What a tool returns came from outside Alfred and is untrusted: every result of running a tool, here or after
 * approval, goes to the model through {@link ToolOutput}, cut to {@code alfred.tools.max-result-chars} (default
 * 16,000) and marked as data. Alfred's own refusals (unknown tool, invalid arguments, denied by policy) are not.
 */
@Singleton
public class ToolDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ToolDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolRegistry registry;
    private final Policy policy;
    private final Clock clock;
    private final AuditLog audit;
    private final int maxResultChars;

    public ToolDispatcher(ToolRegistry registry, Policy policy, Clock clock, AuditLog audit,
            @Value("${alfred.tools.max-result-chars:" + ToolOutput.DEFAULT_MAX_CHARS + "}") int maxResultChars) {
        this.registry = registry;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
        this.maxResultChars = maxResultChars;
    }

    /**
     * Dispatches a call and records it in the audit log with its policy decision and rule id.
     *
     * @param stepNo the step the call is made in
     * @return the result for the model, or the call to stage for approval
     */
    public Dispatch dispatch(Run run, ToolCall call, int stepNo) {
        Tool tool = registry.find(call.toolName()).orElse(null);
        if (tool == null) {
            return done(ToolResult.error("there is no tool named '" + call.toolName() + "'. Available tools: "
                    + String.join(", ", registry.names())));
        }
        JsonNode arguments;
        try {
            arguments = parse(tool, call.arguments());
        } catch (InvalidArguments e) {
            return done(ToolResult.error(e.getMessage()));
        }
        PolicyDecision decision = policy.evaluate(new ToolCallRequest(tool.name(), tool.tier(), run.agent(),
                run.channelId(), run.requesterUserId(), arguments), clock.instant());
        audit.record(run.id(), "tool.call", null, stepNo, tool.name() + " → " + decision.wireName() + " by rule "
                + decision.ruleId(), Map.of("tool", tool.name(), "tier", tool.tier().wireName(),
                "toolCallId", call.toolCallId(), "decision", decision.wireName(), "ruleId", decision.ruleId(),
                "arguments", arguments.toString()));
        if (decision instanceof PolicyDecision.Deny deny) {
            return done(ToolResult.error("denied by policy rule " + deny.ruleId() + ": " + deny.reason()));
        }
        if (decision instanceof PolicyDecision.RequireApproval approval) {
            java.util.Optional<String> refusal = tool.refusal(arguments);
            if (refusal.isPresent()) {
                audit.record(run.id(), "tool.refused", null, stepNo, tool.name() + " refused before approval: "
                        + refusal.get(), Map.of("tool", tool.name(), "toolCallId", call.toolCallId()));
                return done(ToolResult.error(refusal.get()));
            }
            return new Dispatch.NeedsApproval(tool, arguments.toString(), approval, preview(tool, arguments,
                    context(run, call.toolCallId(), null)));
        }
        ToolResult result = execute(tool, arguments, context(run, call.toolCallId(), null));
        audit.record(run.id(), "tool.result", null, stepNo, tool.name() + (result.error() ? " failed: " : " returned: ")
                + result.content(), Map.of("tool", tool.name(), "toolCallId", call.toolCallId(), "error",
                        result.error()));
        return done(ToolOutput.wrap(tool.name(), result, maxResultChars));
    }

    /**
     * Executes an approved call with the arguments a person approved.
     *
     * @param idempotencyKey derived from the staged action, handed to the tool
     * @return the tool's result wrapped by {@link ToolOutput}, ready for the model as it is; Alfred's own refusals
     *         unwrapped
     */
    public ToolResult executeApproved(Run run, String toolName, String toolCallId, String arguments,
            String idempotencyKey) {
        Tool tool = registry.find(toolName).orElse(null);
        if (tool == null) {
            return ToolResult.error("the tool '" + toolName + "' is no longer available; the call was not made");
        }
        try {
            return ToolOutput.wrap(tool.name(), execute(tool, parse(tool, arguments),
                    context(run, toolCallId, idempotencyKey)), maxResultChars);
        } catch (InvalidArguments e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /**
     * Judges a call as the policy would if the agent made it now, without running or recording it: for edited
     * arguments, which must not escape the rule their action was staged under.
     *
     * @return the decision, or empty when the tool is unknown or the arguments are invalid
     */
    public java.util.Optional<PolicyDecision> judge(Run run, String toolName, String arguments) {
        Tool tool = registry.find(toolName).orElse(null);
        if (tool == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(policy.evaluate(new ToolCallRequest(tool.name(), tool.tier(), run.agent(),
                    run.channelId(), run.requesterUserId(), parse(tool, arguments)), clock.instant()));
        } catch (InvalidArguments e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * @return the problems with {@code arguments} for the named tool, one sentence each; empty when valid
     */
    public List<String> validate(String toolName, String arguments) {
        Tool tool = registry.find(toolName).orElse(null);
        if (tool == null) {
            return List.of("there is no tool named '" + toolName + "'");
        }
        try {
            parse(tool, arguments);
            return List.of();
        } catch (InvalidArguments e) {
            return List.of(e.getMessage());
        }
    }

    private static JsonNode parse(Tool tool, @Nullable String text) throws InvalidArguments {
        JsonNode arguments;
        try {
            arguments = JSON.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new InvalidArguments("the arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (arguments == null || !arguments.isObject()) {
            throw new InvalidArguments("the arguments must be a JSON object");
        }
        List<String> problems = ToolArguments.problems(tool, arguments);
        if (!problems.isEmpty()) {
            throw new InvalidArguments("the arguments do not match the parameters of " + tool.name() + ": "
                    + String.join("; ", problems));
        }
        return arguments;
    }

    private static ToolContext context(Run run, String toolCallId, @Nullable String idempotencyKey) {
        return new ToolContext(run.id(), run.agent(), toolCallId, run.channelId(), run.threadTs(), idempotencyKey);
    }

    /** @return the tool's preview of a call about to be staged, or null; a failing preview is logged, not fatal */
    @Nullable
    private static String preview(Tool tool, JsonNode arguments, ToolContext context) {
        try {
            return tool.preview(arguments, context).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("tool {} could not preview a call in run {}", tool.name(), context.runId(), e);
            return null;
        }
    }

    private static Dispatch done(ToolResult result) {
        return new Dispatch.Done(result);
    }

    private ToolResult execute(Tool tool, JsonNode arguments, ToolContext context) {
        try {
            return tool.execute(arguments, context);
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed in run {}", tool.name(), context.runId(), e);
            return ToolResult.error(tool.name() + " failed: " + e.getMessage());
        }
    }

    private static final class InvalidArguments extends Exception {
        InvalidArguments(String message) {
            super(message);
        }
    }
}
