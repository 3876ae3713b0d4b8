package dev.alfred.agents.run;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** Keys of inbound deliveries already applied. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeliveryRepository extends CrudRepository<Delivery, String> {

    /**
     * Records a delivery key once. Safe under concurrency: of two inserts of the same key, exactly one returns 1.
     *
     * @return 1 if the key is new, 0 if it was recorded before
     */
    @Query("INSERT INTO deliveries (delivery_key, received_at) VALUES (:deliveryKey, :now) ON CONFLICT DO NOTHING")
    int recordOnce(String deliveryKey, Instant now);

    /**
     * Records a delivery key once, with the run it starts (whose row the caller inserts next, in the same
     * transaction). Safe under concurrency as {@link #recordOnce}.
     *
     * @return 1 if the key is new, 0 if it was recorded before
     */
    @Query("INSERT INTO deliveries (delivery_key, received_at, run_id) VALUES (:deliveryKey, :now, :runId) "
            + "ON CONFLICT DO NOTHING")
    int recordOnceForRun(String deliveryKey, String runId, Instant now);

    /** @return the run a delivery started, if it started one */
    @Query("SELECT run_id FROM deliveries WHERE delivery_key = :deliveryKey AND run_id IS NOT NULL")
    java.util.Optional<String> findRunId(String deliveryKey);
}
