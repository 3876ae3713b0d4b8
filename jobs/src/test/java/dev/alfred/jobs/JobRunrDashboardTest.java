package dev.alfred.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobRunrDashboardTest {

    @Test
    void theDashboardIsOffUnlessEnabled() {
        JobsSettings settings = new JobsSettings();
        settings.setDashboardPassword("a-long-password");

        assertThat(JobRunrFactory.dashboard(settings)).isNull();
    }

    @Test
    void anEnabledDashboardWithoutAPasswordIsNotStarted() {
        JobsSettings settings = new JobsSettings();
        settings.setDashboardEnabled(true);
        settings.setDashboardPassword(" ");

        assertThat(JobRunrFactory.dashboard(settings)).isNull();
    }

    @Test
    void anEnabledDashboardWithAPasswordIsServedBehindBasicAuthOnItsPort() {
        JobsSettings settings = new JobsSettings();
        settings.setDashboardEnabled(true);
        settings.setDashboardPort(8123);
        settings.setDashboardPassword("a-long-password");

        assertThat(JobRunrFactory.dashboard(settings)).isNotNull()
                .hasFieldOrPropertyWithValue("port", 8123)
                .hasFieldOrPropertyWithValue("username", "alfred")
                .hasFieldOrPropertyWithValue("password", "a-long-password")
                .hasFieldOrPropertyWithValue("allowAnonymousDataUsage", false);
    }
}
