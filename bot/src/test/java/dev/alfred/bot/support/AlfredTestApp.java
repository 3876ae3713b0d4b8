package dev.alfred.bot.support;

import dev.alfred.agents.runs.Run;
import dev.alfred.agents.runs.RunRepository;
import dev.alfred.bot.demo.LocalSlack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alfred as integration tests run it: the real application on a free port on 127.0.0.1, a {@link LocalSlack}
 * stand-in for the Web API, a {@link FakeOpenAi} model, and a fresh {@link TestDatabase}.
 */
public final class AlfredTestApp implements AutoCloseable {
    /** The signing secret test requests are signed with. */
    public static final String SIGNING_SECRET = "test-signing-secret-" + UUID.randomUUID();

    public final LocalSlack slack;
    public final FakeOpenAi model;
    public final TestDatabase database;
    public final ApplicationContext context;
    public final SlackRequests requests;

    private AlfredTestApp(LocalSlack slack, FakeOpenAi model, TestDatabase database, ApplicationContext context) {
        this.slack = slack;
        this.model = model;
        this.database = database;
        this.context = context;
        this.requests = new SlackRequests(context.getBean(EmbeddedServer.class).getPort(), SIGNING_SECRET);
    }

    /**
     * Starts Alfred on {@code database}.
     *
     * @param extra more properties, overriding the defaults (e.g. {@code alfred.model.base-url} removed)
     */
    public static AlfredTestApp start(TestDatabase database, Map<String, Object> extra) throws IOException {
        LocalSlack slack = LocalSlack.start();
        FakeOpenAi model = FakeOpenAi.start();
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("alfred.slack.bot-token", "xoxb-test");
        properties.put("alfred.slack.signing-secret", SIGNING_SECRET);
        properties.put("alfred.slack.api-url", slack.apiUrl());
        properties.put("alfred.model.base-url", model.baseUrl());
        properties.put("alfred.model.api-key", "sk-test");
        properties.put("alfred.model.name", "fake-model");
        properties.put("alfred.model.max-retries", 0);
        properties.put("alfred.jobs.workers", 2);
        properties.putAll(extra);
        properties.values().removeIf(value -> value == null);
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        return new AlfredTestApp(slack, model, database, context);
    }

    /** @return a person in the test workspace ({@code T1}) acting as {@code userId}, e.g. {@code U1} (the requester) */
    public dev.alfred.bot.demo.SlackUser user(String userId) {
        return new dev.alfred.bot.demo.SlackUser(context.getBean(EmbeddedServer.class).getPort(), SIGNING_SECRET,
                "T1", userId);
    }

    /** @return every run, for assertions */
    public List<Run> runs() {
        return context.getBean(RunRepository.class).findAll();
    }

    /** @return the run with that id */
    public List<dev.alfred.agents.audit.AuditEvent> audit(String runId) {
        return context.getBean(dev.alfred.agents.audit.AuditLog.class).timeline(runId);
    }

    /** @return the run's audit event kinds, oldest first */
    public List<String> auditKinds(String runId) {
        return audit(runId).stream().map(dev.alfred.agents.audit.AuditEvent::kind).toList();
    }

    public Run run(String runId) {
        return context.getBean(RunRepository.class).findById(runId).orElseThrow();
    }

    @Override
    public void close() {
        context.close();
        slack.close();
        model.close();
        database.close();
    }
}
