package dev.alfred.bot.slack.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackCallExceptionTest {

    @ParameterizedTest(name = "{0}: transient={1}, permanent={2}")
    @CsvSource({
        "ratelimited,       true,  false",
        "http_429,          true,  false",
        "http_503,          true,  false",
        "internal_error,    true,  false",
        "fatal_error,       true,  false",
        "io_error,          true,  false",
        "not_in_channel,    false, true",
        "channel_not_found, false, true",
        "invalid_auth,      false, true",
        "message_not_found, false, false",
        "http_400,          false, false",
    })
    void sortsSlackErrorsIntoPassingAndNeedingAPerson(String error, boolean transientError, boolean permanent) {
        SlackCallException e = new SlackCallException("chat.postMessage", error, null);

        assertThat(e.isTransient()).isEqualTo(transientError);
        assertThat(e.isPermanent()).isEqualTo(permanent);
        assertThat(e.getMessage()).isEqualTo("chat.postMessage failed: " + error);
    }

    @org.junit.jupiter.api.Test
    void retryAfterIsReadAsSecondsOrAnHttpDateAndNeverNegative() {
        assertThat(SlackCallException.retryAfter("30")).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(SlackCallException.retryAfter(" 1 ")).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(SlackCallException.retryAfter("-5")).isEqualTo(java.time.Duration.ZERO);
        assertThat(SlackCallException.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(java.time.Duration.ZERO);
        assertThat(SlackCallException.retryAfter("soon")).isNull();
        assertThat(SlackCallException.retryAfter(null)).isNull();
    }
}
