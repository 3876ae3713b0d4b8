package dev.alfred.bot.bench;

import dev.alfred.bot.slack.http.SlackRequestVerifier;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The floor of the slash-command benchmark: {@code POST /bench/floor} in the same process as Alfred, on the same
 * blocking executor as {@code /slack/events}, binds the body the same way, verifies the Slack signature with Alfred's
 * own {@link SlackRequestVerifier}, and answers 200 (401 when the signature fails). What {@code /slack/events} costs
 * beyond this is Alfred's. Present only where {@code alfred.bench.floor} is set.
 */
@Controller("/bench")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "alfred.bench.floor", value = "true")
public class FloorController {
    private final SlackRequestVerifier verifier;

    public FloorController(SlackRequestVerifier verifier) {
        this.verifier = verifier;
    }

    @Post("/floor")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> floor(HttpRequest<?> request, @Body byte[] body) {
        if (!verifier.verify(request.getHeaders().get("X-Slack-Request-Timestamp"),
                request.getHeaders().get("X-Slack-Signature"), body)) {
            return HttpResponse.unauthorized();
        }
        return HttpResponse.ok("");
    }
}
