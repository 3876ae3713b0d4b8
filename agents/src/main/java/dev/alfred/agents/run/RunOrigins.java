package dev.alfred.agents.run;

/**
 * The origins a run records ({@link Run#origin()}, DESIGN.md section 3): how the request that started it reached
 * Alfred. Chat origins are constants here; a schedule's and a webhook's carry their id ({@code schedule:<id>},
 * {@code webhook:<trigger>}). A sub-run keeps its root's origin, since it reports in the same thread.
 */
public final class RunOrigins {
    /** {@code /alfred task}: Alfred opened a thread for the run with a root message. */
    public static final String SLASH_COMMAND = "slash_command";
    /** A mention of Alfred in a channel: the run works in the mention's own thread. */
    public static final String MENTION = "mention";
    /** A direct message to Alfred: the run works in a thread under that message. */
    public static final String DIRECT_MESSAGE = "direct_message";
    /** A message in a thread of Alfred's AI-assistant container, in the direct message with Alfred. */
    public static final String ASSISTANT_THREAD = "assistant_thread";

    private RunOrigins() {
    }

    /** @return whether runs of this origin work in a direct message with the requester (a DM or an assistant thread) */
    public static boolean isDirect(String origin) {
        return DIRECT_MESSAGE.equals(origin) || ASSISTANT_THREAD.equals(origin);
    }
}
