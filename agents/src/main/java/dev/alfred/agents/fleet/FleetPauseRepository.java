package dev.alfred.agents.fleet;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** Pauses in force. Pausing twice keeps the first pause; resuming deletes it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FleetPauseRepository extends CrudRepository<FleetPause, String> {

    /** @return 1 when the pause is new, 0 when that scope was paused already */
    @Query("INSERT INTO fleet_pauses (scope, paused_by, paused_at) VALUES (:scope, :pausedBy, :now) "
            + "ON CONFLICT DO NOTHING")
    int pause(String scope, String pausedBy, Instant now);

    /**
     * @return the pauses in force of these two scopes (the fleet's and an agent's), in no particular order; two
     *     parameters rather than a collection, so the SQL is fixed at compile time instead of expanded at each call
     */
    @Query("SELECT * FROM fleet_pauses WHERE scope IN (:first, :second)")
    java.util.List<FleetPause> findEither(String first, String second);

    /** @return 1 when a pause was lifted, 0 when there was none */
    @Query("DELETE FROM fleet_pauses WHERE scope = :scope")
    int lift(String scope);
}
