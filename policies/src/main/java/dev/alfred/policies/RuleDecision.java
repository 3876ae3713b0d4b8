package dev.alfred.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code decision} a rule writes: {@code allow}, {@code require_approval} or {@code deny}. */
public enum RuleDecision {
    ALLOW, REQUIRE_APPROVAL, DENY;

    /** @return the YAML name */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for any other name
     */
    @JsonCreator
    public static RuleDecision fromWireName(String name) {
        for (RuleDecision decision : values()) {
            if (decision.wireName().equalsIgnoreCase(name)) {
                return decision;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + name + "': expected allow, require_approval or deny");
    }
}
