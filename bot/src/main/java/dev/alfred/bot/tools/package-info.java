/** Tools that act on Slack, implemented here because the agents module knows nothing of Slack. */
package dev.alfred.bot.tools;
