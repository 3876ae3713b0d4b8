package dev.alfred.bot.health;

import dev.alfred.jobs.JobRunrRuntime;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /health}: 200 with {@code {"status":"UP","database":"UP","jobServer":"UP"}} once a connection to the
 * database answers within 2 s and the background job server runs; 503 with the same shape, naming what is down,
 * otherwise.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {
    private static final int DB_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final JobRunrRuntime jobRunr;

    public HealthController(DataSource dataSource, JobRunrRuntime jobRunr) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.jobRunr = jobRunr;
    }

    @Get
    public HttpResponse<Map<String, String>> health() {
        boolean database = databaseUp();
        boolean jobs = jobRunr.isServerRunning();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", database && jobs ? "UP" : "DOWN");
        body.put("database", database ? "UP" : "DOWN");
        body.put("jobServer", jobs ? "UP" : "DOWN");
        return HttpResponse.status(database && jobs ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private boolean databaseUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DB_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
