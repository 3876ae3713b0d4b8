package dev.alfred.agents.trigger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import dev.alfred.agents.tools.github.GitHubClient;
import dev.alfred.agents.tools.github.GitHubException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a claimed issue's labels with its run, through the GitHub REST API (labels: {@code POST
 * /repos/{o}/{r}/issues/{n}/labels}, {@code DELETE /repos/{o}/{r}/issues/{n}/labels/{name}}; comments: {@code POST
 * /repos/{o}/{r}/issues/{n}/comments}). From {@code CLAIMED}: {@value GitHubClaims#IMPLEMENT} is swapped for
 * {@value #IN_FLIGHT} with a claim comment. Once the run has ended: a failed or cancelled run swaps it for
 * {@value #FAILED} with a comment saying why; a run whose answer links a pull request of the repository swaps it for
 * {@value #PR_OPEN} with the link; any other success removes it and comments the answer's start. Each move is
 * made under the claim's lease (so two workers never move one issue's labels at once) and recorded after its calls
 * succeed; a retry after a partial failure repeats that move's calls (a label call is harmless, the comment may
 * appear twice).
 */
@Singleton
public class GitHubLabels {
    /** The label of an issue a run is working on. */
    public static final String IN_FLIGHT = "agent:in-flight";
    /** The label of an issue whose run failed or was cancelled. */
    public static final String FAILED = "agent:failed";
    /** The label of an issue whose run opened a pull request. */
    public static final String PR_OPEN = "agent:pr-open";
    /** How long a worker holds a claim while it moves the labels. */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);
    /** Characters of a run's answer or failure reason quoted in a comment. */
    static final int QUOTED_CHARS = 1_500;

    private final GitHubClaimRepository claims;
    private final RunStore runs;
    private final GitHubClient github;
    private final Clock clock;

    public GitHubLabels(GitHubClaimRepository claims, RunStore runs, GitHubClient github, Clock clock) {
        this.claims = claims;
        this.runs = runs;
        this.github = github;
        this.clock = clock;
    }

    /**
     * Brings the labels of the run's claim up to date; does nothing for a run without a claim or a claim already
     * in step.
     *
     * @throws GitHubException     when a call fails (the caller retries; moves already recorded are not repeated)
     * @throws IllegalStateException when another worker holds the claim (the caller retries)
     */
    public void sync(String runId) throws GitHubException {
        if (claims.findById(runId).isEmpty() || runs.find(runId).isEmpty()) {
            return;
        }
        if (claims.lease(runId, clock.instant().plus(LEASE), clock.instant()) == 0) {
            throw new IllegalStateException("another worker is moving the labels of run " + runId + "'s issue; "
                    + "retry later");
        }
        try {
            GitHubClaim claim = claims.findById(runId).orElseThrow();
            if (GitHubClaim.State.valueOf(claim.state()) == GitHubClaim.State.CLAIMED) {
                move(claim, GitHubClaim.State.CLAIMED, GitHubClaim.State.IN_FLIGHT, GitHubClaims.IMPLEMENT,
                        IN_FLIGHT, "Alfred claimed this issue: run `" + runId + "` (agent "
                                + runs.find(runId).orElseThrow().agent() + ") is working on it.");
                claim = claims.findById(runId).orElseThrow();
            }
            Run run = runs.find(runId).orElseThrow();
            if (GitHubClaim.State.valueOf(claim.state()) == GitHubClaim.State.IN_FLIGHT
                    && run.status().isTerminal()) {
                end(claim, run);
            }
        } finally {
            claims.release(runId);
        }
    }

    private void end(GitHubClaim claim, Run run) throws GitHubException {
        Optional<String> pull = pullRequestLink(claim.repo(), run.finalAnswer());
        GitHubClaim.State from = GitHubClaim.State.IN_FLIGHT;
        if (run.status() == RunStatus.SUCCEEDED && pull.isPresent()) {
            move(claim, from, GitHubClaim.State.PR_OPEN, IN_FLIGHT, PR_OPEN, "Alfred's run `" + run.id()
                    + "` opened a pull request: " + pull.get());
        } else if (run.status() == RunStatus.SUCCEEDED) {
            move(claim, from, GitHubClaim.State.DONE, IN_FLIGHT, null, "Alfred's run `" + run.id()
                    + "` finished without opening a pull request:\n\n" + quote(run.finalAnswer()));
        } else {
            move(claim, from, GitHubClaim.State.FAILED, IN_FLIGHT, FAILED, "Alfred's run `" + run.id() + "` "
                    + (run.status() == RunStatus.CANCELLED ? "was cancelled" : "failed") + ":\n\n"
                    + quote(run.failureReason()));
        }
    }

    /**
     * Makes one move's calls, then records it.
     *
     * @param add the label to add, or null to only remove {@code remove}
     * @throws GitHubException when a call fails (nothing is recorded; the retry makes the calls again)
     */
    private void move(GitHubClaim claim, GitHubClaim.State from, GitHubClaim.State to, String remove, String add,
            String comment) throws GitHubException {
        remove(claim, remove);
        if (add != null) {
            github.post(issuePath(claim, "labels"), JsonNodeFactory.instance.objectNode().set("labels",
                    JsonNodeFactory.instance.arrayNode().add(add)));
        }
        github.post(issuePath(claim, "comments"), JsonNodeFactory.instance.objectNode().put("body", comment));
        claims.move(claim.runId(), from.name(), to.name(), clock.instant());
    }

    /** @return the first link to a pull request of {@code repo} in {@code text}, if any */
    static Optional<String> pullRequestLink(String repo, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher link = Pattern.compile("https://github\\.com/" + Pattern.quote(repo) + "/pull/\\d+").matcher(text);
        return link.find() ? Optional.of(link.group()) : Optional.empty();
    }

    private void remove(GitHubClaim claim, String label) throws GitHubException {
        try {
            github.delete(issuePath(claim, "labels") + GitHubClient.path(label));
        } catch (GitHubException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private static String issuePath(GitHubClaim claim, String what) {
        String[] repo = claim.repo().split("/", 2);
        return GitHubClient.path("repos", repo[0], repo[1], "issues", String.valueOf(claim.issueNumber()), what);
    }

    private static String quote(String text) {
        String shown = text == null || text.isBlank() ? "(no reason given)" : text.length() <= QUOTED_CHARS ? text
                : text.substring(0, QUOTED_CHARS) + "…";
        return "> " + shown.replace("\n", "\n> ");
    }
}
