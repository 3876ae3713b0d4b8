package dev.alfred.agents.trigger;

import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.events.RunStarts;
import dev.alfred.agents.run.AfterCommit;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunEnded;
import dev.alfred.agents.run.RunOrigin;
import dev.alfred.agents.run.RunStore;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims GitHub issues labelled {@value #IMPLEMENT}: in the transaction that records the delivery, a run of the
 * engineering agent starts in {@code ALFRED_GITHUB_CHANNEL} on behalf of {@code ALFRED_GITHUB_REQUESTER}, with the
 * issue's title and body as {@link UntrustedData}. The claim is de-duplicated by issue and {@code updated_at}, so two
 * deliveries of one label event (or two replicas) claim once, and an issue whose claimed run is still active is not
 * claimed again. Its labels follow the run through {@link GitHubClaimQueue} ({@link GitHubLabels} does the calls):
 * once after the claim commits, once after the run ends.
 */
@Singleton
public class GitHubClaims {
    /** The label that asks for an implementation. */
    public static final String IMPLEMENT = "agent:implement";
    private static final Logger LOG = LoggerFactory.getLogger(GitHubClaims.class);

    private final GitHubClaimRepository claims;
    private final RunStarts starts;
    private final RunStore runs;
    private final GitHubWebhookSettings settings;
    private final GitHubClaimQueue queue;
    private final TransactionOperations<?> transactions;
    private final AuditLog audit;
    private final Clock clock;

    public GitHubClaims(GitHubClaimRepository claims, RunStarts starts, RunStore runs, GitHubWebhookSettings settings,
            GitHubClaimQueue queue, TransactionOperations<?> transactions, AuditLog audit, Clock clock) {
        this.claims = claims;
        this.starts = starts;
        this.runs = runs;
        this.settings = settings;
        this.queue = queue;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Claims the issue unless it was claimed for this label event before or its claimed run is still active.
     *
     * @return the run that works the issue, {@code QUEUED}; empty when not claimed (the reason is audited)
     * @throws IllegalStateException when {@code ALFRED_GITHUB_CHANNEL} or {@code ALFRED_GITHUB_REQUESTER} is unset
     */
    @Transactional
    public Optional<Run> claim(LabeledIssue issue) {
        if (settings.getChannel() == null || settings.getRequester() == null) {
            throw new IllegalStateException("GitHub issue claims need ALFRED_GITHUB_CHANNEL and "
                    + "ALFRED_GITHUB_REQUESTER");
        }
        Optional<GitHubClaim> active = claims.findByIssue(issue.repo(), issue.number()).stream()
                .filter(claim -> runs.find(claim.runId()).map(run -> !run.status().isTerminal()).orElse(false))
                .findFirst();
        if (active.isPresent()) {
            audit.record(active.get().runId(), "github.claim_skipped", null, null, issue.repo() + "#"
                    + issue.number() + " is already being worked by run " + active.get().runId(), null);
            return Optional.empty();
        }
        Optional<Run> run = starts.start("github:claim:" + issue.repo() + "#" + issue.number() + ":"
                + issue.updatedAt(), settings.getAgent(), task(issue), null, settings.getChannel(),
                settings.getRequester(), RunOrigin.GITHUB);
        run.ifPresent(started -> {
            Instant now = clock.instant();
            claims.save(new GitHubClaim(started.id(), issue.repo(), issue.number(),
                    GitHubClaim.State.CLAIMED.name(), null, now, now));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("repo", issue.repo());
            data.put("issue", issue.number());
            data.put("sender", issue.sender());
            audit.record(started.id(), "github.claimed", null, 0, "claimed " + issue.repo() + "#" + issue.number()
                    + " (labelled " + IMPLEMENT + ")", data);
            enqueueAfterCommit(started.id());
        });
        return run;
    }

    /** Moves the labels of a claimed issue once its run has ended, after the run's end commits. */
    @EventListener
    void onRunEnded(RunEnded event) {
        Run run = event.run();
        if (!run.isSubRun() && RunOrigin.GITHUB.equals(run.origin()) && claims.existsById(run.id())) {
            enqueueAfterCommit(run.id());
        }
    }

    /** @return the run's task: what to do, then the issue's title and body as untrusted data */
    static String task(LabeledIssue issue) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("title", issue.title());
        data.put("body", issue.body());
        data.put("labelled_by", issue.sender());
        return "Implement GitHub issue " + issue.repo() + "#" + issue.number() + " (" + issue.htmlUrl() + "), which "
                + "was labelled " + IMPLEMENT + ": work out the change it asks for and propose it, as a pull request "
                + "when you can, and answer with what you did and its links. The issue's title and body follow as "
                + "data from GitHub.\n\n" + UntrustedData.wrap("github", data);
    }

    private void enqueueAfterCommit(String runId) {
        AfterCommit.run(transactions, () -> {
            try {
                queue.enqueue(runId);
            } catch (RuntimeException e) {
                LOG.warn("could not enqueue the label update of run {}: {}", runId, e.toString());
            }
        });
    }
}
