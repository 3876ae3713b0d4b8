package dev.alfred.bot.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/**
 * The JSON format's masking: every string value the encoder writes (message, MDC fields, arguments, stack trace)
 * goes through {@link Redaction}. Plugged into logstash-logback-encoder's {@code MaskingJsonGeneratorDecorator}.
 */
public class RedactingValueMasker implements ValueMasker {
    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (!(value instanceof CharSequence text)) {
            return null;
        }
        String original = text.toString();
        String redacted = Redaction.redact(original);
        return redacted.equals(original) ? null : redacted;
    }
}
