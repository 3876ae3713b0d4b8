package dev.alfred.agents;

import dev.alfred.agents.loop.StepObserver;
import dev.alfred.policies.Policy;
import dev.alfred.agents.approvals.ApproverDirectory;
import dev.alfred.policies.PolicyBook;
import dev.alfred.policies.PolicyFiles;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Beans the agents module needs that are not classes of its own. */
@Factory
public class AgentsFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AgentsFactory.class);

    /** @return the UTC system clock; tests replace it to control time */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Loads the policy once, at start-up: an invalid file stops Alfred with the file, line and reason.
     *
     * @param directory {@code alfred.policies.dir} ({@code ALFRED_POLICIES_DIR}); unset for the shipped default
     * @throws dev.alfred.policies.PolicyFileException when a file is invalid
     */
    @Context
    @Bean(typed = {PolicyBook.class, Policy.class})
    PolicyBook policy(@Value("${alfred.policies.dir:}") String directory) {
        PolicyBook book = PolicyFiles.load(PolicySource.read(directory));
        LOG.info("policy loaded: {} rule(s) from {}", book.size(), directory == null || directory.isBlank()
                ? "the shipped default" : directory);
        return book;
    }

    /** @return the default directory, which knows no groups; the Slack one wins over it */
    @Singleton
    @Secondary
    ApproverDirectory approverDirectory() {
        return (userId, groupIds) -> Set.of();
    }

    /** @return the default step observer, which does nothing; any other {@link StepObserver} bean wins over it */
    @Singleton
    @Secondary
    StepObserver stepObserver() {
        return step -> { };
    }
}
