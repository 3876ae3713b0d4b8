package dev.alfred.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an approval request lives and when its approvers are reminded. YAML:
 * {@code approval: {ttl: 30m, remind-at: 0.5}}; durations are {@code <n>s|m|h|d} or ISO-8601 ({@code PT30M}).
 *
 * @param ttl      time from staging to expiry; {@code null} leaves it to the application default
 *                 ({@code alfred.approvals.ttl})
 * @param remindAt fraction of the TTL, strictly between 0 and 1, after which a reminder mentioning the approvers is
 *                 posted in the thread; {@code null} for no reminder
 */
public record ApprovalWindow(Duration ttl, Double remindAt) {
    /** Neither set: application defaults, no reminder. */
    public static final ApprovalWindow UNSET = new ApprovalWindow((Duration) null, null);
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    public ApprovalWindow {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (remindAt != null && !(remindAt > 0 && remindAt < 1)) {
            throw new IllegalArgumentException("remind-at is a fraction of the ttl, strictly between 0 and 1, got "
                    + remindAt);
        }
    }

    @JsonCreator
    static ApprovalWindow fromYaml(@JsonProperty("ttl") String ttl, @JsonProperty("remind-at") Double remindAt) {
        return new ApprovalWindow(ttl == null ? null : parseDuration(ttl), remindAt);
    }

    /** @return this window with unset parts taken from {@code fallback} */
    public ApprovalWindow orElse(ApprovalWindow fallback) {
        return new ApprovalWindow(ttl != null ? ttl : fallback.ttl, remindAt != null ? remindAt : fallback.remindAt);
    }

    /**
     * Parses {@code 90s}, {@code 30m}, {@code 4h}, {@code 2d} or an ISO-8601 duration such as {@code PT30M}.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static Duration parseDuration(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 90s, 30m, 4h, 2d or PT30M");
        }
    }
}
