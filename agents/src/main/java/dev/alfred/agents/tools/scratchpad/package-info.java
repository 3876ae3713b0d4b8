/**
 * The scratchpad tools: {@code scratchpad_write}, {@code scratchpad_read}, {@code scratchpad_promote}.
 */
package dev.alfred.agents.tools.scratchpad;
