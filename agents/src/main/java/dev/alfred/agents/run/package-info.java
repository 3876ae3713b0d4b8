/**
 * Runs and their state: {@link dev.alfred.agents.run.Run}, {@link dev.alfred.agents.run.RunStatus}, steps, the
 * transcript, and {@link dev.alfred.agents.run.RunStore}, the only writer of a run's status; the spend day counters
 * ({@link dev.alfred.agents.run.SpendDays}) live here because a step's commit writes them with its cost.
 */
package dev.alfred.agents.run;
