/**
 * Block Kit and mrkdwn builders: side-effect-free functions, tested by comparing JSON.
 */
package dev.alfred.bot.slack.blocks;
