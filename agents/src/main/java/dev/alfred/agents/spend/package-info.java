/**
 * Spend metering and caps: each model turn's cost from a per-model price table, and the caps per run, per agent per
 * day and per requester per day that park a run {@code BLOCKED} until a person extends its budget or stops it. The
 * day caps read the day counters ({@link dev.alfred.agents.run.SpendDays}) that each turn's commit adds to.
 */
package dev.alfred.agents.spend;
