package dev.alfred.agents.tools;

import dev.alfred.policies.PolicyDecision;

/** What dispatching one tool call came to. */
public sealed interface Dispatch permits Dispatch.Done, Dispatch.NeedsApproval {

    /** The call ran, or was refused; {@code result} goes back to the model. */
    record Done(ToolResult result) implements Dispatch {
    }

    /**
     * Policy requires a person's approval before the call may run.
     *
     * @param arguments the validated arguments as compact JSON
     * @param decision  the decision that required approval: rule, approvers, window
     * @param preview   what the call would do, from {@link Tool#preview}, or null
     */
    record NeedsApproval(Tool tool, String arguments, PolicyDecision.RequireApproval decision,
            @io.micronaut.core.annotation.Nullable String preview) implements Dispatch {
    }
}
