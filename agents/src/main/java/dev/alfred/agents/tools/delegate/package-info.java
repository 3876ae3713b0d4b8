/**
 * The {@code delegate} tool: a sub-run of another agent on a brief.
 */
package dev.alfred.agents.tools.delegate;
