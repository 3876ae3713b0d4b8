package dev.alfred.agents.loop;

/**
 * A step failed for a reason that may pass (a timeout, a 5xx, a lost connection). Thrown out of
 * {@link RunWorker#advance(String)} so the job is retried; the retry resumes at the failed step with a new attempt.
 */
public class TransientStepException extends RuntimeException {
    public TransientStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
