package dev.alfred.bot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.policies.Approvers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalCardsTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final Run RUN = new Run("run1", "alfred", "task", RunStatus.WAITING_FOR_APPROVAL, "T1", "C1",
            "1.1", null, "U1", 1, 30, null, null, null, null, T, T, T, null, java.math.BigDecimal.ZERO, null,
            java.math.BigDecimal.ZERO, null, null, null, null, "slash_command");

    @ParameterizedTest(name = "{0} approvers, approved by [{1}] → {2}")
    @CsvSource(delimiter = '|', value = {
        "1 | -     | Approvers: <@U1> (the requester) · 1 approval needed",
        "2 | -     | Approvers: members of <!subteam^S0SRE> · 0 of 2 approvals so far",
        "2 | U2    | Approvers: members of <!subteam^S0SRE> · 1 of 2 approvals so far (<@U2>)",
        "3 | U2,U5 | Approvers: members of <!subteam^S0SRE> · 2 of 3 approvals so far (<@U2>, <@U5>)",
    })
    void theCardSaysWhoMayApproveAndHowManyApprovalsAreStillNeeded(int count, String soFar, String expected) {
        Approvers approvers = count == 1 ? Approvers.requesterOnly()
                : new Approvers(false, List.of(), List.of("S0SRE"), false, count, true);

        String text = ApprovalCards.whoDecides(action(approvers, soFar.equals("-") ? null : soFar));

        assertThat(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "reminder with [{0}] approved")
    @CsvSource(delimiter = '|', value = {"- | 2 more", "U2 | 1 more"})
    void theReminderMentionsTheApproversAndWhatIsStillNeeded(String soFar, String needed) {
        Approvers approvers = new Approvers(false, List.of("U7"), List.of("S0SRE"), false, 2, false);

        String text = ApprovalCards.reminder(RUN, action(approvers, soFar.equals("-") ? null : soFar));

        assertThat(text).startsWith(":alarm_clock: Reminder: run `run1` is still waiting for approval of "
                + "`slack_post_message` (action `a1`). <@U7>, members of <!subteam^S0SRE> (not <@U1>, the "
                + "requester): " + needed + " approval(s) needed. It expires <!date^");
    }

    @org.junit.jupiter.api.Test
    void aPushCardShowsWhatItDoesEscapedBesideTheArguments() {
        StagedAction push = action(Approvers.requesterOnly(), null, "Branch: alfred/run1, from main\n"
                + "1 file changed, +1 -1\n\nDiff (start):\n-if (a < b) { ping(\"<!channel>\") }\n+fixed");

        List<String> sections = ApprovalCards.pending(RUN, push).blocks().stream()
                .filter(com.slack.api.model.block.SectionBlock.class::isInstance)
                .map(block -> ((com.slack.api.model.block.SectionBlock) block).getText().getText()).toList();

        assertThat(sections).anySatisfy(text -> assertThat(text).startsWith("*What it does:*\n```Branch: "
                + "alfred/run1, from main\n1 file changed, +1 -1").contains("(a &lt; b)", "&lt;!channel&gt;")
                .doesNotContain("<!channel>"));
        assertThat(sections.stream().filter(text -> text.startsWith("*What it does:*")).findFirst()
                .map(sections::indexOf).orElseThrow()).isLessThan(sections.size() - 1);
    }

    private static StagedAction action(Approvers approvers, String approvedBy) {
        return action(approvers, approvedBy, null);
    }

    private static StagedAction action(Approvers approvers, String approvedBy, String preview) {
        return new StagedAction("a1", "run1", 2, "call_s1_0", "slack_post_message", "{}", null, "0123456789abcdef".repeat(4), "write",
                "rule", null, "U1", StagedActionStatus.PENDING, null, null, null, null, null, T,
                T.plusSeconds(3600), null, StagedAction.approversJson(approvers), approvedBy, null, null, preview);
    }
}
