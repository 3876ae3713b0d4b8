/**
 * Alfred's policy model: risk tiers, the request a policy judges, and the decision it returns.
 *
 * <p>This package is pure: no I/O and no clock. Evaluation is a function of a {@link dev.alfred.policies.ToolCallRequest},
 * the policy and an {@link java.time.Instant} passed in by the caller.
 */
package dev.alfred.policies;
