package dev.alfred.agents.schedule;

/**
 * A schedule that cannot be stored: bad cron text, an unknown time zone or agent, no task. The message names what is
 * wrong in a sentence for the person who typed it (plain text with {@code `code`} spans, no chat mentions).
 */
public class InvalidScheduleException extends IllegalArgumentException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
