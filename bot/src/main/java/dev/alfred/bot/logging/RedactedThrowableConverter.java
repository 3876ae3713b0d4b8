package dev.alfred.bot.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %redactedEx} in a logback pattern: the stack trace, messages of causes included, through {@link Redaction}.
 */
public class RedactedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return Redaction.redact(super.throwableProxyToString(throwable));
    }
}
