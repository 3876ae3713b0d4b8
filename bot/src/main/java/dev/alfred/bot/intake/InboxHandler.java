package dev.alfred.bot.intake;

/**
 * Does the work of one kind of {@link SlackInbox} entry after its request was acknowledged. Must be idempotent: an
 * entry whose process died mid-way is processed again by the sweep ({@link SlackInboxWorker}).
 */
public interface InboxHandler {

    /** @return the {@link SlackInbox.Entry#kind()} this handler processes */
    String kind();

    /**
     * Processes the entry. A failure that the database caused (a {@link java.sql.SQLException} among its causes)
     * leaves the entry to be tried again; any other failure is logged and the entry counts as processed, since a
     * retry would fail the same way.
     *
     * @throws Exception whatever the work throws
     */
    void process(SlackInbox.Entry entry) throws Exception;
}
