package dev.alfred.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.util.ClassicEnvUtil;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Alfred's logging configuration ({@link LogbackConfigurator}, as logback finds it when no operator's file is on the
 * classpath), applied to a logger context of its own with {@code ALFRED_LOG_FORMAT} set, its console output captured:
 * JSON lines with the MDC, plain text otherwise, and no secret in either. Also: it defers to an operator's file.
 */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIGURED_SECRET = "configured-signing-secret-7f3a9c";
    /** Secrets as they would be logged, and the part of each that must never appear. */
    static final List<String[]> SECRETS = List.of(
            new String[] {"xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp", "AbCdEfGhIjKlMnOp"},
            new String[] {"xoxp-1111-2222-3333-fedcba987654", "fedcba987654"},
            new String[] {"xapp-1-A0123-456789-abcdef0123", "abcdef0123"},
            new String[] {"xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4", "Mi0yLTEyMzQ1Njc4"},
            new String[] {"sk-proj-QwErTy0123456789uiop", "QwErTy0123456789uiop"},
            new String[] {"sk-ant-api03-ZxCvBn0123456789", "ZxCvBn0123456789"},
            new String[] {"ghp_0123456789abcdefghijABCDEFGHIJ012345", "abcdefghijABCDEFGHIJ"},
            new String[] {"github_pat_11ABCDEFG0123456789_qwertyuiopasdfgh", "qwertyuiopasdfgh"},
            new String[] {"Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"},
            new String[] {CONFIGURED_SECRET, CONFIGURED_SECRET});

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheRunFromTheMdc() throws Exception {
        String output = capture("json", log -> {
            MDC.put("runId", "k3v9x2qa");
            MDC.put("step", "3");
            MDC.put("agent", "lucius");
            MDC.put("channelId", "C1");
            MDC.put("threadTs", "1700000000.000100");
            try {
                log.info("run {} posted in {}", "k3v9x2qa", "C2");
            } finally {
                MDC.clear();
            }
            log.warn("outside any run");
        });

        List<JsonNode> lines = jsonLines(output);
        assertThat(lines).hasSize(2);
        JsonNode posted = lines.get(0);
        assertThat(posted.path("message").asText()).isEqualTo("run k3v9x2qa posted in C2");
        assertThat(posted.path("level").asText()).isEqualTo("INFO");
        assertThat(posted.path("logger_name").asText()).isEqualTo("dev.alfred.test");
        assertThat(posted.has("@timestamp")).isTrue();
        assertThat(posted.path("runId").asText()).isEqualTo("k3v9x2qa");
        assertThat(posted.path("step").asText()).isEqualTo("3");
        assertThat(posted.path("agent").asText()).isEqualTo("lucius");
        assertThat(posted.path("channelId").asText()).isEqualTo("C1");
        assertThat(posted.path("threadTs").asText()).isEqualTo("1700000000.000100");
        assertThat(lines.get(1).has("runId")).isFalse();
    }

    @Test
    void noSecretReachesTheJsonOutputWhetherInMessagesArgumentsMdcOrStackTraces() throws Exception {
        Redaction.register(CONFIGURED_SECRET);
        String output = capture("json", LogFormatTest::logEverySecretEveryWay);

        assertThat(jsonLines(output)).hasSize(2 * SECRETS.size());
        assertNoSecretIn(output);
        assertThat(output).contains("xoxb-****", "sk-ant-****", "ghp_****", "Bearer ****", "\"stack_trace\"");
    }

    @Test
    void theTextFormatIsRedactedToo() {
        Redaction.register(CONFIGURED_SECRET);
        String output = capture("text", LogFormatTest::logEverySecretEveryWay);

        assertThat(output).contains(" WARN  [", "dev.alfred.test - token ", "IllegalStateException");
        assertNoSecretIn(output);
    }

    @Test
    void anyOtherFormatIsText() {
        assertThat(LogFormat.of(" JSON ")).isEqualTo("json");
        assertThat(LogFormat.of("xml")).isEqualTo("text");
        assertThat(LogFormat.of(null)).isEqualTo("text");
        assertThat(capture("jsonl", log -> log.info("hello"))).doesNotStartWith("{")
                .contains("dev.alfred.test - hello");
    }

    @Test
    void theConfiguredLevelsAreThoseOfTheShippedConfiguration() {
        LoggerContext context = new LoggerContext();
        LogbackConfigurator configurator = LogbackConfigurators.asInProduction();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(context.getLogger("ROOT").getLevel()).hasToString("INFO");
        for (String quiet : List.of("org.jobrunr", "io.micronaut.logging", "com.zaxxer.hikari", "org.flywaydb")) {
            assertThat(context.getLogger(quiet).getLevel()).as(quiet).hasToString("WARN");
        }
        assertThat(context.getLogger("dev.alfred").getEffectiveLevel()).hasToString("INFO");
        assertThat(context.getLogger("ROOT").iteratorForAppenders()).toIterable().singleElement()
                .satisfies(appender -> assertThat(appender.getName()).isEqualTo("text"));
        context.stop();
    }

    @Test
    void logbackFindsTheConfiguratorAsAServiceRankedAboveItsXmlConfigurator() {
        List<Configurator> found = ClassicEnvUtil.loadFromServiceLoader(Configurator.class,
                LogbackConfigurator.class.getClassLoader());

        assertThat(found).hasExactlyElementsOfTypes(LogbackConfigurator.class);
        assertThat(LogbackConfigurator.class.getAnnotation(ConfiguratorRank.class).value())
                .isGreaterThan(ConfiguratorRank.DEFAULT);
    }

    @Test
    void defersWithoutConfiguringAnythingWhenLogbackConfigurationFileIsSet() {
        LoggerContext context = new LoggerContext();
        LogbackConfigurator configurator = new LogbackConfigurator(resource -> null,
                property -> property.equals("logback.configurationFile") ? "/etc/alfred/logback.xml" : null);
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").iteratorForAppenders()).isExhausted();
        assertThat(context.getLogger("org.jobrunr").getLevel()).isNull();
    }

    @Test
    void defersToALogbackXmlOrLogbackTestXmlOnTheClasspath() throws Exception {
        for (String file : List.of("logback.xml", "logback-test.xml")) {
            LoggerContext context = new LoggerContext();
            URL found = new URL("file:/opt/alfred/" + file);
            LogbackConfigurator configurator = new LogbackConfigurator(
                    resource -> resource.equals(file) ? found : null, property -> null);
            configurator.setContext(context);

            assertThat(configurator.configure(context)).as(file).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger("ROOT").iteratorForAppenders()).isExhausted();
        }
        // The test classpath has logback-test.xml: the configurator logback instantiates defers to it.
        LoggerContext context = new LoggerContext();
        LogbackConfigurator configurator = new LogbackConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").iteratorForAppenders()).isExhausted();
    }

    static void assertNoSecretIn(String output) {
        for (String[] secret : SECRETS) {
            assertThat(output).as("log output").doesNotContain(secret[0]).doesNotContain(secret[1]);
        }
    }

    private static void logEverySecretEveryWay(Logger log) {
        for (String[] secret : SECRETS) {
            MDC.put("threadTs", "token=" + secret[0]);
            try {
                log.warn("token {} in an argument, and " + secret[0] + " in the message", secret[0]);
                log.error("call failed", new IllegalStateException("refused " + secret[0],
                        new RuntimeException("Authorization: " + secret[0])));
            } finally {
                MDC.clear();
            }
        }
    }

    private static List<JsonNode> jsonLines(String output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** @return what Alfred's configuration writes to standard output while {@code logging} runs */
    static synchronized String capture(String format, Consumer<Logger> logging) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty(LogFormat.VARIABLE, format);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogbackConfigurator configurator = LogbackConfigurators.asInProduction();
            configurator.setContext(context);
            assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(new StatusUtil(context).getHighestLevel(0)).as("logback's status: warnings make it print "
                    + "its status on standard output at start-up").isEqualTo(Status.INFO);
            logging.accept(context.getLogger("dev.alfred.test"));
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
