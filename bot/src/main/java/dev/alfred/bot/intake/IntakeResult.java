package dev.alfred.bot.intake;

import dev.alfred.agents.run.Run;

/** What became of a {@link TaskRequest}. */
public sealed interface IntakeResult permits IntakeResult.Accepted, IntakeResult.Duplicate, IntakeResult.Refused {

    /** Recorded and enqueued. */
    record Accepted(Run run) implements IntakeResult {
    }

    /** The same delivery was applied before; nothing new was recorded. */
    record Duplicate() implements IntakeResult {
    }

    /**
     * Not started, for a reason the requester can act on.
     *
     * @param reason a sentence for the requester, Slack mrkdwn
     */
    record Refused(String reason) implements IntakeResult {
    }
}
