/** Fleet control: pausing and resuming the whole fleet or one agent, held in the database for every replica. */
package dev.alfred.agents.fleet;
