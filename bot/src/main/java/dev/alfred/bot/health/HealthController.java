package dev.alfred.bot.health;

import dev.alfred.agents.tools.mcp.McpServers;
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
 * {@code GET /health}: 200 with {@code {"status":"UP","database":"UP","jobServer":"UP","mcpServers":{…}}} once a
 * connection to the database answers within 2 s and the background job server runs; 503 with the same shape, naming
 * what is down, otherwise. {@code mcpServers} has each configured MCP server's state ({@code UP}, {@code STARTING},
 * {@code DOWN}; empty without {@code ALFRED_MCP_CONFIG}): read from memory, never waiting for a server, and never
 * making Alfred unhealthy (the rest of Alfred works without them). Reasons are not shown here, this endpoint being
 * unauthenticated; {@code /alfred tools} shows them.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {
    private static final int DB_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final JobRunrRuntime jobRunr;
    private final McpServers mcp;

    public HealthController(DataSource dataSource, JobRunrRuntime jobRunr, McpServers mcp) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.jobRunr = jobRunr;
        this.mcp = mcp;
    }

    @Get
    public HttpResponse<Map<String, Object>> health() {
        boolean database = databaseUp();
        boolean jobs = jobRunr.isServerRunning();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", database && jobs ? "UP" : "DOWN");
        body.put("database", database ? "UP" : "DOWN");
        body.put("jobServer", jobs ? "UP" : "DOWN");
        Map<String, String> servers = new LinkedHashMap<>();
        mcp.states().forEach(state -> servers.put(state.server(), state.status().name()));
        body.put("mcpServers", servers);
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
