/** {@code GET /health}: whether the database and the background job server are up. */
package dev.alfred.bot.health;
