/**
 * Webhook triggers: runs that start from a request of another system rather than a person typing
 * (DESIGN.md section 4, Triggers). {@link dev.alfred.agents.trigger.GitHubWebhooks} takes GitHub's deliveries
 * ({@code issues} labelled {@code agent:implement} claim the issue, {@link dev.alfred.agents.trigger.GitHubClaims}
 * moves its labels as the run goes); {@link dev.alfred.agents.trigger.TriggerFiles} loads the generic triggers of
 * {@code ALFRED_TRIGGERS_DIR}, {@link dev.alfred.agents.trigger.Triggers} runs them. What a webhook carries reaches the
 * model only as {@link dev.alfred.agents.trigger.UntrustedData}. Verifying signatures is the HTTP layer's work.
 */
package dev.alfred.agents.trigger;
