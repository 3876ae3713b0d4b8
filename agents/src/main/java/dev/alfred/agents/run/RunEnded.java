package dev.alfred.agents.run;

/**
 * Published inside the transaction that ends a run (SUCCEEDED, FAILED or CANCELLED), so listeners write in that
 * same transaction: a sub-run's end unparks its parent, a parent's end stops its sub-runs.
 *
 * @param run    the run as it was just before it ended
 * @param status the status it ended in
 */
public record RunEnded(Run run, RunStatus status) {
}
