/**
 * Alfred's own meters, on the application's Micrometer registry: {@link dev.alfred.agents.metrics.AlfredMetrics}
 * for what the runtime does (steps, model tokens and cost, tool calls, approvals) and
 * {@link dev.alfred.agents.metrics.DatabaseGauges} for what the database holds (runs by state, the outbox's depth).
 * Tags stay low-cardinality: agents, models, tools, step kinds, decisions and outcomes, never run ids or users.
 */
package dev.alfred.agents.metrics;
