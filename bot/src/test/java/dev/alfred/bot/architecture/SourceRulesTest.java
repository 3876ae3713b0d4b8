package dev.alfred.bot.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules on the main sources that the compiled classes cannot show: file length (STYLE.md: classes stay small), and
 * Slack syntax kept in {@code bot} (DESIGN.md section 2: mentions, channel links, user-group mentions and emoji short
 * codes are rendered only there).
 */
class SourceRulesTest {
    /** Most files stay well under 150 lines; none passes this. */
    static final int MAX_LINES = 300;
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** A string literal, with escapes. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    /** Slack mrkdwn that names a person, channel or group, or an emoji short code such as {@code :stop_sign:}. */
    private static final Pattern SLACK_SYNTAX = Pattern.compile("<[@#]|<!(?!--)|(^|[\\s\"]):[a-z0-9_+-]+:($|[\\s\"])");

    @Test
    void mainSourceFilesStayUnderThreeHundredLines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : mainSources("policies", "agents", "jobs", "bot")) {
            long lines = Files.lines(file).count();
            if (lines > MAX_LINES) {
                tooLong.add(ROOT.relativize(file) + " (" + lines + " lines)");
            }
        }
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void noSlackSyntaxInStringLiteralsOutsideBot() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : mainSources("policies", "agents")) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                    continue;
                }
                Matcher literal = LITERAL.matcher(line);
                while (literal.find()) {
                    if (SLACK_SYNTAX.matcher(literal.group()).find()) {
                        found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + literal.group());
                    }
                }
            }
        }
        assertThat(found).as("Slack syntax in string literals of policies/ and agents/").isEmpty();
    }

    private static List<Path> mainSources(String... modules) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : modules) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> walk = Files.walk(main)) {
                walk.filter(path -> path.toString().endsWith(".java")).forEach(files::add);
            }
        }
        return files;
    }
}
