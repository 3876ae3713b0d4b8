package dev.alfred.bot.demo;

import dev.alfred.bot.slack.blocks.ApprovalCards;
import java.io.Console;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The person in the demo: watches the thread on {@link LocalSlack} and answers Alfred's questions and approval
 * cards, by asking at the terminal or, without one (or with {@code --yes}), by itself: it replies yes and approves.
 */
final class DemoPerson {
    static final String AUTO_REPLY = "Yes, please post a short summary here.";

    private final SlackUser you;
    private final LocalSlack slack;
    private final String channelId;
    private final PrintStream out;
    private final Console console;
    private final Set<String> seen = new HashSet<>();

    /** @param console the terminal to ask at, or null to answer by itself */
    DemoPerson(SlackUser you, LocalSlack slack, String channelId, PrintStream out, Console console) {
        this.you = you;
        this.slack = slack;
        this.channelId = channelId;
        this.out = out;
        this.console = console;
    }

    /** Answers every question and card posted since the last call. */
    void respond() throws Exception {
        for (LocalSlack.Call call : slack.calls("chat.postMessage")) {
            String threadTs = call.arg("thread_ts");
            if (threadTs == null || !seen.add(call.ts())) {
                continue;
            }
            String text = call.arg("text") == null ? "" : call.arg("text");
            if (text.startsWith(":question:")) {
                answer(threadTs);
            }
            String actionId = ApprovalCards.approveButtonValue(call.arg("blocks"));
            if (actionId != null) {
                decide(threadTs, call.ts(), actionId);
            }
        }
    }

    private void answer(String threadTs) throws Exception {
        String reply = console == null ? AUTO_REPLY : console.readLine("Your reply in the thread> ");
        if (reply == null || reply.isBlank()) {
            reply = AUTO_REPLY;
        }
        out.println("  └ thread  You: " + reply);
        you.reply(channelId, threadTs, reply, "Ev" + UUID.randomUUID());
    }

    private void decide(String threadTs, String cardTs, String actionId) throws Exception {
        String choice = console == null ? "a"
                : console.readLine("Approve this action? [a]pprove / [r]eject & end > ").strip().toLowerCase(Locale.ROOT);
        boolean approve = !choice.startsWith("r");
        out.println("  └ thread  You clicked: " + (approve ? "Approve" : "Reject & end"));
        if (approve) {
            you.click(channelId, cardTs, threadTs, "approval.approve", actionId);
        } else {
            you.submit("approval.reject_and_end", actionId, "reason", "Not now.");
        }
    }
}
