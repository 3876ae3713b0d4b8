package dev.alfred.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.configuration.JobRunrMicroMeterIntegration;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.configuration.BackgroundJobServerWorkerPolicy;
import org.jobrunr.server.configuration.DefaultBackgroundJobServerWorkerPolicy;
import org.jobrunr.server.threadpool.PlatformThreadPoolJobRunrExecutor;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires JobRunr 8 into Micronaut (the Micronaut feature available here targets JobRunr 7): SQL storage on the
 * application's own {@code DataSource}, handlers activated as beans, and a background job server in this process.
 * JobRunr creates and migrates its own {@code jobrunr_*} tables. JobRunr's own Micrometer meters
 * ({@code jobrunr.jobs.by-state} and, with a server, {@code jobrunr.background-job-server.*}) go to the application's
 * registry. The dashboard is opt-in and needs a password: it is served behind basic auth, or not at all.
 */
@Factory
public class JobRunrFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunrFactory.class);

    /**
     * @return JobRunr's storage on the unwrapped (not transaction-bound) application {@code DataSource}, set up by
     *         {@link StorageSetup} (in the background since the {@code DataSource} was created; this waits for it):
     *         JobRunr's own migrations, one replica at a time under {@link StorageSetupLock}, tried up to
     *         {@value StorageSetup#ATTEMPTS} times for transient failures (a database still starting)
     */
    @Singleton
    @Bean(preDestroy = "close")
    StorageProvider storageProvider(DataSource dataSource, StorageSetup setup) {
        return setup.provider(DelegatingDataSource.unwrapDataSource(dataSource));
    }

    /** @return JobRunr configured and started; its background job server runs unless disabled */
    @Singleton
    @Bean(preDestroy = "close")
    JobRunrRuntime jobRunr(StorageProvider storage, BeanContext beans, JobsSettings settings, MeterRegistry meters) {
        JobActivator activator = beans::getBean;
        JobRunrDashboardWebServerConfiguration dashboard = dashboard(settings);
        JobRunrConfigurationResult result = JobRunr.configure()
                .useStorageProvider(storage)
                .useJobActivator(activator)
                .useBackgroundJobServerIf(settings.isServerEnabled(),
                        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                .andBackgroundJobServerWorkerPolicy(workerPolicy(settings.getWorkers()))
                                .andPollInterval(settings.getPollInterval()))
                .useDashboardIf(dashboard != null, dashboard)
                .useMicroMeter(new JobRunrMicroMeterIntegration(meters))
                .initialize();
        return new JobRunrRuntime(result);
    }

    /**
     * @return JobRunr's default worker policy for {@code workers} platform threads ({@code andWorkerCount}), whose
     *         threads run each job at {@link BackgroundThreads#PRIORITY}: JobRunr's own thread factory sets no
     *         priority, so the worker lowers itself before the job
     */
    static BackgroundJobServerWorkerPolicy workerPolicy(int workers) {
        return new DefaultBackgroundJobServerWorkerPolicy(workers,
                count -> new PlatformThreadPoolJobRunrExecutor(count) {
                    @Override
                    public void execute(Runnable job) {
                        super.execute(() -> {
                            BackgroundThreads.lowerCurrent();
                            job.run();
                        });
                    }
                });
    }

    /**
     * @return the dashboard's configuration (its port, basic auth, no usage data sent to JobRunr), or null when it is
     *         not enabled, or enabled without a password (which is logged)
     */
    static JobRunrDashboardWebServerConfiguration dashboard(JobsSettings settings) {
        if (!settings.isDashboardEnabled()) {
            return null;
        }
        String user = settings.getDashboardUsername();
        String password = settings.getDashboardPassword();
        if (user == null || user.isBlank() || password == null || password.isBlank()) {
            LOG.error("JobRunr dashboard NOT started: alfred.jobs.dashboard-enabled is true, but it is only served "
                    + "behind basic auth and alfred.jobs.dashboard-password (ALFRED_JOBS_DASHBOARD_PASSWORD) or "
                    + "alfred.jobs.dashboard-username (ALFRED_JOBS_DASHBOARD_USERNAME) is not set");
            return null;
        }
        LOG.info("JobRunr dashboard on port {}, basic auth as '{}'", settings.getDashboardPort(), user);
        return JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                .andPort(settings.getDashboardPort())
                .andBasicAuthentication(user, password)
                .andAllowAnonymousDataUsage(false);
    }

    /** @return the scheduler for {@link org.jobrunr.jobs.lambdas.JobRequest}s */
    @Singleton
    JobRequestScheduler jobRequestScheduler(JobRunrRuntime jobRunr) {
        return jobRunr.result().getJobRequestScheduler();
    }
}
