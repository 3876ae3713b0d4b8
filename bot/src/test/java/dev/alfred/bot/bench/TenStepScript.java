package dev.alfred.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.bot.support.FakeOpenAi;
import java.util.List;

/**
 * The zero-latency model's part in a 10-step run: 5 model turns and 5 tool calls. Turn 1 asks for two
 * {@code scratchpad_read}s at once, turns 2 to 4 for one each, turn 5 answers {@code done <task>}. The tool reads the
 * run's scratchpad (one database query), so tool steps cost Alfred's bookkeeping and little else.
 */
final class TenStepScript {
    static final int STEPS = 10;
    static final int MODEL_TURNS = 5;

    private TenStepScript() {
    }

    /** @return the reply to a request, chosen by how many turns the model has taken in that run */
    static FakeOpenAi.Reply reply(JsonNode request) {
        int turn = 1;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("assistant")) {
                turn++;
            }
        }
        if (turn == 1) {
            return new FakeOpenAi.ToolCalls(List.of(read("k1a"), read("k1b")));
        }
        return turn < MODEL_TURNS ? read("k" + turn) : new FakeOpenAi.Text("done " + task(request));
    }

    /** @return the run's task, as the model reads it in the first user message */
    static String task(JsonNode request) {
        return request.path("messages").path(1).path("content").asText();
    }

    private static FakeOpenAi.ToolCall read(String key) {
        return new FakeOpenAi.ToolCall("scratchpad_read", "{\"key\":\"" + key + "\"}");
    }
}
