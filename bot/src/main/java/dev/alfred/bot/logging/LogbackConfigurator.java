package dev.alfred.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.slf4j.Logger;

/**
 * Alfred's logback configuration, in code: Joran, logback's XML configurator, cost 150-170 ms of the main thread and
 * about 500 classes at every start (issue 22). Found by logback's {@code ContextInitializer} through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator}, and ranked {@link ConfiguratorRank#CUSTOM_HIGH_PRIORITY}
 * (40), above the {@code DefaultJoranConfigurator} that logback tries after the service configurators, so it runs
 * first. Micronaut's {@code LogbackLoggingSystem#refresh()} (only on a refresh event, never at start-up; Alfred
 * publishes none) uses the first service configurator too, this one, instead of looking for {@code logback.xml}; it
 * ignores the status returned, so there a deferring configurator would leave logback reset.
 *
 * <p>It configures: the levels of {@link #LEVELS} and root {@code INFO}; one console appender on standard output,
 * chosen by {@link LogFormat} ({@code ALFRED_LOG_FORMAT}): {@code json}, logstash-logback-encoder's {@link
 * LogstashEncoder} (one JSON object per line, the MDC included) masked by {@link RedactingValueMasker}; {@code text},
 * the pattern {@link #TEXT_PATTERN} whose {@code %redactedMsg} and {@code %redactedEx} are {@link
 * RedactedMessageConverter} and {@link RedactedThrowableConverter}, registered in the context's pattern rule registry
 * as Joran's {@code conversionRule} does.
 *
 * <p>It defers to the operator's own file (returns {@link ExecutionStatus#INVOKE_NEXT_IF_ANY} without configuring
 * anything, so logback's {@code DefaultJoranConfigurator} reads it) when the system property {@value
 * #CONFIG_FILE_PROPERTY} is set, or {@code logback-test.xml} or {@code logback.xml} is on the classpath (Alfred ships
 * neither; the tests' {@code logback-test.xml} governs test JVMs this way). Such a file can still use {@link
 * LogFormat} ({@code <define>}) and the converters ({@code <conversionRule>}).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class LogbackConfigurator extends ContextAwareBase implements Configurator {
    /** The system property naming an operator's configuration file, as logback reads it (ClassicConstants). */
    public static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";
    /** Classpath resources that logback's {@code DefaultJoranConfigurator} reads, in its order of search. */
    static final String[] OPERATOR_RESOURCES = {"logback-test.xml", "logback.xml"};
    /** The text format's layout: time, level, thread, logger (shortened to 36 characters), message, stack trace. */
    public static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %redactedMsg%n%redactedEx";
    /** Loggers quieter than the root's {@code INFO}: their {@code INFO} lines are start-up chatter. */
    public static final Map<String, Level> LEVELS = Map.of("org.jobrunr", Level.WARN, "io.micronaut.logging",
            Level.WARN, "com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN);

    private final Function<String, URL> resources;
    private final UnaryOperator<String> systemProperties;

    /** The configurator logback instantiates: the classpath of this class, the JVM's system properties. */
    public LogbackConfigurator() {
        this(LogbackConfigurator.class.getClassLoader()::getResource, System::getProperty);
    }

    /**
     * @param resources finds a classpath resource by name, {@code null} when absent
     * @param systemProperties reads a system property, {@code null} when unset
     */
    LogbackConfigurator(Function<String, URL> resources, UnaryOperator<String> systemProperties) {
        this.resources = resources;
        this.systemProperties = systemProperties;
    }

    /**
     * Configures {@code context} as described above, or defers to the operator's file.
     *
     * @return {@link ExecutionStatus#DO_NOT_INVOKE_NEXT_IF_ANY} once configured; {@link
     *     ExecutionStatus#INVOKE_NEXT_IF_ANY}, with {@code context} untouched, when deferring
     */
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String operatorFile = operatorConfiguration();
        if (operatorFile != null) {
            addInfo("Alfred's logging configuration defers to " + operatorFile);
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        String format = LogFormat.from(context);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(format);
        appender.setEncoder(format.equals("json") ? jsonEncoder(context) : textEncoder(context));
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** @return what names the operator's configuration (the property's value or a resource name), or null */
    private String operatorConfiguration() {
        String file = systemProperties.apply(CONFIG_FILE_PROPERTY);
        if (file != null) {
            return CONFIG_FILE_PROPERTY + "=" + file;
        }
        for (String resource : OPERATOR_RESOURCES) {
            if (resources.apply(resource) != null) {
                return resource + " on the classpath";
            }
        }
        return null;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        registerConverter(context, "redactedMsg", RedactedMessageConverter::new);
        registerConverter(context, "redactedEx", RedactedThrowableConverter::new);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new RedactingValueMasker());
        masking.start();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setJsonGeneratorDecorator(masking);
        encoder.start();
        return encoder;
    }

    /** Binds a conversion word in {@code context}, as Joran's {@code <conversionRule>} does (logback 1.5.13+). */
    @SuppressWarnings("unchecked")
    private static void registerConverter(LoggerContext context, String word,
            Supplier<DynamicConverter<ILoggingEvent>> converter) {
        var registry = (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(
                CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (registry == null) {
            registry = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, registry);
        }
        registry.put(word, converter::get);
    }
}
