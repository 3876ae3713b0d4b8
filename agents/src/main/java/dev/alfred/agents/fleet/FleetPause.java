package dev.alfred.agents.fleet;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A pause in force: the whole fleet ({@code scope = "fleet"}) or one agent ({@code scope = "agent:<codename>"}).
 *
 * @param pausedBy the Slack user who paused
 */
@MappedEntity("fleet_pauses")
public record FleetPause(@Id String scope, String pausedBy, Instant pausedAt) {

    /** @return {@code the fleet} or {@code agent <codename>}, for messages */
    public String describe() {
        return scope.equals(Fleet.FLEET) ? "the fleet" : "agent `" + scope.substring(Fleet.AGENT_PREFIX.length())
                + "`";
    }
}
