package dev.alfred.agents.tools.workspace.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Sandbox#start}: the host is probed (bubblewrap and a shell run as child processes) on a thread of its own,
 * not the caller's, which is start-up's main thread; whoever needs the result first waits for it.
 */
class SandboxStartTest {
    private static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(20), 4096, 64, 1024 * 1024);

    @Test
    void theProbeRunsOnItsOwnThreadAndTellsWhenItIsDone() throws Exception {
        CompletableFuture<String> probedOn = new CompletableFuture<>();
        Sandbox sandbox = Sandbox.start("bwrap", List.of(), LIMITS,
                probed -> probedOn.complete(Thread.currentThread().getName() + ": " + probed.describe()));

        assertThat(probedOn.get(30, TimeUnit.SECONDS)).startsWith("alfred-sandbox-probe: bubblewrap at ");
        assertThat(sandbox.refusal()).isEmpty();
    }

    @Test
    void theFirstUseWaitsForTheProbe() {
        Sandbox sandbox = Sandbox.start("bwrap", List.of(), LIMITS);

        assertThat(sandbox.refusal()).as("bubblewrap works here (.ci/run installs it)").isEmpty();
        assertThat(sandbox.describe()).startsWith("bubblewrap at ");
    }

    @Test
    void unsandboxedNeedsNoProbe() {
        Sandbox sandbox = Sandbox.start("none", List.of(), LIMITS);

        assertThat(sandbox.unsandboxed()).isTrue();
        assertThat(sandbox.refusal()).isEmpty();
        assertThat(sandbox.describe()).startsWith("ALFRED_SANDBOX=none: commands run UNSANDBOXED");
    }
}
