/**
 * The run loop. {@link dev.alfred.agents.loop.RunWorker} holds a run's lease and loops: it loads the run's
 * {@link dev.alfred.agents.loop.Situation}, {@link dev.alfred.agents.loop.StepPlanner} (pure) decides the next
 * {@link dev.alfred.agents.loop.PlannedStep}, and one class per step kind takes it. A step is committed by
 * {@link dev.alfred.agents.loop.StepCommitter} only; a run parks in {@link dev.alfred.agents.loop.Parking} only and
 * ends in {@link dev.alfred.agents.loop.RunEnding} only.
 */
package dev.alfred.agents.loop;
