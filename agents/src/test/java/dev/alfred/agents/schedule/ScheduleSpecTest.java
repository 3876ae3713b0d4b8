package dev.alfred.agents.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How {@code schedule add} text splits into cron text, zone, agent and task. */
class ScheduleSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            @daily summarise the incidents                   | @daily       | UTC              | -      | summarise the incidents
            0 9 * * 1-5 Europe/Paris @lucius check deps      | 0 9 * * 1-5  | Europe/Paris     | lucius | check deps
            0 9 * * 1-5 america/new_york post the standup    | 0 9 * * 1-5  | America/New_York | -      | post the standup
            @weekly utc @Oracle   look   ahead               | @weekly      | UTC              | oracle | look   ahead
            @hourly Japan sales summary                      | @hourly      | UTC              | -      | Japan sales summary
            @hourly docs/README is stale                     | @hourly      | UTC              | -      | docs/README is stale
            */5 * * * * @alfred ping                         | */5 * * * *  | UTC              | alfred | ping
            """)
    void splitsCronZoneAgentAndTask(String text, String cron, String zone, String agent, String task) {
        assertThat(ScheduleSpec.parse(text)).isEqualTo(new ScheduleSpec(cron, zone, agent, task));
    }

    @Test
    void keepsTheTaskAsTyped() {
        assertThat(ScheduleSpec.parse("@daily first line\n  second line").task()).isEqualTo("first line\n  second line");
    }

    @Test
    void refusesAnUnknownZoneInsteadOfTakingItAsTheTask() {
        assertThatThrownBy(() -> ScheduleSpec.parse("@daily Europe/Atlantis check"))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("`Europe/Atlantis` is not a time zone");
    }

    @Test
    void refusesTextWithoutACronExpressionOrATask() {
        assertThatThrownBy(() -> ScheduleSpec.parse("")).hasMessageContaining("needs a cron expression");
        assertThatThrownBy(() -> ScheduleSpec.parse("0 9 *")).hasMessageContaining("needs a cron expression");
        assertThatThrownBy(() -> ScheduleSpec.parse("0 9 * * 1 Europe/Paris @lucius"))
                .hasMessageContaining("needs a task");
    }
}
