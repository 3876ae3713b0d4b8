package dev.alfred.agents.schema;

/**
 * What Alfred ships in {@code agents/src/main/resources/db/migration}: Flyway versioned migrations
 * {@code V1__*.sql} to {@code V}{@value #NEWEST}{@code __*.sql}, numbered without gaps, and nothing else (no
 * repeatable {@code R__} scripts, no Java migrations).
 *
 * <p>The newest version is a constant rather than something found at start: finding it means listing the classpath
 * directory, which inside the fat jar is the scan of its ~28,000 entries (and the ~330 Flyway classes) that
 * {@link SchemaMigrator} exists to avoid; a generated index file would need a build step and a resource read at
 * start for the same one number. {@code ShippedMigrationsTest} lists the directory in the build and fails when a
 * migration is added, removed or misnamed without this constant following, so it cannot silently fall behind.
 */
public final class ShippedMigrations {
    /** The highest version in {@code db/migration}, checked by {@code ShippedMigrationsTest}. */
    public static final int NEWEST = 14;

    /** Where the migrations are on the classpath, in Flyway's location syntax (Flyway's default location). */
    public static final String LOCATION = "classpath:db/migration";

    /** Flyway's schema history table (Flyway's default name), which records every migration applied. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private ShippedMigrations() {
    }
}
