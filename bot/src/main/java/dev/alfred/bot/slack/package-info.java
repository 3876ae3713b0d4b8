/**
 * Slack: Bolt mounted in a Micronaut controller at {@code POST /slack/events} and, with an app token, on a Socket Mode
 * connection; request verification, the {@code /alfred} slash command, the run notifier that writes to threads, and
 * Block Kit builders.
 */
package dev.alfred.bot.slack;
