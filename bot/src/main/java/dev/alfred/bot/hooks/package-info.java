/**
 * Webhooks over HTTP: {@code POST /hooks/github} and {@code POST /hooks/<trigger>} (DESIGN.md section 4, Triggers).
 * Like {@code slack.http}, a controller verifies (size, signature, shape) before anything is recorded, then hands the
 * delivery to {@code agents.trigger}, which records it and starts the run in one transaction, and answers at once.
 */
package dev.alfred.bot.hooks;
