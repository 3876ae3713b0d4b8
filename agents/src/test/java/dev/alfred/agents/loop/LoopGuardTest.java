package dev.alfred.agents.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.tools.ToolCall;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopGuardTest {
    private static ToolCall call(String id, String name, String arguments) {
        return new ToolCall(id, name, arguments);
    }

    @Test
    void countsIdenticalCallsUpToTheCurrentOneWhateverTheKeyOrderAndSpacing() {
        List<ToolCall> calls = List.of(
                call("a", "http_get", "{\"url\":\"https://x\",\"n\":1}"),
                call("b", "http_get", "{\"url\":\"https://y\"}"),
                call("c", "http_get", "{ \"n\": 1, \"url\": \"https://x\" }"),
                call("d", "slack_post_message", "{\"url\":\"https://x\",\"n\":1}"),
                call("e", "http_get", "{\"n\":1,\"url\":\"https://x\"}"),
                call("f", "http_get", "{\"n\":1,\"url\":\"https://x\"}"));

        assertThat(LoopGuard.repeats(calls, calls.get(0), Set.of())).isEqualTo(1);
        assertThat(LoopGuard.repeats(calls, calls.get(2), Set.of())).isEqualTo(2);
        assertThat(LoopGuard.repeats(calls, calls.get(3), Set.of())).isEqualTo(1);
        assertThat(LoopGuard.repeats(calls, calls.get(4), Set.of())).isEqualTo(3);
        assertThat(LoopGuard.repeats(calls, calls.get(1), Set.of())).isEqualTo(1);
    }

    @Test
    void startsCountingAgainAfterACallTheRequesterLetGoOn() {
        List<ToolCall> calls = List.of(call("a", "t", "{}"), call("b", "t", "{}"), call("c", "t", "{}"),
                call("d", "t", "{}"), call("e", "t", ""));

        assertThat(LoopGuard.repeats(calls, calls.get(3), Set.of("b"))).isEqualTo(2);
        assertThat(LoopGuard.repeats(calls, calls.get(4), Set.of("b"))).isEqualTo(3);
        assertThat(LoopGuard.repeats(calls, calls.get(4), Set.of("d"))).isEqualTo(1);
    }
}
