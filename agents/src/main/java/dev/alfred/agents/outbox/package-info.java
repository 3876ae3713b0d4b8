/**
 * The outbox: every message for people about a run (thread replies, status updates, approval cards) is a row written
 * in the same transaction as the state it reports, and delivered afterwards by a drainer, in order per thread and
 * retried until delivered. Agents know nothing of Slack: a message's body is opaque here, and delivery goes through
 * {@link dev.alfred.agents.outbox.OutboxTransport}, which the application implements.
 */
package dev.alfred.agents.outbox;
