package dev.alfred.agents.fleet;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.policies.Mentions;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.BlockKind;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.agents.run.RunStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet-wide provider-limit block, held in the database so every replica's workers see it before their next
 * model call. The recurring job {@code lift-provider-blocks} lifts it when due and re-enqueues the runs it parked.
 */
@Singleton
public class ProviderBlocks {
    /** Scope of the block on the (one) configured model provider. */
    public static final String PROVIDER = "provider";

    private final ProviderBlockRepository blocks;
    private final RunStore runs;
    private final AuditLog audit;
    private final Clock clock;
    private final Mentions mentions;
    private final RunLookups lookups;

    public ProviderBlocks(ProviderBlockRepository blocks, RunStore runs, AuditLog audit, Clock clock,
            Mentions mentions, RunLookups lookups) {
        this.lookups = lookups;
        this.mentions = mentions;
        this.blocks = blocks;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return the block in force now, if any (one past its end is not, even before the job deletes it) */
    @Transactional(readOnly = true)
    public Optional<ProviderBlock> current() {
        return blocks.findById(PROVIDER).filter(block -> block.blockedUntil().isAfter(clock.instant()));
    }

    /**
     * Blocks every model call until {@code until}, or later if a block already lasts longer, and records it.
     *
     * @param reason what the provider said
     * @return the block now in force
     */
    @Transactional
    public ProviderBlock block(Instant until, String reason) {
        Instant now = clock.instant();
        if (blocks.extend(PROVIDER, reason, until, now) == 0 && blocks.insert(PROVIDER, reason, until, now) == 0) {
            blocks.extend(PROVIDER, reason, until, now);
        }
        ProviderBlock block = blocks.findById(PROVIDER).orElseThrow();
        audit.record(null, "fleet.blocked", null, null, "model calls blocked until " + block.blockedUntil() + ": "
                + reason, Map.of("until", block.blockedUntil().toString(), "reason", reason));
        return block;
    }

    /**
     * Lifts blocks that are due and, when none is left in force, moves every run the block parked from
     * {@code BLOCKED} to {@code QUEUED}. The caller wakes the returned runs.
     *
     * @return the runs to wake (empty while a block is still in force)
     */
    @Transactional
    public List<Run> liftDue() {
        if (blocks.deleteDue(clock.instant()) > 0) {
            audit.record(null, "fleet.unblocked", null, null, "provider block lifted", Map.of());
        }
        return current().isPresent() ? List.of() : requeue(null);
    }

    /**
     * Lifts the block before its time, at a person's word ({@code /alfred resume fleet}), and moves the runs it
     * parked to {@code QUEUED}. The caller wakes them.
     *
     * @return the runs to wake, or empty when no block was in force
     */
    @Transactional
    public Optional<List<Run>> liftNow(String userId) {
        if (current().isEmpty()) {
            return Optional.empty();
        }
        blocks.deleteById(PROVIDER);
        audit.record(null, "fleet.unblocked", userId, null, "provider block lifted early by " + mentions.user(userId),
                Map.of());
        return Optional.of(requeue(userId));
    }

    private List<Run> requeue(String userId) {
        List<Run> lifted = new ArrayList<>();
        for (Run run : lookups.blocked(BlockKind.PROVIDER_LIMIT)) {
            if (runs.unblock(run.id(), BlockKind.PROVIDER_LIMIT, RunStatus.QUEUED)) {
                audit.record(run.id(), "run.unblocked", userId, run.stepCount(), "the provider block lifted", null);
                lifted.add(run);
            }
        }
        return lifted;
    }
}
