/**
 * Slack's Web API: the client behind the outbox, and the run notifier that writes to run threads.
 */
package dev.alfred.bot.slack.web;
