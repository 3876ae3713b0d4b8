package dev.alfred.agents.approvals;

import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runs.RunStore;
import dev.alfred.agents.runtime.RunNotifier;
import dev.alfred.agents.runtime.RunWaker;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decision from start to finish: apply it ({@link Approvals#decide}), update the card in place, and wake the run
 * or, for reject-and-end, say in the thread that it ended. Also the expiry sweep. Slack failures while updating a
 * card are logged; the decision stands.
 */
@Singleton
public class ApprovalDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalDecisions.class);

    private final Approvals approvals;
    private final RunStore runs;
    private final RunNotifier notifier;
    private final RunWaker waker;

    public ApprovalDecisions(Approvals approvals, RunStore runs, RunNotifier notifier, RunWaker waker) {
        this.approvals = approvals;
        this.runs = runs;
        this.notifier = notifier;
        this.waker = waker;
    }

    /** Applies a decision and its consequences; see {@link Approvals#decide}. */
    public DecisionOutcome decide(String actionId, DecisionKind kind, String userId, @Nullable String note,
            @Nullable String editedArguments) {
        DecisionOutcome outcome = approvals.decide(actionId, kind, userId, note, editedArguments);
        if (outcome instanceof DecisionOutcome.Decided decided) {
            Run run = runs.find(decided.action().runId()).orElseThrow();
            updateCard(run, decided.action());
            if (kind == DecisionKind.REJECT_AND_END) {
                notifier.notice(run, ":no_entry: <@" + userId + "> rejected `" + decided.action().toolName()
                        + "` and ended run `" + run.id() + "`" + (note == null || note.isBlank() ? "."
                        : ": " + escape(note)));
            } else {
                waker.wake(run.id());
            }
        }
        return outcome;
    }

    /** Expires due actions, updates their cards and wakes their runs; returns how many expired. */
    public int expireDue() {
        int count = 0;
        for (StagedAction action : approvals.expireDue()) {
            Run run = runs.find(action.runId()).orElseThrow();
            updateCard(run, action);
            waker.wake(run.id());
            count++;
        }
        return count;
    }

    /** Slack's escaping of {@code & < >}, so a person's reason cannot mention or link. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void updateCard(Run run, StagedAction action) {
        try {
            notifier.approvalDecided(run, action);
        } catch (RuntimeException e) {
            LOG.warn("could not update the approval card of action {}: {}", action.id(), e.toString());
        }
    }
}
