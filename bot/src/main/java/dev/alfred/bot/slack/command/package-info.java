/**
 * The {@code /alfred} slash command: parsing, access control and each sub-command's answer.
 */
package dev.alfred.bot.slack.command;
