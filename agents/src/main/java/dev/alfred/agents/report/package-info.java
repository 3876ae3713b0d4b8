/**
 * What a run reports while it works, as facts for the application to render (in Alfred, Slack threads).
 * No Slack syntax lives here.
 */
package dev.alfred.agents.report;
