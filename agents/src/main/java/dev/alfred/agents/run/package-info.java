/**
 * Runs and their state: {@link dev.alfred.agents.run.Run}, {@link dev.alfred.agents.run.RunStatus}, steps, the
 * transcript, and {@link dev.alfred.agents.run.RunStore}, the only writer of a run's status.
 */
package dev.alfred.agents.run;
