package dev.alfred.agents.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.tools.github.GitHubClient;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub webhook deliveries whose signature was verified: each {@code X-GitHub-Delivery} is recorded once (a
 * redelivery is a {@link WebhookOutcome.Duplicate}); an {@code issues} event that adds {@value GitHubClaims#IMPLEMENT}
 * claims the issue ({@link GitHubClaims}) in the same transaction; every other event is recorded and ignored.
 */
@Singleton
public class GitHubWebhooks {
    /** Prefix of a GitHub delivery's de-duplication key, followed by its {@code X-GitHub-Delivery} id. */
    public static final String DELIVERY_PREFIX = "github:delivery:";

    private final RunStore runs;
    private final GitHubClaims claims;
    private final GitHubClient github;
    private final GitHubWebhookSettings settings;
    private final AuditLog audit;

    public GitHubWebhooks(RunStore runs, GitHubClaims claims, GitHubClient github, GitHubWebhookSettings settings,
            AuditLog audit) {
        this.runs = runs;
        this.claims = claims;
        this.github = github;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * @param deliveryId the {@code X-GitHub-Delivery} header
     * @param event      the {@code X-GitHub-Event} header
     * @param payload    the JSON body
     * @return what became of it
     */
    @Transactional
    public WebhookOutcome accept(String deliveryId, String event, JsonNode payload) {
        if (!runs.recordDelivery(DELIVERY_PREFIX + deliveryId)) {
            return new WebhookOutcome.Duplicate(null);
        }
        Optional<LabeledIssue> labeled = LabeledIssue.from(event, payload)
                .filter(issue -> GitHubClaims.IMPLEMENT.equals(issue.label()));
        if (labeled.isEmpty()) {
            return new WebhookOutcome.Ignored("not an issue labelled " + GitHubClaims.IMPLEMENT);
        }
        LabeledIssue issue = labeled.get();
        String missing = !github.configured() ? "GITHUB_TOKEN" : settings.getChannel() == null
                ? "ALFRED_GITHUB_CHANNEL" : settings.getRequester() == null ? "ALFRED_GITHUB_REQUESTER" : null;
        if (missing != null) {
            String reason = issue.repo() + "#" + issue.number() + " was not claimed: " + missing + " is not set";
            audit.record(null, "github.claim_refused", null, null, reason, Map.of("delivery", deliveryId));
            return new WebhookOutcome.Ignored(reason);
        }
        return claims.claim(issue).<WebhookOutcome>map(WebhookOutcome.Started::new)
                .orElseGet(() -> new WebhookOutcome.Ignored(issue.repo() + "#" + issue.number()
                        + " is claimed already"));
    }
}
