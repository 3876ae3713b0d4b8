package dev.alfred.bot.slack.http;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.util.json.GsonFactory;
import dev.alfred.bot.slack.action.ApprovalActions;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import jakarta.inject.Singleton;

/**
 * Approve clicks over HTTP, decided without Bolt's parse of the payload. Bolt builds a new Gson for every
 * {@code block_actions} request ({@code BlockActionRequest}'s constructor calls {@code GsonFactory.createSnakeCase()}),
 * so Gson builds its reflective type adapters for {@code BlockActionPayload} and all it holds at every click: 0.95 ms
 * of CPU for a 914-byte payload against 7 µs with one Gson kept (a microbenchmark, C1 only), 16% of the acknowledging
 * threads' CPU in a profile of the ack benchmark (docs/benchmarks.md, issue 22). This parses with the same Gson
 * configuration, kept, and hands the payload to {@link ApprovalActions#approve}, the handler Bolt calls; every other
 * request, and any payload this does not recognise, goes to Bolt as before. Socket Mode clicks go through Bolt.
 */
@Singleton
public class ApproveClicks {
    /** Bolt's configuration for interaction payloads ({@code GsonFactory.createSnakeCase()}), built once. */
    private static final Gson PAYLOADS = GsonFactory.createSnakeCase();

    private final ApprovalActions approvals;

    public ApproveClicks(ApprovalActions approvals) {
        this.approvals = approvals;
    }

    /**
     * Decides {@code body} when it is a {@code block_actions} payload with one action, Approve. The caller answers 200
     * with an empty body, as Bolt's {@code ctx.ack()} does.
     *
     * @param contentType the request's content type
     * @param body        the request's body, its signature verified
     * @return whether it was an Approve click (and was decided); false for anything else, left to Bolt
     */
    boolean decided(String contentType, String body) {
        if (!contentType.startsWith("application/x-www-form-urlencoded") || !body.contains("payload=")) {
            return false;
        }
        String payload = SlackPayloads.form(body).get("payload");
        if (payload == null || !payload.contains(ApprovalCards.APPROVE)) {
            return false;
        }
        BlockActionPayload click;
        try {
            click = PAYLOADS.fromJson(payload, BlockActionPayload.class);
        } catch (JsonParseException e) {
            return false;
        }
        if (click == null || !BlockActionPayload.TYPE.equals(click.getType()) || click.getActions() == null
                || click.getActions().size() != 1
                || !ApprovalCards.APPROVE.equals(click.getActions().get(0).getActionId())
                || click.getUser() == null) {
            return false;
        }
        approvals.approve(click);
        return true;
    }
}
