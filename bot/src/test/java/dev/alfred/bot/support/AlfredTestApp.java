package dev.alfred.bot.support;

import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunRepository;
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
        return start(database, extra, slack -> { });
    }

    /**
     * Starts Alfred on {@code database}, letting {@code prepare} set up the fake Slack before Alfred first calls it
     * (e.g. {@link LocalSlack#socketModeUrls} for Socket Mode, which connects at start).
     *
     * @param extra more properties, as for {@link #start(TestDatabase, Map)}
     */
    public static AlfredTestApp start(TestDatabase database, Map<String, Object> extra,
            java.util.function.Consumer<LocalSlack> prepare) throws IOException {
        LocalSlack slack = LocalSlack.start();
        prepare.accept(slack);
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
        // The fakes tests call with http_get/http_request listen on 127.0.0.1, an internal address: allowed here
        // explicitly (the shipped default refuses it). A test of the default passes alfred.http.allow → null.
        properties.put("alfred.http.allow", "127.0.0.1");
        properties.putAll(extra);
        properties.values().removeIf(value -> value == null);
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        return new AlfredTestApp(slack, model, database, context);
    }

    /**
     * Starts Alfred on {@code database} with one policy file holding {@code policyYaml} as its whole policy.
     *
     * @param extra more properties, as for {@link #start}
     */
    public static AlfredTestApp startWithPolicy(TestDatabase database, String policyYaml, Map<String, Object> extra)
            throws IOException {
        java.nio.file.Path policies = java.nio.file.Files.createTempDirectory("alfred-policies");
        java.nio.file.Files.writeString(policies.resolve("policy.yml"), policyYaml);
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("alfred.policies.dir", policies.toString());
        return start(database, properties);
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

    /** @return the run once it reaches {@code status}, waiting up to 30 s */
    public Run awaitStatus(String runId, dev.alfred.agents.run.RunStatus status) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> run(runId), run -> run.status() == status);
    }

    /**
     * Types {@code /alfred task <task>} as {@code user}; the task may start with {@code @agent}.
     *
     * @return the new run's id
     */
    public String startTask(dev.alfred.bot.demo.SlackUser user, String task) throws Exception {
        org.assertj.core.api.Assertions.assertThat(ackText(user.command("C1", "task " + task))).contains("On it");
        String stored = task.startsWith("@") ? task.split("\\s+", 2)[1] : task;
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> runs().stream().filter(run -> run.task().equals(stored)).map(Run::id).findFirst()
                        .orElse(null), id -> id != null);
    }

    /** @return the approval card posted in the run's thread, waiting for it */
    public dev.alfred.bot.demo.LocalSlack.Call card(Run run) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> slack.threadReplies(run.threadTs()).stream()
                        .filter(call -> String.valueOf(call.arg("blocks")).contains("approval.approve"))
                        .findFirst().orElse(null), card -> card != null);
    }

    /**
     * Waits until every message about the run that must keep its order (all but coalesced status updates) has left
     * the outbox, so assertions on the fake Slack see what the run has committed so far.
     */
    public void awaitDelivered(String runId) {
        dev.alfred.agents.outbox.Outbox outbox = context.getBean(dev.alfred.agents.outbox.Outbox.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> outbox.ofRun(runId).stream().noneMatch(message -> message.coalesceKey() == null
                        && message.status() == dev.alfred.agents.outbox.OutboxMessage.Status.PENDING));
    }

    /**
     * Waits, up to 30 s, until no run is queued or running and every run's ordered messages have left the outbox: a
     * test that counts Slack calls from its start then sees none of an earlier test's late deliveries.
     */
    public void awaitSettled() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> runs().stream().noneMatch(run -> run.status() == dev.alfred.agents.run.RunStatus.QUEUED
                        || run.status() == dev.alfred.agents.run.RunStatus.RUNNING));
        runs().forEach(run -> awaitDelivered(run.id()));
    }

    /** @return the texts posted in the run's thread so far (once delivered), waiting for at least one */
    public List<String> threadTexts(Run run) {
        awaitDelivered(run.id());
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> slack.threadReplies(run.threadTs()).stream().map(call -> call.arg("text")).toList(),
                        texts -> !texts.isEmpty());
    }

    /** @return the texts of every message posted in {@code channelId} (outside threads or in them) */
    public List<String> postsTo(String channelId) {
        return slack.calls("chat.postMessage").stream().filter(call -> channelId.equals(call.arg("channel")))
                .map(call -> call.arg("text")).toList();
    }

    /** @return the {@code text} of an ephemeral slash-command acknowledgement, after checking it is a 200 */
    public static String ackText(java.net.http.HttpResponse<String> response) throws Exception {
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("text").asText();
    }

    /** @return the model's call of {@code slack_post_message} to {@code channelId} with {@code text} */
    public static FakeOpenAi.ToolCall postCall(String channelId, String text) {
        return new FakeOpenAi.ToolCall("slack_post_message", "{\"channel\":\"" + channelId + "\",\"text\":\""
                + text + "\"}");
    }

    public Run run(String runId) {
        return context.getBean(RunRepository.class).findById(runId).orElseThrow();
    }

    /** Stops Alfred, its fake Slack and its fake model, keeping the database for another instance. */
    public void stop() {
        context.close();
        slack.close();
        model.close();
    }

    @Override
    public void close() {
        stop();
        database.close();
    }
}
