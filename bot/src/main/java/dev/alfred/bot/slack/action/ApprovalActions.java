package dev.alfred.bot.slack.action;

import dev.alfred.bot.intake.SlackInboxWorker;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.ApprovalModals;
import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.web.SlackWeb;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.alfred.agents.events.RunEvents;
import dev.alfred.agents.approvals.Approvals;
import dev.alfred.agents.approvals.DecisionKind;
import dev.alfred.agents.approvals.DecisionOutcome;
import dev.alfred.agents.approvals.StagedAction;
import dev.alfred.agents.tools.ToolDispatcher;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval card's buttons (block actions) and the modals behind them (view submissions). Every click is
 * acknowledged at once; the decision itself is a compare-and-set, so double clicks and concurrent clicks change an
 * action once, and later clickers get an ephemeral message saying who decided. The decision is made before the ack
 * (a click is never acknowledged undone); the ephemeral message is posted right after it, on the after-ack lanes
 * ({@link SlackInboxWorker#afterAck}), so a Slack call no longer sits inside the ack (issue 22). Like the call it
 * replaces, it is not retried: a process that dies between the ack and the post leaves the clicker untold, and the
 * decision, which is recorded, unchanged.
 */
@Singleton
public class ApprovalActions {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalActions.class);

    private final RunEvents events;
    private final Approvals approvals;
    private final ToolDispatcher dispatcher;
    private final SlackWeb slack;
    private final SlackInboxWorker afterAck;

    public ApprovalActions(RunEvents events, Approvals approvals, ToolDispatcher dispatcher,
            SlackWeb slack, SlackInboxWorker afterAck) {
        this.afterAck = afterAck;
        this.events = events;
        this.approvals = approvals;
        this.dispatcher = dispatcher;
        this.slack = slack;
    }

    /** Registers the handlers on the Bolt app. */
    public void register(App app) {
        app.blockAction(ApprovalCards.APPROVE, this::approve);
        app.blockAction(ApprovalCards.EDIT, (req, ctx) -> openModal(req, ctx, DecisionKind.EDIT,
                ApprovalModals::edit));
        app.blockAction(ApprovalCards.REJECT, (req, ctx) -> openModal(req, ctx, DecisionKind.REJECT,
                action -> ApprovalModals.reject(action, false)));
        app.blockAction(ApprovalCards.REJECT_AND_END, (req, ctx) -> openModal(req, ctx, DecisionKind.REJECT_AND_END,
                action -> ApprovalModals.reject(action, true)));
        app.viewSubmission(ApprovalModals.EDIT_CALLBACK, this::submitEdit);
        app.viewSubmission(ApprovalModals.REJECT_CALLBACK, (req, ctx) -> submitReject(req, ctx,
                DecisionKind.REJECT));
        app.viewSubmission(ApprovalModals.REJECT_AND_END_CALLBACK, (req, ctx) -> submitReject(req, ctx,
                DecisionKind.REJECT_AND_END));
    }

    private Response approve(BlockActionRequest request, ActionContext ctx) {
        approve(request.getPayload());
        return ctx.ack();
    }

    /**
     * Decides an Approve click: Bolt's handler over Socket Mode, and {@code ApproveClicks} for clicks over HTTP
     * (which parses the payload without Bolt's per-request Gson). A click on a card whose arguments were edited since
     * it was shown is refused; a click that does not take effect is explained to the clicker after the ack.
     *
     * @param payload a {@code block_actions} payload whose one action is {@link ApprovalCards#APPROVE}
     */
    public void approve(BlockActionPayload payload) {
        String actionId = payload.getActions().get(0).getValue();
        String blockId = payload.getActions().get(0).getBlockId();
        Optional<StagedAction> shown = approvals.find(actionId);
        if (shown.isPresent() && shown.get().status().isOpen() && blockId != null
                && blockId.startsWith(ApprovalCards.BLOCK_ID_PREFIX)
                && !blockId.equals(ApprovalCards.buttonsBlockId(shown.get()))) {
            explain(payload, approvals.refuse(shown.get(), DecisionKind.APPROVE, payload.getUser().getId(),
                    "The arguments were edited after this card was shown to you; read the updated card and click "
                            + "again."));
            return;
        }
        DecisionOutcome outcome = shown.isPresent()
                ? events.decided(shown.get(), DecisionKind.APPROVE, payload.getUser().getId())
                : events.decided(actionId, DecisionKind.APPROVE, payload.getUser().getId(), null, null);
        explain(payload, outcome);
    }

    private Response openModal(BlockActionRequest request, ActionContext ctx, DecisionKind kind,
            java.util.function.Function<StagedAction, com.slack.api.model.view.View> modal) {
        BlockActionPayload payload = request.getPayload();
        String actionId = payload.getActions().get(0).getValue();
        Optional<DecisionOutcome> refusal = events.mayDecide(actionId, kind, payload.getUser().getId());
        if (refusal.isPresent()) {
            explain(payload, refusal.get());
        } else {
            try {
                slack.openView(payload.getTriggerId(), modal.apply(approvals.find(actionId).orElseThrow()));
            } catch (SlackCallException e) {
                LOG.warn("could not open the modal for action {}: {}", actionId, e.error());
                ephemeral(payload, "I couldn't open the form (Slack said `" + e.error() + "`). Please click again.");
            }
        }
        return ctx.ack();
    }

    private Response submitEdit(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = request.getPayload();
        String actionId = payload.getView().getPrivateMetadata();
        String edited = value(payload, ApprovalModals.ARGUMENTS);
        StagedAction action = approvals.find(actionId).orElse(null);
        if (action == null) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ApprovalModals.ARGUMENTS,
                    "This action no longer exists.")));
        }
        List<String> problems = dispatcher.validate(action.toolName(), edited == null ? "" : edited);
        if (!problems.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ApprovalModals.ARGUMENTS,
                    cut(String.join("; ", problems)))));
        }
        String compact = compact(edited);
        DecisionOutcome outcome = events.decided(actionId, DecisionKind.EDIT, payload.getUser().getId(), null,
                compact);
        return outcome instanceof DecisionOutcome.Decided || outcome instanceof DecisionOutcome.Counted ? ctx.ack()
                : ctx.ack(r -> r.responseAction("errors").errors(Map.of(ApprovalModals.ARGUMENTS,
                        cut(explanation(outcome)))));
    }

    private Response submitReject(ViewSubmissionRequest request, ViewSubmissionContext ctx, DecisionKind kind) {
        ViewSubmissionPayload payload = request.getPayload();
        String reason = value(payload, ApprovalModals.REASON);
        DecisionOutcome outcome = events.decided(payload.getView().getPrivateMetadata(), kind,
                payload.getUser().getId(), reason == null || reason.isBlank() ? null : reason.strip(), null);
        return outcome instanceof DecisionOutcome.Decided ? ctx.ack()
                : ctx.ack(r -> r.responseAction("errors").errors(Map.of(ApprovalModals.REASON,
                        cut(explanation(outcome)))));
    }

    private void explain(BlockActionPayload payload, DecisionOutcome outcome) {
        if (!(outcome instanceof DecisionOutcome.Decided)) {
            ephemeral(payload, explanation(outcome));
        }
    }

    /** @return a sentence for the person whose decision did not take effect */
    static String explanation(DecisionOutcome outcome) {
        if (outcome instanceof DecisionOutcome.Counted counted) {
            return "Your approval counts. " + counted.action().approvalsStillNeeded()
                    + " more approval(s) from someone else are needed before it runs.";
        }
        if (outcome instanceof DecisionOutcome.NotAllowed notAllowed) {
            return notAllowed.reason() + " Nothing was changed.";
        }
        if (outcome instanceof DecisionOutcome.AlreadyDecided already) {
            return "Already decided: " + ApprovalCards.outcome(already.action()) + ". Nothing else was done.";
        }
        if (outcome instanceof DecisionOutcome.NotFound notFound) {
            return "There is no pending action `" + SlackText.escape(notFound.actionId()) + "`.";
        }
        return "Done.";
    }

    /** Tells the clicker {@code text}, privately, right after the ack (see the class comment). */
    private void ephemeral(BlockActionPayload payload, String text) {
        String channel = payload.getChannel() != null ? payload.getChannel().getId()
                : payload.getContainer().getChannelId();
        String threadTs = payload.getContainer() == null ? null : payload.getContainer().getThreadTs();
        String userId = payload.getUser().getId();
        afterAck.afterAck(channel + ":" + threadTs, () -> {
            try {
                slack.postEphemeral(channel, userId, threadTs, text);
            } catch (SlackCallException e) {
                LOG.warn("could not tell {} that their click did nothing: {}", userId, e.error());
            }
        });
    }

    private static String value(ViewSubmissionPayload payload, String block) {
        Map<String, Map<String, ViewState.Value>> values = payload.getView().getState().getValues();
        Map<String, ViewState.Value> inputs = values == null ? null : values.get(block);
        ViewState.Value value = inputs == null ? null : inputs.get(block);
        return value == null ? null : value.getValue();
    }

    private static String compact(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("validated arguments did not parse", e);
        }
    }

    private static String cut(String text) {
        return text.length() > 1_900 ? text.substring(0, 1_900) + "…" : text;
    }
}
