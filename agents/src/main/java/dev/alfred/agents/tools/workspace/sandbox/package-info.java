/**
 * The sandbox {@code workspace_exec} runs commands in, after openai/codex's {@code linux-sandbox}: the policy is data
 * ({@link dev.alfred.agents.tools.workspace.sandbox.SandboxPolicy}: the one writable root, the host paths mounted
 * read-only, network off, the environment, the limits), {@link dev.alfred.agents.tools.workspace.sandbox.BubblewrapCommand}
 * turns it into a {@code bwrap} command line, {@link dev.alfred.agents.tools.workspace.sandbox.SandboxProbe} tries
 * it once at start, and {@link dev.alfred.agents.tools.workspace.sandbox.Sandbox} runs commands under it (or refuses,
 * saying why and how to fix it). The tests try the escapes from inside.
 */
package dev.alfred.agents.tools.workspace.sandbox;
