package dev.alfred.agents.catalog;

/** Names the fleet relies on whatever the agent definition files say. */
public final class AgentDefaults {
    /** Codename of the boss agent that takes tasks naming no agent; one definition file must use it. */
    public static final String BOSS = "alfred";
    /**
     * Codenames starting with this are reviewers: {@code /alfred review} has each of them review the pull request in a
     * sub-run of its own (the shipped ones focus on correctness, security and tests; add a file to add a focus).
     */
    public static final String REVIEWER_PREFIX = "reviewer-";

    private AgentDefaults() {
    }
}
