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
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;

/**
 * Wires JobRunr 8 into Micronaut (the Micronaut feature available here targets JobRunr 7): SQL storage on the
 * application's own {@code DataSource}, handlers activated as beans, and a background job server in this process.
 * JobRunr creates and migrates its own {@code jobrunr_*} tables. JobRunr's own Micrometer meters
 * ({@code jobrunr.jobs.by-state} and, with a server, {@code jobrunr.background-job-server.*}) go to the application's
 * registry.
 */
@Factory
public class JobRunrFactory {

    /** @return JobRunr's storage on the unwrapped (not transaction-bound) application {@code DataSource} */
    @Singleton
    @Bean(preDestroy = "close")
    StorageProvider storageProvider(DataSource dataSource) {
        return SqlStorageProviderFactory.using(DelegatingDataSource.unwrapDataSource(dataSource));
    }

    /** @return JobRunr configured and started; its background job server runs unless disabled */
    @Singleton
    @Bean(preDestroy = "close")
    JobRunrRuntime jobRunr(StorageProvider storage, BeanContext beans, JobsSettings settings, MeterRegistry meters) {
        JobActivator activator = beans::getBean;
        JobRunrConfigurationResult result = JobRunr.configure()
                .useStorageProvider(storage)
                .useJobActivator(activator)
                .useBackgroundJobServerIf(settings.isServerEnabled(),
                        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                .andWorkerCount(settings.getWorkers())
                                .andPollInterval(settings.getPollInterval()))
                .useDashboardIf(settings.isDashboardEnabled(), settings.getDashboardPort())
                .useMicroMeter(new JobRunrMicroMeterIntegration(meters))
                .initialize();
        return new JobRunrRuntime(result);
    }

    /** @return the scheduler for {@link org.jobrunr.jobs.lambdas.JobRequest}s */
    @Singleton
    JobRequestScheduler jobRequestScheduler(JobRunrRuntime jobRunr) {
        return jobRunr.result().getJobRequestScheduler();
    }
}
