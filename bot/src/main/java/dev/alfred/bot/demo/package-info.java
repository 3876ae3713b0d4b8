/**
 * The offline demo ({@code ./alfred demo "<task>"}) and {@link dev.alfred.bot.demo.LocalSlack}, a stand-in for
 * Slack's Web API on 127.0.0.1 that the demo prints from and the integration tests assert on.
 */
package dev.alfred.bot.demo;
