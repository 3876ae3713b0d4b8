package dev.alfred.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.approvals.StagedActionStatus;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.spend.CapHit;
import dev.alfred.agents.spend.Spend;
import dev.alfred.agents.tools.mcp.McpToolNames;
import io.micronaut.core.annotation.Nullable;
import dev.alfred.policies.Approvers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds approval cards: Block Kit messages in a run's thread showing what the agent wants to do, why, the exact
 * arguments, what the call would do when its tool says ({@code StagedAction.preview}: for a push, the branch, files,
 * lines and the start of the diff), the risk tier and who may decide, with buttons whose {@code action_id}s are the contract's
 * ({@code approval.approve}, {@code approval.edit}, {@code approval.reject}, {@code approval.reject_and_end}) and
 * whose {@code value} is the staged action's id. Side-effect free.
 */
public final class ApprovalCards {
    public static final String APPROVE = "approval.approve";
    public static final String EDIT = "approval.edit";
    public static final String REJECT = "approval.reject";
    public static final String REJECT_AND_END = "approval.reject_and_end";
    /** Characters of escaped, pretty-printed arguments shown before they are cut (a section's text allows 3,000). */
    public static final int ARGUMENTS_PREVIEW_CHARS = 2_400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApprovalCards() {
    }

    /** The card while the action waits for a decision. */
    public static ThreadMessage pending(Run run, StagedAction action) {
        return pending(run, action, null, null);
    }

    /**
     * The card while the action waits for a decision.
     *
     * @param mcpTool     for a call of an MCP server's tool, the server and the tool's own name, shown under the
     *                    headline; null for none
     * @param destination where the call goes as the tool resolved it now ({@code Tool#destination}), e.g.
     *                    {@code example.com:443 → 93.184.215.14}, shown beside the arguments; null for none
     */
    public static ThreadMessage pending(Run run, StagedAction action, @Nullable McpToolNames.Key mcpTool,
            @Nullable String destination) {
        if (action.isHold()) {
            return pendingHold(run, action);
        }
        List<LayoutBlock> blocks = new ArrayList<>(body(run, action, mcpTool, destination));
        blocks.add(decisionContext(action));
        blocks.add(actions(a -> a.blockId(buttonsBlockId(action)).elements(List.of(
                button(b -> b.actionId(APPROVE).value(action.id()).style("primary").text(plainText("Approve"))),
                button(b -> b.actionId(EDIT).value(action.id()).text(plainText("Edit"))),
                button(b -> b.actionId(REJECT).value(action.id()).text(plainText("Reject"))),
                button(b -> b.actionId(REJECT_AND_END).value(action.id()).style("danger")
                        .text(plainText("Reject & end"))
                        .confirm(ConfirmationDialogObject.builder().title(plainText("End this run?"))
                                .text(plainText("The action is rejected and the run ends.")).confirm(
                                        plainText("Reject & end")).deny(plainText("Cancel")).build()))))));
        return new ThreadMessage(headline(run, action), blocks);
    }

    /**
     * A hold's card: a budget extension ("Extend by $X" / "Stop the run") or the loop guard's question ("Continue" /
     * "Stop the run"). The buttons carry the contract's {@code approval.approve} and {@code approval.reject_and_end},
     * so the same approver rules, counting and audit apply as to any approval.
     */
    private static ThreadMessage pendingHold(Run run, StagedAction action) {
        boolean budget = StagedAction.EXTEND_BUDGET.equals(action.toolName());
        String go = budget ? "Extend by " + Spend.usd(new BigDecimal(action.argument("amountUsd"))) : "Continue";
        List<LayoutBlock> blocks = new ArrayList<>(body(run, action, null, null));
        blocks.add(decisionContext(action));
        blocks.add(actions(a -> a.blockId(buttonsBlockId(action)).elements(List.of(
                button(b -> b.actionId(APPROVE).value(action.id()).style("primary").text(plainText(go))),
                button(b -> b.actionId(REJECT_AND_END).value(action.id()).style("danger")
                        .text(plainText("Stop the run"))
                        .confirm(ConfirmationDialogObject.builder().title(plainText("Stop this run?"))
                                .text(plainText("The run ends now, cancelled.")).confirm(plainText("Stop the run"))
                                .deny(plainText("Keep it")).build()))))));
        return new ThreadMessage(headline(run, action), blocks);
    }

