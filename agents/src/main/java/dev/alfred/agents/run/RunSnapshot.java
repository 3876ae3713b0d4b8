package dev.alfred.agents.run;

import java.util.List;

/**
 * What one step of a run reads about the run itself, loaded once per step in one read-only transaction
 * ({@link RunSnapshots#snapshot}).
 *
 * @param run        the run as it is now
 * @param transcript its transcript, in order
 * @param steps      every attempt at every step, in order
 */
public record RunSnapshot(Run run, List<TranscriptEntry> transcript, List<Step> steps) {
}
