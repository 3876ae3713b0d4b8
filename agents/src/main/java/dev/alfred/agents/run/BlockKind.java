package dev.alfred.agents.run;

/** Why a run is {@code BLOCKED} (DESIGN.md section 3). */
public enum BlockKind {
    /** The model provider answered rate-limited or quota-exceeded; the fleet-wide block lifts by itself. */
    PROVIDER_LIMIT,
    /** A spend cap was reached; a person extends the budget or stops the run, or the day's cap rolls over. */
    SPEND_CAP
}
