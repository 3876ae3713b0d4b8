/**
 * Staged actions: tool calls that wait for a person's decision, and the compare-and-set transitions that make each
 * one execute at most once. Also the run inputs (thread replies) and the append-only audit events of decisions.
 */
package dev.alfred.agents.approvals;
