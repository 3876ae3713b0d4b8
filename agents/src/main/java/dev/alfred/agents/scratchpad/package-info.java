/**
 * The scratchpad a family of runs shares: each run writes notes under its own namespace
 * ({@code scratch.<runId>.*}), and the boss promotes a sub-run's checked finding to {@code shared.*}. Stored in the
 * database; every write and promotion is in the audit log.
 */
package dev.alfred.agents.scratchpad;
