package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.TestDatabase;
import dev.alfred.jobs.JobRunrFactory;
import dev.alfred.jobs.JobRunrRuntime;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** JobRunr's dashboard, opt-in: behind basic auth with the configured user and password, or not served at all. */
class JobsDashboardIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anEnabledDashboardAnswers401WithoutCredentialsAnd200WithThem() throws Exception {
        int port = freePort();
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.jobs.dashboard-enabled", true,
                "alfred.jobs.dashboard-port", port, "alfred.jobs.dashboard-username", "ops",
                "alfred.jobs.dashboard-password", "correct-horse-battery"))) {
            assertThat(get(port, null).statusCode()).isEqualTo(401);
            assertThat(get(port, "ops:wrong-password").statusCode()).isEqualTo(401);
            HttpResponse<String> authorised = get(port, "ops:correct-horse-battery");
            assertThat(authorised.statusCode()).isEqualTo(200);
            assertThat(authorised.body()).containsIgnoringCase("jobrunr");
        }
    }

    @Test
    void anEnabledDashboardWithoutAPasswordIsNotStartedAndTheLogSaysWhy() throws Exception {
        int port = freePort();
        Logger log = (Logger) LoggerFactory.getLogger(JobRunrFactory.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (AlfredTestApp app = AlfredTestApp.start(TestDatabase.h2(), Map.of("alfred.jobs.dashboard-enabled", true,
                "alfred.jobs.dashboard-port", port))) {
            assertThat(app.context.getBean(JobRunrRuntime.class).result().getDashboardWebServer()).isNull();
            Assertions.assertThatThrownBy(() -> get(port, null)).isInstanceOf(ConnectException.class);
            assertThat(lines.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
                    .contains("JobRunr dashboard NOT started", "ALFRED_JOBS_DASHBOARD_PASSWORD"));
        } finally {
            log.detachAppender(lines);
        }
    }

    private static HttpResponse<String> get(int port, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard/"));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
