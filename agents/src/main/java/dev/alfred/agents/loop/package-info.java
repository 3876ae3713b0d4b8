/**
 * The run loop. {@link dev.alfred.agents.loop.RunRunner} owns it: model turn, tool dispatch through policy,
 * checkpoint after every step, until a final answer, a failure or the step limit. Reporting goes through
 * {@link dev.alfred.agents.report.RunNotifier}, which the application implements.
 */
package dev.alfred.agents.loop;
