package dev.alfred.agents.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GITHUB_TOKEN reaches git only through the credential helper scoped to the GitHub host: asked by real git
 * ({@code git credential fill}) it answers for that host over https and for nothing else; it is never on a command
 * line and never in the environment of a command that stays local.
 */
class GitCredentialsTest {
    private static final String TOKEN = "ghp_credential_test_0123456789";

    @TempDir
    Path home;

    @Test
    void theHelperGivesTheTokenToTheGitHubHostOnly() throws Exception {
        Git git = new Git(home, Duration.ofSeconds(30), "Alfred", "alfred@localhost", TOKEN, "github.com");

        assertThat(fill(git, "protocol=https\nhost=github.com\npath=acme/widgets.git\n"))
                .contains("username=x-access-token", "password=" + TOKEN);
        assertThat(fill(git, "protocol=https\nhost=github.com.evil.io\n")).doesNotContain(TOKEN);
        assertThat(fill(git, "protocol=http\nhost=github.com\n")).doesNotContain(TOKEN);
        assertThat(fill(git, "protocol=https\nhost=gitlab.com\n")).doesNotContain(TOKEN);
    }

    @Test
    void theTokenIsNeverOnACommandLineNorGivenToLocalCommands() {
        Git git = new Git(home, Duration.ofSeconds(30), "Alfred", "alfred@localhost", TOKEN, "github.com");

        assertThat(String.join(" ", git.argv(home, null, true, List.of("push", "origin")))).doesNotContain(TOKEN)
                .contains("credential.helper=", "credential.https://github.com.helper=");
        assertThat(git.environment(true)).containsEntry("ALFRED_GIT_TOKEN", TOKEN);
        assertThat(git.environment(false)).doesNotContainValue(TOKEN);
        assertThat(String.join(" ", git.argv(home, null, false, List.of("add")))).doesNotContain("github.com.helper");
        assertThat(git.redact("fatal: could not read from https://x:" + TOKEN + "@github.com"))
                .doesNotContain(TOKEN).contains("[redacted]");
        Git noGitHub = new Git(home, Duration.ofSeconds(30), "Alfred", "alfred@localhost", null, null);
        assertThat(noGitHub.environment(true)).doesNotContainKey("ALFRED_GIT_TOKEN");
    }

    /** @return what {@code git credential fill} prints for {@code request}, with Alfred's git options */
    private static String fill(Git git, String request) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(git.argv(null, null, true, List.of("credential", "fill")));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(git.environment(true));
        Process process = builder.start();
        process.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