    /** @return the line under a pending card: who decides, when the request expires, the policy rule */
    private static LayoutBlock decisionContext(StagedAction action) {
        return context(c -> c.elements(List.of(markdownText(whoDecides(action) + " · expires "
                + date(action.expiresAt()) + " · policy rule `" + SlackText.escape(action.ruleId()) + "`"))));
    }

    /**
     * @return the buttons' {@code block_id}, {@code approval:<first 12 hex of the arguments' hash>}: a click carries
     *         it back, so a click on a card showing arguments that were edited since can be told apart
     */
    public static String buttonsBlockId(StagedAction action) {
        return BLOCK_ID_PREFIX + action.effectiveArgumentsHash().substring(0, 12);
    }

    /** Prefix of {@link #buttonsBlockId}. */
    public static final String BLOCK_ID_PREFIX = "approval:";

    /**
     * @return who may approve, how many approvals the rule needs and who has approved so far, e.g.
     *         {@code Approvers: members of <!subteam^S1> · 1 of 2 approvals so far (<@U3>)}
     */
    public static String whoDecides(StagedAction action) {
        Approvers rule = action.approverRule();
        List<String> soFar = action.approvals();
        String count = rule.count() == 1 && soFar.isEmpty() ? "1 approval needed"
                : soFar.size() + " of " + rule.count() + " approvals so far" + (soFar.isEmpty() ? ""
                        : " (" + String.join(", ", soFar.stream().map(u -> "<@" + u + ">").toList()) + ")");
        return "Approvers: " + rule.describe(action.requesterUserId(), SlackMentions.SLACK) + " · " + count;
    }

    /** @return the reminder posted in the thread when a rule's reminder falls due; it mentions the approvers */
    public static String reminder(Run run, StagedAction action) {
        return ":alarm_clock: Reminder: run `" + run.id() + "` is still waiting for approval of `"
                + SlackText.escape(action.toolName()) + "` (action `" + action.id() + "`). "
                + action.approverRule().describe(action.requesterUserId(), SlackMentions.SLACK) + ": "
                + action.approvalsStillNeeded() + " more approval(s) needed. It expires " + date(action.expiresAt())
                + ".";
    }

    /** The card once decided or expired: no buttons; outcome, decider and time. */
    public static ThreadMessage decided(Run run, StagedAction action) {
        return decided(run, action, null, null);
    }

    /** As {@link #decided(Run, StagedAction)}, with the MCP origin and destination as for {@link #pending}. */
    public static ThreadMessage decided(Run run, StagedAction action, @Nullable McpToolNames.Key mcpTool,
            @Nullable String destination) {
        List<LayoutBlock> blocks = new ArrayList<>(body(run, action, mcpTool, destination));
        String outcome = outcome(action);
        blocks.add(context(c -> c.elements(List.of(markdownText(outcome)))));
        return new ThreadMessage(headline(run, action) + " — " + outcome, blocks);
    }

    public static String outcome(StagedAction action) {
        boolean approved = action.status() != StagedActionStatus.REJECTED && action.approvals().size() > 1;
        String by = approved ? String.join(" and ", action.approvals().stream().map(u -> "<@" + u + ">").toList())
                : "<@" + action.decidedBy() + ">";
        String when = action.decidedAt() == null ? "" : " " + date(action.decidedAt());
        String note = action.decisionNote() == null || action.decisionNote().isBlank() ? ""
                : ": " + SlackText.escape(action.decisionNote());
        return switch (action.status()) {
            case APPROVED, EXECUTING, EXECUTED, IN_DOUBT -> action.isHold()
                    ? (StagedAction.EXTEND_BUDGET.equals(action.toolName()) ? ":heavy_plus_sign: Extended by "
                            : ":arrow_forward: Continued by ") + by + when
                    : action.editedArguments() != null
                    ? ":pencil2: Edited and approved by " + by + when
                    : ":white_check_mark: Approved by " + by + when;
            case REJECTED -> (action.isHold() ? ":stop_sign: Run stopped by " : ":x: Rejected by ") + by + when + note;
            case EXPIRED -> ":hourglass: Expired " + date(action.expiresAt()) + " without a decision";
            case WITHDRAWN -> action.isHold() ? ":heavy_minus_sign: Withdrawn: no longer needed"
                    : ":heavy_minus_sign: Withdrawn: the run ended";
            case PENDING -> ":hourglass_flowing_sand: Waiting for a decision";
        };
    }

