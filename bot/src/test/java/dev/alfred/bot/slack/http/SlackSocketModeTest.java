package dev.alfred.bot.slack.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Alfred sends back on the socket when a handler fails (Bolt's Socket Mode error handler). */
class SlackSocketModeTest {
    private static final RequestHeaders NO_HEADERS = new RequestHeaders(Map.of());
    private static final String COMMAND = "command=%2Falfred&text=task+check&user_id=U1&channel_id=C1&trigger_id=t1";
    private static final String EVENT = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"team_id\":\"T1\","
            + "\"event\":{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"hi\",\"ts\":\"1.2\"}}";

    @Test
    void aCommandTheDatabaseCouldNotRecordIsAnsweredThatNothingStarted() {
        Response response = SlackSocketMode.refusal(SocketModeApp.ErrorContext.builder()
                .request(new SlashCommandRequest(COMMAND, NO_HEADERS))
                .exception(new IllegalStateException(new SQLException("Connection is not available"))).build());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getBody()).isEqualTo(SlackEventsController.COMMAND_NOT_RECORDED)
                .contains("ephemeral", "did not record this command");
    }

    @Test
    void anEventTheDatabaseCouldNotRecordIsNotAcknowledgedSoSlackRedeliversIt() {
        assertThat(SlackSocketMode.refusal(SocketModeApp.ErrorContext.builder()
                .request(new EventRequest(EVENT, NO_HEADERS))
                .exception(new RuntimeException(new SQLException("Connection refused"))).build())).isNull();
    }

    @Test
    void anyOtherHandlerFailureIsNotAcknowledged() {
        assertThat(SlackSocketMode.refusal(SocketModeApp.ErrorContext.builder()
                .request(new SlashCommandRequest(COMMAND, NO_HEADERS))
                .exception(new IllegalStateException("bug")).build())).isNull();
    }
}
