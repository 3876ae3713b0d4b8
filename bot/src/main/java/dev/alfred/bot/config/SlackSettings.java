package dev.alfred.bot.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code alfred.slack.*}: filled from {@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET}, {@code SLACK_API_URL}
 * and {@code SLACK_APP_TOKEN}.
 */
@ConfigurationProperties("alfred.slack")
public class SlackSettings {
    @Nullable
    private String botToken;
    @Nullable
    private String signingSecret;
    /** App-level token ({@code xapp-…}, scope {@code connections:write}); set, Alfred also connects over Socket Mode. */
    @Nullable
    private String appToken;
    /** Web API methods prefix, ending in {@code /}. */
    private String apiUrl = "https://slack.com/api/";
    /**
     * How far a request's {@code X-Slack-Request-Timestamp} may be from now, either way. Five minutes, as in Slack's
     * "Verifying requests from Slack".
     */
    private Duration maxClockSkew = Duration.ofMinutes(5);

    @Nullable
    public String getBotToken() {
        return botToken;
    }

    public void setBotToken(@Nullable String botToken) {
        this.botToken = botToken;
    }

    @Nullable
    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(@Nullable String signingSecret) {
        this.signingSecret = signingSecret;
    }

    @Nullable
    public String getAppToken() {
        return appToken;
    }

    public void setAppToken(@Nullable String appToken) {
        this.appToken = appToken;
    }

    public String getApiUrl() {
        return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    public void setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }
}
