package dev.alfred.policies;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the Slack ids a policy names, so a typo (or a display name where an id belongs) stops start-up instead of
 * silently matching nobody. Formats per Slack's "Object IDs" conventions: users {@code U…}/{@code W…}, user groups
 * {@code S…}, channels {@code C…}/{@code G…}, upper-case letters and digits.
 */
final class SlackIds {
    private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]+");
    private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]+");
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]+");

    private SlackIds() {
    }

    static void users(List<String> ids) {
        check(ids, USER, "user id", "U012AB3CD");
    }

    static void groups(List<String> ids) {
        check(ids, GROUP, "user group id", "S0614TZR7");
    }

    static void channels(List<String> ids) {
        check(ids, CHANNEL, "channel id", "C012AB3CD");
    }

    private static void check(List<String> ids, Pattern format, String what, String example) {
        for (String id : ids) {
            if (id == null || !format.matcher(id).matches()) {
                throw new IllegalArgumentException("'" + id + "' is not a Slack " + what + " (like " + example + ")");
            }
        }
    }
}
