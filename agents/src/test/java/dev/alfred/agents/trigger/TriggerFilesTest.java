package dev.alfred.agents.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trigger files: a good one loads; each kind of bad one stops start-up naming the file, the line and the reason. */
class TriggerFilesTest {
    private static final String GOOD = """
            secret_env: ALERTS_SECRET
            channel: C0ALERTS
            requester: U0ONCALL
            agent: oracle
            task: |
              Triage {{ alert.name }}.
            dedupe_key: "{{ alert.id }}"
            """;

    @TempDir
    Path folder;

    @Test
    void loadsEveryYamlFileWithItsSecretAndTemplates() throws Exception {
        Files.writeString(folder.resolve("alerts.yml"), GOOD);
        Files.writeString(folder.resolve("notes.txt"), "not a trigger");

        Map<String, Trigger> triggers = TriggerFiles.load(folder.toString(), Map.of("ALERTS_SECRET", "s")::get);

        assertThat(triggers).containsOnlyKeys("alerts");
        Trigger alerts = triggers.get("alerts");
        assertThat(alerts).extracting(Trigger::secret, Trigger::agent, Trigger::channel, Trigger::requester)
                .containsExactly("s", "oracle", "C0ALERTS", "U0ONCALL");
        assertThat(alerts.toString()).doesNotContain("secret=").doesNotContain("\"s\"");
        assertThat(TriggerFiles.load(null, name -> null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key      | secret_env: S~channel: C0A~requester: U0B~tsak: x~task: y        | line 4: unknown key 'tsak'
            missing channel  | secret_env: S~requester: U0B~task: y                          | 'channel' is required
            bad requester    | secret_env: S~channel: C0A~requester: ada~task: y              | line 3: 'requester' is required
            bad YAML         | secret_env: S~channel: [C0A~task: y                            | not valid YAML
            unset secret     | secret_env: NOT_SET~channel: C0A~requester: U0B~task: y         | line 1: secret_env names NOT_SET, which is not set
            bad template     | secret_env: S~channel: C0A~requester: U0B~task: Triage {{ x     | line 4: task: the template does not compile
            bad dedupe key   | secret_env: S~channel: C0A~requester: U0B~task: t~dedupe_key: "{{#x}} open" | line 5: dedupe_key: the template does not compile
            """)
    void refusesABadFileWithItsNameAndLine(String what, String yaml, String message) throws Exception {
        Files.writeString(folder.resolve("alerts.yml"), yaml.replace("~", "\n"));

        assertThatThrownBy(() -> TriggerFiles.load(folder.toString(), Map.of("S", "secret")::get))
                .isInstanceOf(TriggerFileException.class).hasMessageStartingWith(folder.resolve("alerts.yml")
                        .toString()).hasMessageContaining(message);
    }

    @Test
    void namesTheLineInsideAMultiLineTemplate() throws Exception {
        Files.writeString(folder.resolve("alerts.yml"), "secret_env: S\nchannel: C0A\nrequester: U0B\ntask: |\n"
                + "  Triage this.\n  Then {{ unclosed\n");

        assertThatThrownBy(() -> TriggerFiles.load(folder.toString(), Map.of("S", "secret")::get))
                .hasMessageContaining("alerts.yml line 6: task: the template does not compile");
    }

    @Test
    void refusesNamesThatCannotBePathsAndTheReservedGithub() throws Exception {
        Files.writeString(folder.resolve("github.yml"), GOOD);

        assertThatThrownBy(() -> TriggerFiles.load(folder.toString(), name -> "s"))
                .isInstanceOf(TriggerFileException.class).hasMessageContaining("not 'github'");
        assertThatThrownBy(() -> TriggerFiles.parse("Bad Name.yml", "Bad Name", GOOD, name -> "s"))
                .hasMessageContaining("must be lower-case letters");
    }
}
