package dev.alfred.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code alfred.jobs.*}: the in-process JobRunr background job server and dashboard. */
@ConfigurationProperties("alfred.jobs")
public class JobsSettings {
    /** Whether this process runs a background job server (off only for processes that just enqueue). */
    private boolean serverEnabled = true;
    /** Worker threads of the background job server. */
    private int workers = 4;
    /** How often the server polls the database for enqueued jobs; JobRunr's SQL storage allows 5 s at the fastest. */
    private Duration pollInterval = Duration.ofSeconds(5);
    /** Whether JobRunr's dashboard is served (off by default); it is, only with a password, behind basic auth. */
    private boolean dashboardEnabled = false;
    private int dashboardPort = 8000;
    /** The dashboard's basic-auth user name. */
    private String dashboardUsername = "alfred";
    /** The dashboard's basic-auth password; without one the dashboard is not started. */
    private String dashboardPassword;

    public boolean isServerEnabled() {
        return serverEnabled;
    }

    public void setServerEnabled(boolean serverEnabled) {
        this.serverEnabled = serverEnabled;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public boolean isDashboardEnabled() {
        return dashboardEnabled;
    }

    public void setDashboardEnabled(boolean dashboardEnabled) {
        this.dashboardEnabled = dashboardEnabled;
    }

    public int getDashboardPort() {
        return dashboardPort;
    }

    public void setDashboardPort(int dashboardPort) {
        this.dashboardPort = dashboardPort;
    }

    public String getDashboardUsername() {
        return dashboardUsername;
    }

    public void setDashboardUsername(String dashboardUsername) {
        this.dashboardUsername = dashboardUsername;
    }

    public String getDashboardPassword() {
        return dashboardPassword;
    }

    public void setDashboardPassword(String dashboardPassword) {
        this.dashboardPassword = dashboardPassword;
    }
}
