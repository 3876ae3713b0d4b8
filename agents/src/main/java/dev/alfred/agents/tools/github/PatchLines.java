package dev.alfred.agents.tools.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers a unified diff's lines as the new file numbers them, so a reviewer (a model) can name the line an inline
 * comment belongs to without counting: an added or unchanged line gets its line in the new file, a removed line
 * none. Pure.
 *
 * <p>Shape, for the hunk {@code @@ -10,2 +10,3 @@}:
 * <pre>
 * &#64;&#64; -10,2 +10,3 &#64;&#64;
 *    10|  unchanged
 *    11| +added
 *      | -removed
 *    12|  unchanged
 * </pre>
 * A review comment on {@code line} N (side {@code RIGHT}) must be on a numbered line of the file's hunks (GitHub's
 * rule for review comments: <a href="https://docs.github.com/en/rest/pulls/comments">pull request review
 * comments</a>).
 */
public final class PatchLines {
    /** The new-file start of a hunk header, {@code @@ -a,b +c,d @@}. */
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");

    private PatchLines() {
    }

    /** @return {@code patch} (one file's hunks, as GitHub's {@code patch} field holds them) numbered as above */
    public static String number(String patch) {
        StringBuilder numbered = new StringBuilder();
        int line = 0;
        for (String text : patch.split("\n", -1)) {
            Matcher hunk = HUNK.matcher(text);
            if (hunk.matches()) {
                line = Integer.parseInt(hunk.group(1));
                numbered.append(text);
            } else if (text.startsWith("-")) {
                numbered.append("     | ").append(text);
            } else if (text.startsWith("+") || text.startsWith(" ")) {
                numbered.append(String.format("%5d| ", line++)).append(text);
            } else {
                numbered.append(text);
            }
            numbered.append('\n');
        }
        return numbered.toString().stripTrailing() + "\n";
    }
}
