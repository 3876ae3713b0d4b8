package dev.alfred.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much harm a tool call can do, as declared by the tool. The wire names ({@code read}, {@code write},
 * {@code destructive}) are part of Alfred's external contract (DESIGN.md section 4).
 */
public enum RiskTier {
    /** Observes the world and changes nothing (for example {@code http_get}). */
    READ,
    /** Changes something that can be changed back (for example {@code slack_post_message}). */
    WRITE,
    /** Changes something that cannot simply be changed back (deletes, merges, deploys). */
    DESTRUCTIVE;

    /** @return the contract name: {@code read}, {@code write} or {@code destructive} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a contract name.
     *
     * @param wireName {@code read}, {@code write} or {@code destructive}, case-insensitive
     * @return the tier
     * @throws IllegalArgumentException when the name is none of those
     */
    @JsonCreator
    public static RiskTier fromWireName(String wireName) {
        for (RiskTier tier : values()) {
            if (tier.wireName().equalsIgnoreCase(wireName)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown risk tier '" + wireName + "': expected read, write or destructive");
    }
}
