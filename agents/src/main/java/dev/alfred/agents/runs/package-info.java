/**
 * Runs, their steps and their transcript, and the store that persists them with Micronaut Data JDBC.
 *
 * <p>A {@link dev.alfred.agents.runs.Run} has {@link dev.alfred.agents.runs.Step}s (one model turn or one tool call
 * each) and a transcript of {@link dev.alfred.agents.runs.TranscriptEntry} rows: what the model sees.
 */
package dev.alfred.agents.runs;
