package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.schedule.Schedule;
import dev.alfred.agents.schedule.ScheduleDispatcher;
import dev.alfred.agents.schedule.ScheduleFiring;
import dev.alfred.agents.schedule.ScheduleStatus;
import dev.alfred.agents.schedule.Schedules;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Schedules through signed {@code /alfred schedule} commands, with the dispatcher called directly at chosen times
 * (the schedules here fire once a year, on 1 January, so the real recurring job never finds them due while a test
 * runs). Runs once per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScheduleFlowIT {
    private static final String YEARLY = "0 0 1 1 *";
    private static final Pattern ADDED = Pattern.compile("Added schedule `(\\w+)`");

    AlfredTestApp app;
    SlackUser ada;
    ScheduleDispatcher dispatcher;
    Schedules schedules;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfred() throws Exception {
        app = AlfredTestApp.start(database(), Map.of());
        ada = app.user("U1");
        dispatcher = app.context.getBean(ScheduleDispatcher.class);
        schedules = app.context.getBean(Schedules.class);
    }

    @AfterAll
    void stopAlfred() {
        if (app != null) {
            app.close();
        }
    }

    /** Each test dispatches at times of its choosing, which would fire the other tests' schedules too. */
    @BeforeEach
    void forgetOtherSchedulesAndResetTheModel() {
        schedules.list().forEach(schedule -> schedules.delete(schedule.id(), "U0"));
        app.model.reset();
    }

    @Test
    void addAnswersWithTheIdAndTheNextThreeFiringsInItsZone() throws Exception {
        String ack = AlfredTestApp.ackText(ada.command("C1",
                "schedule add 0 9 * * 1-5 Europe/Paris @lucius check the dependencies"));

        String id = idIn(ack);
        assertThat(ack).contains("`0 9 * * 1-5` (Europe/Paris)", "agent *lucius*", "in <#C1>", "Next firings:");
        assertThat(Pattern.compile("\\w{3} \\d{4}-\\d{2}-\\d{2} 09:00 CES?T").matcher(ack).results().count())
                .isEqualTo(3);
        Schedule stored = schedules.find(id).orElseThrow();
        assertThat(stored).extracting(Schedule::agent, Schedule::task, Schedule::channelId, Schedule::creatorUserId,
                Schedule::status).containsExactly("lucius", "check the dependencies", "C1", "U1", ScheduleStatus.ACTIVE);
        assertThat(stored.nextFireAt().atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isEqualTo(9);
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule list"))).contains("`" + id + "`",
                "`0 9 * * 1-5` Europe/Paris", "*lucius*", "next ");
        assertThat(app.context.getBean(AuditLog.class).ofKind("schedule.added")).extracting(AuditEvent::data)
                .anySatisfy(data -> assertThat(data).contains(id));

        ada.openHome("Ev-schedule-home");
        String home = await().atMost(Duration.ofSeconds(30)).until(() -> app.slack.calls("views.publish").stream()
                .map(call -> call.arg("view")).filter(view -> view.contains(id)).findFirst().orElse(null),
                view -> view != null);
        assertThat(home).contains("Schedules (");
    }

    @Test
    void badCronTextZoneOrAgentIsRefusedNamingWhatIsWrongAndNothingIsStored() throws Exception {
        int before = schedules.list().size();

        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule add 61 * * * * check"))).contains(":warning:",
                "`61 * * * *`", "Value 61 not in range [0, 59]", "Nothing was stored");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule add @daily Mars/Olympus check")))
                .contains("`Mars/Olympus` is not a time zone", "Nothing was stored");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule add @daily @nobody check")))
                .contains("no agent called `nobody`", "Nothing was stored");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule add @yearly check")))
                .contains("`@yearly`", "Nothing was stored");

        assertThat(schedules.list()).hasSize(before);
    }

    @Test
    void twoDispatchersFireADueFiringOnceAndItsRunPostsTheScheduledRootMessage() throws Exception {
        app.model.then(new FakeOpenAi.Text("All green."));
        Schedule schedule = add("C1", YEARLY + " check the status page");
        Instant due = schedule.nextFireAt();

        int taken = concurrently(() -> dispatcher.dispatchDue(due.plusSeconds(5)), 2) + dispatcher.dispatchDue(
                due.plusSeconds(30));

        assertThat(taken).isEqualTo(1);
        Run run = runsOf(schedule).get(0);
        assertThat(runsOf(schedule)).hasSize(1);
        assertThat(run).extracting(Run::agent, Run::requesterUserId, Run::channelId, Run::task).containsExactly(
                "alfred", "U1", "C1", "check the status page");
        Run done = app.awaitStatus(run.id(), RunStatus.SUCCEEDED);
        app.awaitDelivered(run.id());
        assertThat(app.postsTo("C1")).anySatisfy(text -> assertThat(text).contains(
                "Scheduled: check the status page (schedule `" + schedule.id() + "`)"));
        assertThat(done.finalAnswer()).isEqualTo("All green.");
        assertThat(schedules.firings(schedule.id())).singleElement().satisfies(firing -> {
            assertThat(firing.fireAt()).isEqualTo(due);
            assertThat(firing.outcome()).isEqualTo(ScheduleFiring.STARTED);
            assertThat(firing.runId()).isEqualTo(run.id());
        });
        Schedule after = schedules.find(schedule.id()).orElseThrow();
        assertThat(after.nextFireAt()).isEqualTo(due.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
        assertThat(after.lastOutcome()).isEqualTo("SUCCEEDED");
        assertThat(app.auditKinds(run.id())).contains("task.intake", "schedule.fired", "run.succeeded");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "status " + run.id())))
                .contains("from schedule `" + schedule.id() + "` on behalf of <@U1>");
    }

    @Test
    void aFiringWhoseAPreviousRunIsStillActiveIsSkippedAndAudited() throws Exception {
        app.model.then(new FakeOpenAi.ToolCall("ask_human", "{\"question\":\"Which region?\"}"));
        Schedule schedule = add("C1", YEARLY + " ask which region");
        Instant first = schedule.nextFireAt();
        dispatcher.dispatchDue(first.plusSeconds(1));
        Run waiting = app.awaitStatus(runsOf(schedule).get(0).id(), RunStatus.WAITING_FOR_REPLY);
        Instant second = schedules.find(schedule.id()).orElseThrow().nextFireAt();

        assertThat(dispatcher.dispatchDue(second.plusSeconds(1))).isEqualTo(1);

        assertThat(runsOf(schedule)).hasSize(1);
        assertThat(schedules.firings(schedule.id())).first().satisfies(firing -> {
            assertThat(firing.fireAt()).isEqualTo(second);
            assertThat(firing.outcome()).isEqualTo(ScheduleFiring.SKIPPED);
            assertThat(firing.detail()).contains("previous run " + waiting.id() + " is still waiting_for_reply");
        });
        assertThat(app.context.getBean(AuditLog.class).ofKind("schedule.skipped")).extracting(AuditEvent::detail)
                .anySatisfy(detail -> assertThat(detail).contains(schedule.id(), "still waiting_for_reply"));
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule run " + schedule.id())))
                .contains("Not now", "still waiting_for_reply");
        ada.command("C1", "cancel " + waiting.id());
        app.awaitStatus(waiting.id(), RunStatus.CANCELLED);
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedFiringIsCaughtUp() throws Exception {
        app.model.then(new FakeOpenAi.Text("Reviewed."));
        Schedule schedule = add("C1", YEARLY + " review the year");
        Instant first = schedule.nextFireAt();
        Instant latest = first.atZone(ZoneOffset.UTC).plusYears(3).toInstant();

        assertThat(dispatcher.dispatchDue(latest.plus(Duration.ofDays(100)))).isEqualTo(1);

        assertThat(schedules.firings(schedule.id())).extracting(ScheduleFiring::fireAt).containsExactly(latest);
        assertThat(schedules.find(schedule.id()).orElseThrow().nextFireAt())
                .isEqualTo(first.atZone(ZoneOffset.UTC).plusYears(4).toInstant());
        assertThat(runsOf(schedule)).hasSize(1);
        app.awaitStatus(runsOf(schedule).get(0).id(), RunStatus.SUCCEEDED);
        assertThat(app.context.getBean(AuditLog.class).ofKind("schedule.missed")).extracting(AuditEvent::detail)
                .anySatisfy(detail -> assertThat(detail).contains(schedule.id(), first.toString(), latest.toString()));
    }

    @Test
    void threeFailedRunsInARowPauseTheScheduleWhichSaysSoInItsChannel() throws Exception {
        Schedule schedule = add("C7", YEARLY + " run the flaky report");
        for (int failure = 1; failure <= 3; failure++) {
            app.model.then(new FakeOpenAi.Failure(401, "Incorrect API key provided"));
            Instant due = schedules.find(schedule.id()).orElseThrow().nextFireAt();
            assertThat(dispatcher.dispatchDue(due.plusSeconds(1))).isEqualTo(1);
            app.awaitStatus(runsOf(schedule).get(failure - 1).id(), RunStatus.FAILED);
        }

        Schedule paused = schedules.find(schedule.id()).orElseThrow();
        assertThat(paused.status()).isEqualTo(ScheduleStatus.PAUSED);
        assertThat(paused.pausedReason()).contains("3 failed runs in a row");
        assertThat(paused.nextFireAt()).isNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.postsTo("C7")).anySatisfy(text ->
                assertThat(text).contains("Schedule `" + schedule.id() + "`", "paused itself", "last 3 runs failed",
                        "/alfred schedule resume " + schedule.id())));
        assertThat(app.context.getBean(AuditLog.class).ofKind("schedule.auto_paused")).isNotEmpty();
        assertThat(dispatcher.dispatchDue(Instant.now().plus(Duration.ofDays(3_650)))).isZero();

        assertThat(AlfredTestApp.ackText(ada.command("C7", "schedule resume " + schedule.id())))
                .contains("Resumed schedule");
        assertThat(schedules.find(schedule.id()).orElseThrow()).extracting(Schedule::status,
                Schedule::consecutiveFailures).containsExactly(ScheduleStatus.ACTIVE, 0);
    }

    @Test
    void runNowPauseAndDeleteThroughTheCommand() throws Exception {
        app.model.then(new FakeOpenAi.Text("Ran now."));
        Schedule schedule = add("C1", YEARLY + " say hello");

        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule run " + schedule.id())))
                .contains("Running schedule `" + schedule.id() + "` now");
        app.awaitStatus(runsOf(schedule).get(0).id(), RunStatus.SUCCEEDED);
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule pause " + schedule.id())))
                .contains("Paused schedule");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule pause " + schedule.id())))
                .contains("already paused");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule list"))).contains("`" + schedule.id() + "`",
                "*paused*", "last succeeded");
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule delete " + schedule.id())))
                .contains("Deleted schedule");
        assertThat(schedules.find(schedule.id())).isEmpty();
        assertThat(AlfredTestApp.ackText(ada.command("C1", "schedule frobnicate"))).contains("I don't know",
                "/alfred schedule add");
    }

    private Schedule add(String channelId, String text) throws Exception {
        String ack = AlfredTestApp.ackText(ada.command(channelId, "schedule add " + text));
        return schedules.find(idIn(ack)).orElseThrow();
    }

    private static String idIn(String ack) {
        Matcher matcher = ADDED.matcher(ack);
        assertThat(matcher.find()).as("schedule id in: %s", ack).isTrue();
        return matcher.group(1);
    }

    private List<Run> runsOf(Schedule schedule) {
        return app.runs().stream().filter(run -> run.origin().equals("schedule:" + schedule.id()))
                .sorted(java.util.Comparator.comparing(Run::createdAt)).toList();
    }

    private static int concurrently(Callable<Integer> work, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> result : results) {
                sum += result.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }
}
