/**
 * The HTTP edge: Bolt in a Micronaut controller at {@code POST /slack/events}, request verification and size
 * limits, and the Socket Mode connection.
 */
package dev.alfred.bot.slack.http;
