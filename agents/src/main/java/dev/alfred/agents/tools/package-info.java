/**
 * Tools an agent can call: the {@link dev.alfred.agents.tools.Tool} contract, the
 * {@link dev.alfred.agents.tools.ToolRegistry} and the built-in tools. Tool failures are tool results, never
 * exceptions: the model reads what went wrong and decides what to do next.
 */
package dev.alfred.agents.tools;
