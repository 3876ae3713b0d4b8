/** The {@code alfred audit} command line: a run's audit trail read straight from the database. */
package dev.alfred.bot.audit;
