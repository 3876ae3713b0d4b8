package dev.alfred.agents.trigger;

import io.micronaut.core.annotation.Nullable;

/**
 * A loaded trigger: its definition with the secret read and the templates compiled.
 *
 * @param name      the file's name without {@code .yml}: the path {@code /hooks/<name>}
 * @param secret    the HMAC secret, read from {@code secret_env} at start-up
 * @param agent     the agent's codename ({@code alfred} when the file names none)
 * @param dedupeKey the compiled {@code dedupe_key}, or null for the body's hash
 */
public record Trigger(String name, String secret, String agent, String channel, String requester,
        TriggerTemplate task, @Nullable TriggerTemplate dedupeKey) {

    /** @return the secret's presence only, never its value */
    @Override
    public String toString() {
        return "Trigger[" + name + " → " + agent + " in " + channel + " for " + requester + "]";
    }
}
