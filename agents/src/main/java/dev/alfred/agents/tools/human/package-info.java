/**
 * The {@code ask_human} tool: the run parks until the requester answers in its thread.
 */
package dev.alfred.agents.tools.human;
