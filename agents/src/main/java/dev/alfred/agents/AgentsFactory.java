package dev.alfred.agents;

import dev.alfred.agents.runtime.StepObserver;
import dev.alfred.policies.Policy;
import dev.alfred.policies.TierPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans the agents module needs that are not classes of its own. */
@Factory
public class AgentsFactory {

    /** @return the UTC system clock; tests replace it to control time */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** @return the policy tool calls are judged by: {@link TierPolicy} until policy files exist */
    @Singleton
    Policy policy() {
        return new TierPolicy();
    }

    /** @return the default step observer, which does nothing; any other {@link StepObserver} bean wins over it */
    @Singleton
    @Secondary
    StepObserver stepObserver() {
        return step -> { };
    }
}
