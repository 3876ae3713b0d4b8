package dev.alfred.bot.logging;

/** Test fixtures: {@link LogbackConfigurator}s that see a classpath and system properties of the test's choosing. */
public final class LogbackConfigurators {
    private LogbackConfigurators() {
    }

    /**
     * @return Alfred's configurator as it runs from the shipped jar, where it finds no {@code logback.xml}, no {@code
     *     logback-test.xml} (the test classpath has one) and no {@code logback.configurationFile}, so it configures
     */
    public static LogbackConfigurator asInProduction() {
        return new LogbackConfigurator(resource -> null, property -> null);
    }
}
