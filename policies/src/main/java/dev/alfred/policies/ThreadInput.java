package dev.alfred.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who may steer a run from its thread (DESIGN.md section 4, "Trust boundary"); policy YAML
 * {@code defaults: {thread-input: requester | channel}}.
 */
public enum ThreadInput {
    /**
     * The default: only the requester's replies answer the run's {@code ask_human} question and reach the model as
     * the requester's words; anyone else's reply reaches the model labelled with its author as untrusted context,
     * never as an answer or an instruction.
     */
    REQUESTER,
    /** Anyone in the channel may answer the run's questions and steer it, as the requester may. */
    CHANNEL;

    /** @return the YAML name: {@code requester} or {@code channel} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param wireName {@code requester} or {@code channel}, case-insensitive
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static ThreadInput fromWireName(String wireName) {
        for (ThreadInput value : values()) {
            if (value.wireName().equalsIgnoreCase(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown thread-input '" + wireName + "': expected requester or channel");
    }
}
