/**
 * JobRunr wiring and Alfred's jobs. Jobs carry ids only; their handlers are ordinary beans, activated from the
 * Micronaut context. The background job server runs in-process on the application's own {@code DataSource}.
 */
package dev.alfred.jobs;