    private static String headline(Run run, StagedAction action) {
        if (StagedAction.EXTEND_BUDGET.equals(action.toolName())) {
            return ":money_with_wings: <@" + action.requesterUserId() + "> run `" + run.id() + "` stopped at its "
                    + "spend cap: " + SlackText.escape(capText(run, action)) + ". Extend its budget by "
                    + Spend.usd(new BigDecimal(action.argument("amountUsd"))) + ", or stop it.";
        }
        if (StagedAction.CONTINUE_LOOP.equals(action.toolName())) {
            return ":repeat: <@" + action.requesterUserId() + "> run `" + run.id() + "` has called `"
                    + SlackText.escape(action.argument("tool")) + "` " + action.argument("repeats")
                    + " times with the same arguments. Should it go on?";
        }
        return ":raised_hand: <@" + action.requesterUserId() + "> run `" + run.id() + "` wants to call `"
                + SlackText.escape(action.toolName()) + "` (risk: *" + SlackText.escape(action.risk()) + "*)";
    }

    private static String capText(Run run, StagedAction action) {
        return new CapHit(action.argument("cap"), new BigDecimal(action.argument("spentUsd")),
                new BigDecimal(action.argument("limitUsd"))).describe(run.agent(), run.requesterUserId(),
                SlackMentions.SLACK);
    }

    private static List<LayoutBlock> body(Run run, StagedAction action, @Nullable McpToolNames.Key mcpTool,
            @Nullable String destination) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline(run, action)))));
        if (mcpTool != null && !action.isHold()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":electric_plug: MCP server `"
                    + SlackText.escape(mcpTool.server()) + "`, tool `" + SlackText.escape(mcpTool.tool()) + "`")))));
        }
        if (StagedAction.CONTINUE_LOOP.equals(action.toolName())) {
            blocks.add(section(s -> s.text(markdownText("*Arguments, each time:*\n```" + cut(SlackText.escape(
                    pretty(action.argument("arguments"))), ARGUMENTS_PREVIEW_CHARS) + "```"))));
            return blocks;
        }
        if (action.isHold()) {
            return blocks;
        }
        if (action.rationale() != null && !action.rationale().isBlank()) {
            blocks.add(section(s -> s.text(markdownText("*Why:* " + cut(SlackText.escape(
                    action.rationale()), 600)))));
        }
        if (action.preview() != null && !action.preview().isBlank()) {
            blocks.add(section(s -> s.text(markdownText("*What it does:*\n```" + SlackText.escape(
                    cut(action.preview(), ARGUMENTS_PREVIEW_CHARS)) + "```"))));
        }
        String shown = action.editedArguments() == null ? action.arguments() : action.editedArguments();
        blocks.add(section(s -> s.text(markdownText("*Arguments" + (action.editedArguments() == null ? ""
                : " (edited)") + ":*\n```" + cut(SlackText.escape(pretty(shown)), ARGUMENTS_PREVIEW_CHARS)
                + "```"))));
        if (destination != null && !destination.isBlank()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("*Goes to:* `" + SlackText.escape(
                    destination.replace("`", "'")) + "` (resolved now; checked again when it runs)")))));
        }
        return blocks;
    }

    /**
     * Reads a card back: the inverse of {@link #pending}'s Approve button.
     *
     * @param blocksJson a message's {@code blocks} as JSON, may be null
     * @return the staged action id on the Approve button, or null when the message is no pending card
     * @throws JsonProcessingException when {@code blocksJson} is not JSON
     */
    public static String approveButtonValue(String blocksJson) throws JsonProcessingException {
        if (blocksJson == null || !blocksJson.contains(APPROVE)) {
            return null;
        }
        for (var elements : JSON.readTree(blocksJson).findValues("elements")) {
            for (var element : elements) {
                if (APPROVE.equals(element.path("action_id").asText())) {
                    return element.path("value").asText();
                }
            }
        }
        return null;
    }

    /** @return the JSON pretty-printed, or as it is when it does not parse */
    public static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** Cuts escaped text, never inside an escape ({@link BlockKitLimits#cut}), saying how much was left out. */
    private static String cut(String escaped, int limit) {
        if (escaped.length() <= limit) {
            return escaped;
        }
        String kept = BlockKitLimits.cut(escaped, limit).replace(BlockKitLimits.CUT, "");
        return kept + "\n… (cut: " + (escaped.length() - kept.length()) + " more characters)";
    }

    /** @return Slack's date formatting, which each reader sees in their own time zone, with an ISO fallback */
    public static String date(Instant instant) {
        return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time}|" + instant + ">";
    }
}
