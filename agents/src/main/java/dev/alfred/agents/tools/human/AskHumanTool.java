package dev.alfred.agents.tools.human;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import jakarta.inject.Singleton;

/**
 * {@code ask_human {question}}: asks the requester a clarifying question in the run's thread. The run loop handles
 * this tool itself: it posts the question, parks the run in {@code WAITING_FOR_REPLY} and ends the job; the
 * person's reply in the thread becomes the tool result. {@link #execute} is therefore only reached if a caller
 * bypasses the loop, and says so.
 */
@Singleton
public class AskHumanTool implements Tool {
    /** The tool's contract name. */
    public static final String NAME = "ask_human";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Ask the person who gave you the task a clarifying question and wait for their reply in the thread. "
                + "Use it when the task is ambiguous or a choice is theirs to make.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("question", "The question, in one or two sentences")
                .required("question")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        return ToolResult.error("ask_human is answered through the run's thread, not executed directly");
    }
}
