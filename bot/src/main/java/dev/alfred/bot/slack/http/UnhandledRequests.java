package dev.alfred.bot.slack.http;

import com.slack.api.bolt.handler.UnmatchedRequestHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Bolt answers a request no handler of Alfred's takes: every Events API type and {@code message} subtype Alfred
 * does not act on ({@code team_join}, {@code channel_join}, {@code reaction_added}, …), shortcuts and message actions
 * Alfred does not define, {@code view_closed}, {@code workflow_step_*}, and so on. Slack retries a delivery that is
 * not answered 2xx within 3 seconds, and disables an app's event subscriptions past a failure rate
 * (https://docs.slack.dev/apis/events-api/#failure-conditions), so each is acknowledged with 200 and an empty body;
 * an options request ({@code block_suggestion}, {@code dialog_suggestion}) gets an empty option list, the answer
 * Slack expects there (https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element#external_select).
 * Bolt's own default answers 404 {@code no handler found}.
 */
final class UnhandledRequests implements UnmatchedRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UnhandledRequests.class);

    @Override
    public Response handle(Request<?> request) {
        RequestType type = request.getRequestType();
        LOG.debug("acknowledged a Slack request of type {} that Alfred does not act on", type);
        if (type == RequestType.BlockSuggestion || type == RequestType.DialogSuggestion) {
            return Response.json(200, "{\"options\":[]}");
        }
        return Response.ok();
    }
}
