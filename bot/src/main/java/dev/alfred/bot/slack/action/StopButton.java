package dev.alfred.bot.slack.action;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.events.RunEvents;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import dev.alfred.bot.slack.blocks.RunControls;
import dev.alfred.bot.slack.blocks.SlackText;
import dev.alfred.bot.slack.command.CommandAccess;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.web.SlackWeb;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stop button on a run's status message ({@code action_id} {@value RunControls#STOP}, {@code value} the run
 * id). The requester or an admin ends the run {@code CANCELLED} through {@link RunEvents#cancelled}, exactly as
 * {@code /alfred cancel} does: its open approvals are withdrawn and their cards locked, and the worker stops before
 * its next step (a model call under way may finish; nothing after it runs). An admin is a person the policy names
 * for {@code /alfred cancel} ({@code commands.control}, see {@link CommandAccess}) in the run's channel; when that
 * rule names no one, only the requester may stop a run with the button. Anyone else gets an ephemeral refusal, and
 * the refusal is recorded in the run's audit log as {@code run.stop_refused}.
 */
@Singleton
public class StopButton {
    private static final Logger LOG = LoggerFactory.getLogger(StopButton.class);

    private final RunStore runs;
    private final RunEvents events;
    private final CommandAccess access;
    private final AuditLog audit;
    private final SlackWeb slack;

    public StopButton(RunStore runs, RunEvents events, CommandAccess access, AuditLog audit, SlackWeb slack) {
        this.runs = runs;
        this.events = events;
        this.access = access;
        this.audit = audit;
        this.slack = slack;
    }

    /** Registers the handler on the Bolt app. */
    public void register(App app) {
        app.blockAction(RunControls.STOP, this::clicked);
    }

    private Response clicked(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        String runId = payload.getActions().get(0).getValue();
        String userId = payload.getUser().getId();
        Optional<Run> run = runId == null ? Optional.empty() : runs.find(runId);
        if (run.isEmpty()) {
            ephemeral(payload, "There is no run `" + SlackText.escape(String.valueOf(runId)) + "`.");
        } else if (run.get().status().isTerminal()) {
            ephemeral(payload, "Run `" + runId + "` had already ended (" + run.get().status() + "); nothing changed.");
        } else if (!mayStop(run.get(), userId)) {
            audit.record(runId, "run.stop_refused", userId, run.get().stepCount(), "Stop clicked by someone who is "
                    + "neither the requester nor an admin", Map.of("channelId", run.get().channelId()));
            ephemeral(payload, ":no_entry: Only the requester (<@" + run.get().requesterUserId() + ">) or an admin "
                    + "can stop this run.");
        } else if (events.cancelled(runId, userId).map(before -> before.status().isTerminal()).orElse(true)) {
            ephemeral(payload, "Run `" + runId + "` had already ended; nothing changed.");
        }
        return ctx.ack();
    }

    /** @return whether the person requested the run, or passes a {@code cancel} rule that names people */
    private boolean mayStop(Run run, String userId) {
        return run.requesterUserId().equals(userId)
                || access.isNamed("cancel") && access.wouldRefuse("cancel", userId, run.channelId()).isEmpty();
    }

    private void ephemeral(BlockActionPayload payload, String text) {
        String channel = payload.getChannel() != null ? payload.getChannel().getId()
                : payload.getContainer().getChannelId();
        try {
            slack.postEphemeral(channel, payload.getUser().getId(),
                    payload.getContainer() == null ? null : payload.getContainer().getThreadTs(), text);
        } catch (SlackCallException e) {
            LOG.warn("could not tell {} what became of their Stop click: {}", payload.getUser().getId(), e.error());
        }
    }
}
