package dev.alfred.agents.trigger;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A GitHub issue claimed by its {@code agent:implement} label, and what Alfred has done to its labels so far.
 *
 * @param runId       the run working the issue
 * @param repo        {@code owner/name}
 * @param issueNumber the issue's number
 * @param state       {@link State} name
 * @param leaseUntil  while a worker moves the labels: when its hold on the claim lapses
 */
@MappedEntity("github_claims")
public record GitHubClaim(@Id String runId, String repo, int issueNumber, String state,
        @io.micronaut.core.annotation.Nullable Instant leaseUntil, Instant createdAt, Instant updatedAt) {

    /** The label state machine, as far as Alfred has moved it. */
    public enum State {
        /** The run started; the labels have not moved yet. */
        CLAIMED,
        /** {@code agent:in-flight} set and the claim comment posted. */
        IN_FLIGHT,
        /** The run failed or was cancelled: {@code agent:failed} and a comment saying why. */
        FAILED,
        /** The run opened a pull request: {@code agent:pr-open} and a comment with the link. */
        PR_OPEN,
        /** The run succeeded without a pull request: {@code agent:in-flight} removed, its answer commented. */
        DONE
    }
}
