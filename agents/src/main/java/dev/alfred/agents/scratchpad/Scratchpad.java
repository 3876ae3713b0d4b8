package dev.alfred.agents.scratchpad;

import dev.alfred.agents.run.RunLookups;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The scratchpad of a family of runs (a root run and its sub-runs), with its rules:
 * <ul>
 *   <li>a run writes only its own namespace, {@code scratch.<runId>.<name>};</li>
 *   <li>any run of the family reads any key of the family (its own by bare name);</li>
 *   <li>only the family's root run, the boss, promotes: it copies {@code scratch.<runId>.<name>} of a run of its
 *       family to {@code shared.<name>}, its statement that it checked the finding.</li>
 * </ul>
 * Each write and promotion is recorded in the audit log ({@code scratchpad.written}, {@code scratchpad.promoted})
 * with its key and value. Refusals are {@link ScratchpadException}s whose message is written for the model.
 */
@Singleton
public class Scratchpad {
    /** Names after the namespace: letters, digits, {@code _ - .}, 1–100 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** The most characters one value may hold. */
    public static final int MAX_VALUE_CHARS = 16_000;
    /** Prefix of a run's own notes. */
    public static final String SCRATCH = "scratch.";
    /** Prefix of promoted findings. */
    public static final String SHARED = "shared.";

    private final ScratchpadRepository entries;
    private final RunStore runs;
    private final AuditLog audit;
    private final Clock clock;
    private final RunLookups lookups;

    public Scratchpad(ScratchpadRepository entries, RunStore runs, AuditLog audit, Clock clock, RunLookups lookups) {
        this.lookups = lookups;
        this.entries = entries;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /** A refusal, worded for the model. */
    public static class ScratchpadException extends RuntimeException {
        ScratchpadException(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code scratch.<runId>.<name>}, replacing an earlier value.
     *
     * @return the full key written
     * @throws ScratchpadException for a bad name or a value over {@value #MAX_VALUE_CHARS} characters
     */
    @Transactional
    public String write(String runId, String name, String value) {
        if (name.startsWith(SCRATCH) || name.startsWith(SHARED)) {
            throw new ScratchpadException("write takes a bare name (e.g. \"findings\"); it is stored as "
                    + SCRATCH + runId + ".<name>, your own namespace. Only the boss promotes to " + SHARED + "*.");
        }
        checkName(name);
        if (value.length() > MAX_VALUE_CHARS) {
            throw new ScratchpadException("the value has " + value.length() + " characters; the most is "
                    + MAX_VALUE_CHARS);
        }
        String key = SCRATCH + runId + "." + name;
        put(rootOf(runId), key, value, runId);
        audit.record(runId, "scratchpad.written", null, null, key + " = " + value, Map.of("key", key,
                "value", value));
        return key;
    }

    /**
     * Reads one key: a bare name is the run's own ({@code scratch.<runId>.<name>}); a full key may be any of the
     * family's.
     *
     * @throws ScratchpadException when nothing is stored under it (the message lists what is)
     */
    @Transactional(readOnly = true)
    public ScratchpadEntry read(String runId, String key) {
        String full = key.startsWith(SCRATCH) || key.startsWith(SHARED) ? key : SCRATCH + runId + "." + key;
        String root = rootOf(runId);
        return entries.findByRootRunIdAndEntryKey(root, full).orElseThrow(() -> new ScratchpadException(
                "nothing is stored under " + full + ". Keys: " + keys(root)));
    }

    /** @return every entry of the run's family, by key */
    @Transactional(readOnly = true)
    public List<ScratchpadEntry> family(String runId) {
        return entries.findFamily(rootOf(runId));
    }

    /**
     * Copies a family member's {@code scratch.<runId>.<name>} to {@code shared.<as>}.
     *
     * @param as the shared name; null for the entry's own name
     * @return the shared key written
     * @throws ScratchpadException when the caller is not the family's root, or the key is not a scratch key of the
     *                             family
     */
    @Transactional
    public String promote(String runId, String key, @io.micronaut.core.annotation.Nullable String as) {
        Run run = runs.find(runId).orElseThrow();
        if (run.isSubRun()) {
            throw new ScratchpadException("only the boss run that delegated (" + rootOf(runId) + ") promotes "
                    + "findings to " + SHARED + "*; write yours with scratchpad_write and say so in your answer");
        }
        if (!key.startsWith(SCRATCH)) {
            throw new ScratchpadException("promote takes a full scratch key, e.g. " + SCRATCH + "<runId>.findings");
        }
        ScratchpadEntry entry = read(runId, key);
        String name = as == null || as.isBlank() ? key.substring(key.indexOf('.', SCRATCH.length()) + 1) : as;
        checkName(name);
        String shared = SHARED + name;
        put(entry.rootRunId(), shared, entry.entryValue(), runId);
        audit.record(runId, "scratchpad.promoted", null, null, key + " → " + shared + " = " + entry.entryValue(),
                Map.of("from", key, "key", shared, "value", entry.entryValue(), "writtenBy", entry.writtenBy()));
        return shared;
    }

    private void put(String root, String key, String value, String writer) {
        if (entries.replace(root, key, value, writer, clock.instant()) == 0) {
            entries.save(new ScratchpadEntry(UUID.randomUUID(), root, key, value, writer, clock.instant()));
        }
    }

    private String keys(String root) {
        List<String> keys = entries.findFamily(root).stream().map(ScratchpadEntry::entryKey).toList();
        return keys.isEmpty() ? "none yet" : String.join(", ", keys);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ScratchpadException("'" + name + "' is not a valid name: use 1-100 letters, digits, _ - .");
        }
    }

    /** @return the root run of the run's family (the run itself when it has no parent) */
    private String rootOf(String runId) {
        List<Run> lineage = lookups.lineage(runId);
        return lineage.isEmpty() ? runId : lineage.get(lineage.size() - 1).id();
    }
}
