/**
 * App Home: the fleet's state and pause buttons.
 */
package dev.alfred.bot.slack.home;
