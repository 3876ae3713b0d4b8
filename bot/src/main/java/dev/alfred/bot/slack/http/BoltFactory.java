package dev.alfred.bot.slack.http;

import dev.alfred.bot.slack.action.ApprovalActions;
import dev.alfred.bot.slack.action.StopButton;
import dev.alfred.bot.slack.command.AlfredCommand;
import dev.alfred.bot.slack.event.AppLifecycle;
import dev.alfred.bot.slack.event.AppMentions;
import dev.alfred.bot.slack.event.AssistantThreads;
import dev.alfred.bot.slack.event.ThreadReplies;
import dev.alfred.bot.slack.home.AppHome;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import dev.alfred.bot.config.SlackSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Builds the Bolt {@link App} and the Web API client. Request verification is done by
 * {@link SlackRequestVerifier} before Bolt sees a request, so Bolt's own check is turned off here. Requests no
 * handler takes are acknowledged rather than answered 404, Bolt's default: Events API deliveries by Bolt itself
 * ({@code allEventsApiAutoAckEnabled}, which logs them at debug level, not as warnings), the rest by
 * {@link UnhandledRequests}.
 */
@Factory
public class BoltFactory {

    /** @return the Slack SDK pointed at {@code SLACK_API_URL} */
    @Singleton
    @Bean(preDestroy = "close")
    Slack slack(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.getApiUrl());
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    /** @return a Web API client with the bot token */
    @Singleton
    MethodsClient methodsClient(Slack slack, SlackSettings settings) {
        return slack.methods(settings.getBotToken());
    }

    /** @return the Bolt app with Alfred's handlers registered */
    @Singleton
    App app(Slack slack, SlackSettings settings, AlfredCommand alfred, ThreadReplies replies,
            ApprovalActions approvals, AppHome home, AppLifecycle lifecycle, AppMentions mentions,
            AssistantThreads assistant, StopButton stop) {
        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.getBotToken())
                .signingSecret(settings.getSigningSecret())
                .requestVerificationEnabled(false)
                .allEventsApiAutoAckEnabled(true)
                .unmatchedRequestHandler(new UnhandledRequests())
                .build());
        // Every answer to Slack (slash command text, modal errors) through the same redaction and neutralisation as
        // Web API calls (OutgoingText), in one place.
        app.use((request, response, chain) -> {
            com.slack.api.bolt.response.Response answer = chain.next(request);
            if (answer != null && answer.getBody() != null && !answer.getBody().isEmpty()) {
                answer.setBody(dev.alfred.bot.slack.blocks.OutgoingText.cleanJson(answer.getBody()));
            }
            return answer;
        });
        app.command(AlfredCommand.COMMAND, alfred);
        replies.register(app);
        mentions.register(app);
        assistant.register(app);
        lifecycle.register(app);
        approvals.register(app);
        stop.register(app);
        home.register(app);
        return app;
    }
}
