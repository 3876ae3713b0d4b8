package dev.alfred.agents;

import java.util.concurrent.CompletableFuture;

/**
 * The check of the policy and webhook trigger files that {@code alfred serve} runs on a thread of its own beside
 * Micronaut's start (issue 22, start-up under 1.5 s: the check loads Jackson, YAML and the JSON schemas, 0.1-0.2 s
 * that the main thread spent before Micronaut began). Registered as a singleton in the application context by
 * {@code serve} only; without one (tests, the demo) nothing waits.
 *
 * <p>The beans that load those files ({@link AgentsFactory}'s policy, {@link dev.alfred.agents.trigger.Triggers})
 * call {@link #awaitPassed()} first. When the check fails, {@code serve} prints why and exits with status 2 before
 * the future completes, so the context never gets past those beans with an invalid file, and the operator reads the
 * check's message rather than a bean-creation stack trace.
 */
public final class ConfigurationCheck {
    private final CompletableFuture<?> passed;

    /** @param passed completes normally once the files were found valid */
    public ConfigurationCheck(CompletableFuture<?> passed) {
        this.passed = passed;
    }

    /**
     * Waits for the check.
     *
     * @throws java.util.concurrent.CompletionException when the check itself failed unexpectedly (not an invalid
     *                                                  file, which ends the process instead)
     */
    public void awaitPassed() {
        passed.join();
    }
}
