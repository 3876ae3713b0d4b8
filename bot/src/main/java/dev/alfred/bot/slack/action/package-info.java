/**
 * Interactivity: block actions and view submissions (approval buttons and the edit modal).
 */
package dev.alfred.bot.slack.action;
