package dev.alfred.agents.loop;

import dev.alfred.agents.run.Run;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The logging context (SLF4J {@link MDC}) of the thread advancing a run, so every line logged meanwhile names the run:
 * {@value #RUN_ID}, {@value #STEP} (the step being taken), {@value #AGENT}, {@value #CHANNEL_ID} and
 * {@value #THREAD_TS}. The MDC is per thread, so workers advancing different runs do not see each other's; closing
 * puts back what the thread had before.
 */
final class RunLogContext implements AutoCloseable {
    static final String RUN_ID = "runId";
    static final String STEP = "step";
    static final String AGENT = "agent";
    static final String CHANNEL_ID = "channelId";
    static final String THREAD_TS = "threadTs";
    private static final List<String> KEYS = List.of(RUN_ID, STEP, AGENT, CHANNEL_ID, THREAD_TS);

    private final Map<String, String> previous;

    private RunLogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** @return the context of advancing {@code runId}, until closed */
    static RunLogContext open(String runId) {
        RunLogContext context = new RunLogContext(MDC.getCopyOfContextMap());
        MDC.put(RUN_ID, runId);
        return context;
    }

    /** Names the run's agent, Slack channel and thread, and its next step, as they are now. */
    static void describe(Run run) {
        MDC.put(RUN_ID, run.id());
        MDC.put(STEP, String.valueOf(run.stepCount() + 1));
        MDC.put(AGENT, run.agent());
        put(CHANNEL_ID, run.channelId());
        put(THREAD_TS, run.threadTs());
    }

    @Override
    public void close() {
        KEYS.forEach(MDC::remove);
        if (previous != null) {
            previous.forEach(MDC::put);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
