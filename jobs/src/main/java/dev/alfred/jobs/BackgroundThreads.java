package dev.alfred.jobs;

/**
 * Threads for work that nobody is waiting on at the moment it runs (a run's steps, the outbox, the work done after a
 * Slack request's ack), at {@link Thread#MIN_PRIORITY}, so that the threads acknowledging Slack requests (at
 * {@link Thread#NORM_PRIORITY}) get the CPU first when both want it (issue 22: at 20 connections on 2 cores, the runs
 * each ack starts compete with the next acks).
 *
 * <p>HotSpot on Linux ignores Java thread priorities unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1};
 * then a thread's priority becomes its nice value ({@code setpriority(2)} on the thread), {@link Thread#MIN_PRIORITY}
 * as {@code -XX:JavaPriority1_To_OSPriority} says (the block at the end of {@code bot/src/main/jvm/alfred.jvmoptions}
 * sets both). Without the flags these priorities change nothing. A process that is not root may raise a thread's nice
 * value but never lower it, and a new thread starts with its creator's Java priority and nice value: so a thread
 * created by a background thread stays background whatever priority it asks for. The process heartbeat (which tells
 * other processes this one is alive, every second) is created at start-up and keeps nice 0; the lease heartbeat of
 * the runs being advanced is created by the first run's thread and so runs at background priority, which cannot delay
 * its renewals (every 20 s of a 60 s lease) by anything near the lease. {@code ThreadPrioritiesIT} reads the nice
 * values of a real process.
 */
public final class BackgroundThreads {
    /** The Java priority of background threads. */
    public static final int PRIORITY = Thread.MIN_PRIORITY;

    private BackgroundThreads() {
    }

    /** @return a new daemon thread named {@code name} running {@code work} at {@link #PRIORITY}, not started */
    public static Thread newThread(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.setPriority(PRIORITY);
        return thread;
    }

    /** Lowers the calling thread to {@link #PRIORITY}, for a pool thread that only does background work. */
    public static void lowerCurrent() {
        Thread current = Thread.currentThread();
        if (current.getPriority() != PRIORITY) {
            current.setPriority(PRIORITY);
        }
    }
}
