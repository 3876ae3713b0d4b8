package dev.alfred.agents.run;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal moves between {@link RunStatus}es (DESIGN.md section 3). {@link RunStore} refuses any other move: a
 * status is only ever changed by compare-and-set from the status its writer expects, along this table.
 *
 * <ul>
 *   <li>{@code QUEUED → RUNNING}: a worker took the run.</li>
 *   <li>{@code RUNNING → WAITING_FOR_REPLY | WAITING_FOR_APPROVAL | WAITING_FOR_SUBRUN | PAUSED | BLOCKED}: it
 *       parked.</li>
 *   <li>a parked status {@code → QUEUED}: an event unparked it; {@code → RUNNING}: the worker that parked it saw the
 *       event land meanwhile and goes on.</li>
 *   <li>any status but an end {@code → SUCCEEDED | FAILED | CANCELLED}; an end is final.</li>
 * </ul>
 */
public final class RunTransitions {
    private static final Set<RunStatus> PARKED = EnumSet.of(RunStatus.WAITING_FOR_REPLY,
            RunStatus.WAITING_FOR_APPROVAL, RunStatus.WAITING_FOR_SUBRUN, RunStatus.PAUSED, RunStatus.BLOCKED);
    private static final Set<RunStatus> ENDS = EnumSet.of(RunStatus.SUCCEEDED, RunStatus.FAILED,
            RunStatus.CANCELLED);
    private static final Map<RunStatus, Set<RunStatus>> MOVES = new EnumMap<>(RunStatus.class);

    static {
        MOVES.put(RunStatus.QUEUED, union(EnumSet.of(RunStatus.RUNNING), ENDS));
        MOVES.put(RunStatus.RUNNING, union(PARKED, ENDS));
        for (RunStatus parked : PARKED) {
            MOVES.put(parked, union(EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING), ENDS));
        }
        for (RunStatus end : ENDS) {
            MOVES.put(end, EnumSet.noneOf(RunStatus.class));
        }
    }

    private RunTransitions() {
    }

    /** @return whether a run may move from {@code from} to {@code to} */
    public static boolean isLegal(RunStatus from, RunStatus to) {
        return MOVES.get(from).contains(to);
    }

    /** @return the statuses a run in {@code from} may move to */
    public static Set<RunStatus> from(RunStatus from) {
        return EnumSet.copyOf(union(MOVES.get(from), EnumSet.noneOf(RunStatus.class)));
    }

    /**
     * @throws IllegalStateException when the move is not in the table: a programming error, never a race (a race
     *                               is a compare-and-set that finds another status)
     */
    public static void check(RunStatus from, RunStatus to) {
        if (!isLegal(from, to)) {
            throw new IllegalStateException("a run may not move from " + from + " to " + to);
        }
    }

    private static Set<RunStatus> union(Set<RunStatus> a, Set<RunStatus> b) {
        Set<RunStatus> all = EnumSet.noneOf(RunStatus.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
