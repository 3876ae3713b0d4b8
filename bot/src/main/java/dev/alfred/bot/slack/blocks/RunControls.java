package dev.alfred.bot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import dev.alfred.agents.run.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * The controls on a run's live status message: a <b>Stop</b> button (DESIGN.md section 4, "Slack surface") whose
 * {@code action_id} is {@value #STOP} and whose {@code value} is the run id. Slack asks for a confirmation first
 * (https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object: title up to 100
 * characters, text up to 300, buttons up to 30). Side-effect free; a finished run's status message has no controls.
 */
public final class RunControls {
    /** The Stop button's {@code action_id}; its {@code value} is the run id. */
    public static final String STOP = "run.stop";
    /** The {@code block_id} of the actions block holding the button. */
    public static final String BLOCK_ID = "run.controls";

    private RunControls() {
    }

    /** @return the status message with the Stop button for {@code run} under it */
    public static ThreadMessage withStop(ThreadMessage status, Run run) {
        List<LayoutBlock> blocks = new ArrayList<>(status.blocks());
        blocks.add(actions(a -> a.blockId(BLOCK_ID).elements(List.of(button(b -> b.actionId(STOP).value(run.id())
                .style("danger").text(plainText("Stop"))
                .confirm(ConfirmationDialogObject.builder().title(plainText("Stop this run?"))
                        .text(plainText("Run " + run.id() + " ends now: a step under way may finish, nothing after "
                                + "it runs, and its pending approvals are withdrawn."))
                        .confirm(plainText("Stop the run")).deny(plainText("Keep it going")).style("danger")
                        .build()))))));
        return new ThreadMessage(status.text(), blocks);
    }
}
