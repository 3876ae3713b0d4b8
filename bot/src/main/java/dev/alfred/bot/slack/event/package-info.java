/**
 * Events API deliveries: thread replies to runs.
 */
package dev.alfred.bot.slack.event;
