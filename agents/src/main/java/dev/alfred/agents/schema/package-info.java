/**
 * The database schema Alfred's tables live in: the Flyway migrations shipped in {@code db/migration}
 * ({@link dev.alfred.agents.schema.ShippedMigrations}) and the one place they are applied at start-up
 * ({@link dev.alfred.agents.schema.SchemaMigrator}), skipped when the database is already current; and which database
 * a data source reaches, or a failure came from ({@link dev.alfred.agents.schema.Databases}).
 */
package dev.alfred.agents.schema;
