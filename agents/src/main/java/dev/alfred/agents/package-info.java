/**
 * Alfred's agents: runs, steps and transcript ({@code runs}), tools ({@code tools}), model adapters
 * ({@code model}) and the run loop ({@code runtime}). Knows nothing of Slack or JobRunr.
 */
package dev.alfred.agents;
