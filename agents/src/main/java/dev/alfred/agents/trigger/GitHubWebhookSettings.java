package dev.alfred.agents.trigger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code alfred.github.webhook.*}: GitHub webhooks (DESIGN.md section 4, Triggers). Filled from
 * {@code ALFRED_GITHUB_WEBHOOK_SECRET}, {@code ALFRED_GITHUB_CHANNEL} and {@code ALFRED_GITHUB_REQUESTER} by the
 * launcher.
 *
 * <ul>
 *   <li>{@code secret}: the webhook's secret, the key of {@code X-Hub-Signature-256}; unset, every delivery is
 *       refused with 401</li>
 *   <li>{@code channel}: Slack channel id where runs of claimed issues open their threads</li>
 *   <li>{@code requester}: Slack user id on whose behalf they run (their policy and approvers apply)</li>
 *   <li>{@code agent}: the engineering agent that works claimed issues, default {@code lucius}</li>
 * </ul>
 */
@ConfigurationProperties("alfred.github.webhook")
public class GitHubWebhookSettings {
    @Nullable
    private String secret;
    @Nullable
    private String channel;
    @Nullable
    private String requester;
    private String agent = "lucius";

    @Nullable
    public String getSecret() {
        return secret == null || secret.isBlank() ? null : secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    @Nullable
    public String getChannel() {
        return channel == null || channel.isBlank() ? null : channel.strip();
    }

    public void setChannel(@Nullable String channel) {
        this.channel = channel;
    }

    @Nullable
    public String getRequester() {
        return requester == null || requester.isBlank() ? null : requester.strip();
    }

    public void setRequester(@Nullable String requester) {
        this.requester = requester;
    }

    public String getAgent() {
        return agent;
    }

    public void setAgent(String agent) {
        this.agent = agent;
    }

    /** @return the settings without the secret's value */
    @Override
    public String toString() {
        return "GitHubWebhookSettings[channel=" + channel + ", requester=" + requester + ", agent=" + agent
                + ", secret=" + (getSecret() == null ? "unset" : "set") + "]";
    }
}
