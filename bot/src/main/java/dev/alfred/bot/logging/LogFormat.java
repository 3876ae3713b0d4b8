package dev.alfred.bot.logging;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Which appender {@link LogbackConfigurator} writes to: {@code json} when {@code ALFRED_LOG_FORMAT} is {@code json}
 * (any case), {@code text} otherwise. Read from the logger context's properties, then the system properties, then the
 * environment, so a typo falls back to text instead of silencing the logs. Also a logback property definer, for an
 * operator's own {@code logback.xml}: {@code <define name="LOG_FORMAT" class="dev.alfred.bot.logging.LogFormat"/>}.
 */
public class LogFormat extends PropertyDefinerBase {
    /** The variable that chooses the format. */
    public static final String VARIABLE = "ALFRED_LOG_FORMAT";

    @Override
    public String getPropertyValue() {
        return from(getContext());
    }

    /**
     * @param context the logger context whose property {@value #VARIABLE} comes first, or null
     * @return {@code json} or {@code text}, from that property, else the system property, else the environment
     */
    public static String from(Context context) {
        String value = context == null ? null : context.getProperty(VARIABLE);
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
