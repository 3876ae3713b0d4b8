package dev.alfred.agents.trigger;

import dev.alfred.agents.run.Run;
import io.micronaut.core.annotation.Nullable;

/** What became of a verified webhook delivery. */
public sealed interface WebhookOutcome permits WebhookOutcome.Started, WebhookOutcome.Duplicate,
        WebhookOutcome.Ignored {

    /** Recorded, and a run started ({@code QUEUED}, woken once the delivery commits). */
    record Started(Run run) implements WebhookOutcome {
    }

    /**
     * Delivered before; nothing new was recorded.
     *
     * @param runId the run the first delivery started, if it started one
     */
    record Duplicate(@Nullable String runId) implements WebhookOutcome {
    }

    /**
     * Recorded, but it starts nothing (an event Alfred does not act on, an issue already being worked).
     *
     * @param reason why, in a sentence
     */
    record Ignored(String reason) implements WebhookOutcome {
    }
}
