/**
 * The append-only audit log: who asked for what, what the model did, which policy rule decided each tool call,
 * who approved, and what was executed.
 */
package dev.alfred.agents.audit;
