package dev.alfred.agents.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.runs.Run;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolRegistry;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.Policy;
import dev.alfred.policies.PolicyDecision;
import dev.alfred.policies.ToolCallRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches one tool call: find the tool, parse the arguments, ask the policy, then run it or say why not. Every
 * outcome is a {@link ToolResult} for the model; nothing here throws for a bad call.
 */
@Singleton
public class ToolDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ToolDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolRegistry registry;
    private final Policy policy;
    private final Clock clock;

    public ToolDispatcher(ToolRegistry registry, Policy policy, Clock clock) {
        this.registry = registry;
        this.policy = policy;
        this.clock = clock;
    }

    /** @return the tool result to append to the transcript */
    public ToolResult dispatch(Run run, ToolExecutionRequest call) {
        Tool tool = registry.find(call.name()).orElse(null);
        if (tool == null) {
            return ToolResult.error("there is no tool named '" + call.name() + "'. Available tools: "
                    + String.join(", ", registry.names()));
        }
        JsonNode arguments;
        try {
            arguments = JSON.readTree(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
        } catch (JsonProcessingException e) {
            return ToolResult.error("the arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (!arguments.isObject()) {
            return ToolResult.error("the arguments must be a JSON object");
        }
        PolicyDecision decision = policy.evaluate(new ToolCallRequest(tool.name(), tool.tier(), run.agent(),
                run.channelId(), run.requesterUserId()), clock.instant());
        if (decision instanceof PolicyDecision.Deny deny) {
            return ToolResult.error("denied by policy rule " + deny.ruleId() + ": " + deny.reason());
        }
        if (decision instanceof PolicyDecision.RequireApproval approval) {
            return ToolResult.error(tool.name() + " needs a person's approval (policy rule " + approval.ruleId()
                    + "), and this Alfred cannot stage approvals yet; the call was not made.");
        }
        return execute(tool, arguments, new ToolContext(run.id(), run.agent(), call.id()));
    }

    private ToolResult execute(Tool tool, JsonNode arguments, ToolContext context) {
        try {
            return tool.execute(arguments, context);
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed in run {}", tool.name(), context.runId(), e);
            return ToolResult.error(tool.name() + " failed: " + e.getMessage());
        }
    }
}
