package dev.alfred.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.alfred.agents.approvals.StagedAction;
import java.util.List;

/**
 * Builds the modals behind the approval card's Edit, Reject and Reject &amp; end buttons. The staged action's id
 * travels in {@code private_metadata}; the {@code callback_id} says which decision the submission makes.
 * Side-effect free.
 */
public final class ApprovalModals {
    /** {@code callback_id} of the edit modal; its input is block {@link #ARGUMENTS}. */
    public static final String EDIT_CALLBACK = "approval.edit";
    /** {@code callback_id} of the reject modal; its input is block {@link #REASON}. */
    public static final String REJECT_CALLBACK = "approval.reject";
    /** {@code callback_id} of the reject-and-end modal. */
    public static final String REJECT_AND_END_CALLBACK = "approval.reject_and_end";
    public static final String ARGUMENTS = "arguments";
    public static final String REASON = "reason";

    private ApprovalModals() {
    }

    /** The edit modal: the arguments as JSON in a multi-line input; submitting approves them. */
    public static View edit(StagedAction action) {
        return View.builder().type("modal").callbackId(EDIT_CALLBACK).privateMetadata(action.id())
                .title(ViewTitle.builder().type("plain_text").text("Edit and approve").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Approve").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(List.of(
                        section(s -> s.text(markdownText("Edit the arguments of `"
                                + SlackText.escape(action.toolName()) + "` (JSON). They are checked against the "
                                + "tool's parameters before anything runs."))),
                        input(i -> i.blockId(ARGUMENTS).label(plainText("Arguments")).element(
                                com.slack.api.model.block.element.PlainTextInputElement.builder()
                                        .actionId(ARGUMENTS).multiline(true)
                                        .initialValue(ApprovalCards.pretty(action.effectiveArguments()))
                                        .build()))))
                .build();
    }

    /** The reject (or reject-and-end) modal, with an optional reason the model will read. */
    public static View reject(StagedAction action, boolean endRun) {
        return View.builder().type("modal").callbackId(endRun ? REJECT_AND_END_CALLBACK : REJECT_CALLBACK)
                .privateMetadata(action.id())
                .title(ViewTitle.builder().type("plain_text").text(action.isHold() ? "Stop the run"
                        : endRun ? "Reject and end run" : "Reject").build())
                .submit(ViewSubmit.builder().type("plain_text").text(action.isHold() ? "Stop the run"
                        : endRun ? "Reject & end" : "Reject").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(List.of(input(i -> i.blockId(REASON).optional(true)
                        .label(plainText(endRun ? "Why end the run? (optional)" : "Why? The agent reads this. (optional)"))
                        .element(com.slack.api.model.block.element.PlainTextInputElement.builder()
                                .actionId(REASON).multiline(true).build()))))
                .build();
    }
}
