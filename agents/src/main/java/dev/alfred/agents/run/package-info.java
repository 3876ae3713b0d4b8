/**
 * Runs and their state: {@link dev.alfred.agents.run.Run}, {@link dev.alfred.agents.run.RunStatus}, steps, the
 * transcript, and {@link dev.alfred.agents.run.RunStore}, the only writer of a run's status; where a step's cost goes
 * ({@link dev.alfred.agents.run.TurnCosts}: the runs' spend and the spend day counters,
 * {@link dev.alfred.agents.run.SpendDays}) lives here because a step's commit writes it with the step.
 */
package dev.alfred.agents.run;
