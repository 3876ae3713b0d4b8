package dev.alfred.bot.slack.command;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull request as {@code /alfred review} names it: {@code owner/repo#n}, or its URL
 * {@code https://<host>/owner/repo/pull/n[/files…]}, bare or as Slack sends a link ({@code <url>} or
 * {@code <url|label>}). Owner and repository follow GitHub's naming rules ({@code GitHubTool.REPO_PATTERN}).
 *
 * @param repo   {@code owner/name}
 * @param number the pull request's number
 */
public record PullRequestRef(String repo, int number) {
    private static final String REPO = "([A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?/)[A-Za-z0-9._-]{1,100})";
    private static final Pattern SHORT = Pattern.compile(REPO + "#(\\d{1,9})");
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.-]+(?::\\d+)?/" + REPO
            + "/pull/(\\d{1,9})(?:[/?#].*)?");

    /** @return the pull request {@code text} names, or empty when it names none */
    public static Optional<PullRequestRef> parse(String text) {
        String plain = text == null ? "" : text.strip();
        if (plain.startsWith("<") && plain.endsWith(">")) {
            plain = plain.substring(1, plain.length() - 1).split("\\|", 2)[0];
        }
        for (Pattern pattern : new Pattern[] {SHORT, URL}) {
            Matcher matcher = pattern.matcher(plain);
            if (matcher.matches() && Integer.parseInt(matcher.group(2)) > 0) {
                return Optional.of(new PullRequestRef(matcher.group(1), Integer.parseInt(matcher.group(2))));
            }
        }
        return Optional.empty();
    }

    /** @return {@code owner/name#n} */
    @Override
    public String toString() {
        return repo + "#" + number;
    }
}
