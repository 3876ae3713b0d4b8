package dev.alfred.bot.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Which appender {@code logback.xml} writes to: {@code json} when {@code ALFRED_LOG_FORMAT} is {@code json} (any
 * case), {@code text} otherwise. Read from the logger context's properties, then the system properties, then the
 * environment, so a typo falls back to text instead of silencing the logs.
 */
public class LogFormat extends PropertyDefinerBase {
    /** The variable that chooses the format. */
    public static final String VARIABLE = "ALFRED_LOG_FORMAT";

    @Override
    public String getPropertyValue() {
        String value = getContext() == null ? null : getContext().getProperty(VARIABLE);
        if (value == null) {
            value = System.getProperty(VARIABLE, System.getenv(VARIABLE));
        }
        return of(value);
    }

    /** @return {@code json} or {@code text} for a value of {@code ALFRED_LOG_FORMAT} */
    static String of(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("json") ? "json" : "text";
    }
}
