/**
 * Alfred's log output: plain text or JSON lines ({@code ALFRED_LOG_FORMAT=json}, see {@link
 * dev.alfred.bot.logging.LogFormat}), configured in code by {@link dev.alfred.bot.logging.LogbackConfigurator}, and the
 * redaction every line goes through on its way out ({@link dev.alfred.bot.logging.Redaction}), so tokens, API keys and
 * the configured secrets never reach a log.
 */
package dev.alfred.bot.logging;
