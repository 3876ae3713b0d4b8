package dev.alfred.policies;

import java.time.Instant;

/** Maps a tool call to a {@link PolicyDecision}. Implementations are pure functions of their arguments. */
public interface Policy {

    /**
     * Judges one tool call.
     *
     * @param request the call
     * @param now     the moment of judgement (policies never read a clock)
     * @return the decision, naming the rule that produced it; never {@code null}
     */
    PolicyDecision evaluate(ToolCallRequest request, Instant now);
}
