/**
 * The one redaction of everything that leaves the process ({@link dev.alfred.agents.redaction.Redaction}): known
 * secrets and secret-shaped strings masked in logs, the audit log, the outbox, failure reasons and model requests.
 */
package dev.alfred.agents.redaction;
