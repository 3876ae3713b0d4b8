package dev.alfred.bot.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %redactedMsg} in a logback pattern: the formatted message, through {@link Redaction}. */
public class RedactedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.redact(super.convert(event));
    }
}
