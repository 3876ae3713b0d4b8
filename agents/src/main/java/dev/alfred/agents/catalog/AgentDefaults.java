package dev.alfred.agents.catalog;

/** Names the fleet relies on whatever the agent definition files say. */
public final class AgentDefaults {
    /** Codename of the boss agent that takes tasks naming no agent; one definition file must use it. */
    public static final String BOSS = "alfred";

    private AgentDefaults() {
    }
}
