package dev.alfred.agents.schedule;

import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code schedule add <cron> [zone] [@agent] <task>} asks for, split into its parts. Splitting only: cron-utils
 * checks the cron text ({@link CronSchedule}), the agent catalog the agent.
 *
 * <p>The cron text is one word when it starts with {@code @} (a nickname), else the first five words. The next word
 * is a zone when it is an IANA zone name with a {@code /}, or {@code UTC}/{@code GMT} (any case); a capitalised
 * {@code Area/Place} word that is no zone is refused as an unknown zone rather than taken as the task. Then
 * {@code @agent} if present, and the rest is the task.
 *
 * @param cron  the cron text
 * @param zone  the zone's canonical IANA name ({@link Zones#DEFAULT} when none was given)
 * @param agent the agent's codename, lower case, or null for the boss
 * @param task  the task text
 */
public record ScheduleSpec(String cron, String zone, @Nullable String agent, String task) {
    /** Words of a five-field cron expression. */
    static final int CRON_FIELDS = 5;
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern LOOKS_LIKE_ZONE = Pattern.compile("[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+");

    /**
     * @param text what follows {@code schedule add}
     * @return the parts
     * @throws InvalidScheduleException when the text is too short to hold a cron expression and a task, names a zone
     *                                  that does not exist, or has no task
     */
    public static ScheduleSpec parse(String text) {
        java.util.List<java.util.regex.MatchResult> found = WORD.matcher(text).results().toList();
        String[] words = found.stream().map(java.util.regex.MatchResult::group).toArray(String[]::new);
        int cronWords = words.length > 0 && words[0].startsWith("@") ? 1 : CRON_FIELDS;
        if (words.length < cronWords) {
            throw new InvalidScheduleException("A schedule needs a cron expression: " + CronSchedule.SHAPE + ".");
        }
        String cron = String.join(" ", Arrays.copyOfRange(words, 0, cronWords));
        int at = cronWords;
        String zone = Zones.DEFAULT;
        if (at < words.length && isZone(words[at])) {
            zone = Zones.find(words[at]).orElseThrow();
            at++;
        } else if (at < words.length && LOOKS_LIKE_ZONE.matcher(words[at]).matches()) {
            Zones.of(words[at]);
        }
        String agent = null;
        if (at < words.length && words[at].startsWith("@") && words[at].length() > 1) {
            agent = words[at].substring(1).toLowerCase(Locale.ROOT);
            at++;
        }
        String task = at < words.length ? text.substring(found.get(at).start()).strip() : "";
        if (task.isEmpty()) {
            throw new InvalidScheduleException("A schedule needs a task after its cron expression, e.g. "
                    + "`/alfred schedule add 0 9 * * 1-5 Europe/Paris summarise yesterday's incidents`.");
        }
        return new ScheduleSpec(cron, zone, agent, task);
    }

    private static boolean isZone(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return (word.contains("/") || lower.equals("utc") || lower.equals("gmt")) && Zones.find(word).isPresent();
    }
}
