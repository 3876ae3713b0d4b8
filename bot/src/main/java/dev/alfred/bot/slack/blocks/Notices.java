package dev.alfred.bot.slack.blocks;

import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.report.Report;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.spend.Spend;
import java.util.Optional;

/**
 * The text of the thread notices a run's {@link Report} facts become: one line each, with an emoji short code first
 * (Slack renders {@code :stop_sign:} as the emoji). Pure functions.
 */
public final class Notices {
    private static final SlackMentions MENTIONS = new SlackMentions();

    private Notices() {
    }

    /** @return the notice for a fact that is told as one, or empty for the facts that have messages of their own */
    public static Optional<String> text(Run run, Report fact) {
        if (fact instanceof Report.Paused paused) {
            String scope = paused.pause().scope();
            String resume = scope.equals(Fleet.FLEET) ? "fleet" : scope.substring(Fleet.AGENT_PREFIX.length());
            return Optional.of(":double_vertical_bar: Paused before step " + paused.beforeStep() + ": "
                    + paused.pause().describe() + " was paused by " + MENTIONS.user(paused.pause().pausedBy())
                    + ". `/alfred resume " + resume + "` lets it continue.");
        } else if (fact instanceof Report.Blocked blocked) {
            return Optional.of(":no_entry: Blocked before step " + blocked.beforeStep() + ": " + blocked.reason()
                    + ". Every run waits until " + ApprovalCards.date(blocked.until()) + " instead of calling the "
                    + "provider again, then continues by itself.");
        } else if (fact instanceof Report.Ended ended) {
            return Optional.of(":stop_sign: Run `" + run.id() + "` ended: " + ended.reason() + ".");
        } else if (fact instanceof Report.CallInDoubt doubt) {
            return Optional.of(":warning: A " + doubt.toolName() + " call (step " + doubt.stepNo() + ") was running "
                    + "when its worker stopped. It may or may not have happened, and Alfred will not repeat it "
                    + "by itself.");
        } else if (fact instanceof Report.ActionInDoubt doubt) {
            return Optional.of(":warning: Approved action `" + doubt.action().id() + "` (" + doubt.action().toolName()
                    + ") was being executed when its worker stopped. It may or may not have happened, and "
                    + "it will not be repeated without a new approval.");
        } else if (fact instanceof Report.BudgetExtended extended) {
            String who = String.join(" and ", extended.approvers().stream().map(MENTIONS::user).toList());
            return Optional.of(":heavy_plus_sign: " + (who.isEmpty() ? MENTIONS.user(extended.decidedBy()) : who)
                    + " extended this run's budget by " + Spend.usd(extended.amountUsd()) + "; it continues ("
                    + Spend.usd(extended.spentUsd()) + " spent so far).");
        }
        return people(run, fact);
    }

    private static Optional<String> people(Run run, Report fact) {
        if (fact instanceof Report.Resumed resumed) {
            return Optional.of(":arrow_forward: Resumed by " + MENTIONS.user(resumed.userId()) + ".");
        } else if (fact instanceof Report.BlockLifted lifted) {
            return Optional.of(":arrow_forward: " + MENTIONS.user(lifted.userId())
                    + " lifted the model provider block; continuing.");
        } else if (fact instanceof Report.Cancelled cancelled) {
            return Optional.of(":stop_sign: Cancelled by " + MENTIONS.user(cancelled.userId())
                    + ". Nothing more will happen in this run.");
        } else if (fact instanceof Report.RejectedAndEnded rejected) {
            String note = rejected.note();
            return Optional.of(":no_entry: " + MENTIONS.user(rejected.userId()) + " "
                    + (rejected.action().isHold() ? "stopped" : "rejected `" + rejected.action().toolName()
                            + "` and ended") + " run `" + run.id() + "`"
                    + (note == null || note.isBlank() ? "." : ": " + SlackText.escape(note)));
        } else if (fact instanceof Report.UntrustedReply untrusted) {
            return Optional.of(":shield: Only " + MENTIONS.user(run.requesterUserId()) + " steers this run: replies "
                    + "from others (such as " + MENTIONS.user(untrusted.userId()) + ") reach the agent as information "
                    + "from them, not as instructions, and answer none of its questions.");
        } else if (fact instanceof Report.SubRunStopped stopped) {
            return Optional.of(":stop_sign: *" + run.agent() + "* stopped: the run that delegated to it (`"
                    + stopped.parentRunId() + "`) ended.");
        }
        return Optional.empty();
    }
}
