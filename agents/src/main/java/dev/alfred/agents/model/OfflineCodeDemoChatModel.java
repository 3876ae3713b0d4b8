package dev.alfred.agents.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolOutput;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * The scripted model of {@code ./alfred demo --example code}: it does not read the code, it walks an engineering run
 * over the demo's repository, one tool call per turn: {@code workspace_checkout}, {@code workspace_exec} of the
 * tests (they fail), {@code workspace_read} of the file, {@code workspace_edit} fixing the typo, the tests again
 * (they pass), {@code workspace_diff}, {@code workspace_commit}, {@code workspace_push} (which waits for approval),
 * then a final answer quoting what the push did. The demo repository is the one {@code bot}'s demo makes: a
 * {@code greeting.sh} printing {@code Helo, world} and a {@code test.sh} expecting {@code Hello, world}.
 */
public final class OfflineCodeDemoChatModel implements ChatModel {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String repo;

    /** @param repo the demo repository, {@code owner/name} */
    public OfflineCodeDemoChatModel(String repo) {
        this.repo = repo;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ToolExecutionResultMessage> results = request.messages().stream()
                .filter(ToolExecutionResultMessage.class::isInstance).map(ToolExecutionResultMessage.class::cast)
                .toList();
        List<ObjectNode> script = script();
        if (results.size() < script.size()) {
            ObjectNode step = script.get(results.size());
            ToolExecutionRequest call = ToolExecutionRequest.builder().id("demo-code-" + results.size())
                    .name(step.path("tool").asText()).arguments(step.path("arguments").toString()).build();
            return response(AiMessage.from(step.path("why").asText(), List.of(call)), FinishReason.TOOL_EXECUTION);
        }
        List<String> texts = results.stream().map(result -> ToolOutput.content(result.text()).strip()).toList();
        return response(AiMessage.from("(" + OfflineDemoChatModel.LABEL + ") I checked out " + repo + " and ran its "
                + "tests: " + outcome(texts.get(1)) + " I fixed the typo in greeting.sh and ran them again: "
                + outcome(texts.get(4)) + " Then I committed and asked to push. " + texts.get(texts.size() - 1)),
                FinishReason.STOP);
    }

    /** @return a command's exit line and the first line it printed, from {@code workspace_exec}'s result */
    private static String outcome(String exec) {
        List<String> lines = exec.lines().toList();
        String printed = "";
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("--- stdout") && !lines.get(i).contains("empty")) {
                printed = " It printed: " + lines.get(i + 1);
                break;
            }
        }
        return (lines.isEmpty() ? "" : lines.get(0)) + printed;
    }

    private List<ObjectNode> script() {
        return List.of(
                step("workspace_checkout", "I'll check the repository out.", JSON.objectNode().put("repo", repo)),
                step("workspace_exec", "First, where do the tests stand?", JSON.objectNode().put("command",
                        "sh test.sh")),
                step("workspace_read", "The test expects 'Hello, world'; let me read the script.",
                        JSON.objectNode().put("path", "greeting.sh")),
                step("workspace_edit", "It says 'Helo': a typo.", JSON.objectNode().put("path", "greeting.sh")
                        .put("old_text", "Helo, world").put("new_text", "Hello, world")),
                step("workspace_exec", "Now the tests again.", JSON.objectNode().put("command", "sh test.sh")),
                step("workspace_diff", "Here is the change.", JSON.objectNode()),
                step("workspace_commit", "Committing it.", JSON.objectNode().put("message",
                        "Fix the greeting's spelling")),
                step("workspace_push", "Pushing the branch for review.", JSON.objectNode()
                        .put("title", "Fix the greeting's spelling").put("body", "greeting.sh printed 'Helo, world'"
                                + "; test.sh expects 'Hello, world'. Tested with sh test.sh.")));
    }

    private static ObjectNode step(String tool, String why, ObjectNode arguments) {
        ObjectNode step = JSON.objectNode().put("tool", tool).put("why", why);
        step.set("arguments", arguments);
        return step;
    }

    private static ChatResponse response(AiMessage message, FinishReason reason) {
        return ChatResponse.builder().aiMessage(message).finishReason(reason)
                .tokenUsage(new TokenUsage(0, 0)).modelName("offline-demo").build();
    }
}
