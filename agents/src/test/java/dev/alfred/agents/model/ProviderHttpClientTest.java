package dev.alfred.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(ProviderHttpClient.retryAfter(Optional.of("30"))).contains(Duration.ofSeconds(30));
        assertThat(ProviderHttpClient.retryAfter(Optional.of(" 0 "))).contains(Duration.ZERO);
        assertThat(ProviderHttpClient.retryAfter(Optional.of("-5"))).contains(Duration.ZERO);
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(120));
        assertThat(ProviderHttpClient.retryAfter(Optional.of(inTwoMinutes)).orElseThrow())
                .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        assertThat(ProviderHttpClient.retryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).contains(Duration.ZERO);
        assertThat(ProviderHttpClient.retryAfter(Optional.of("soon"))).isEmpty();
        assertThat(ProviderHttpClient.retryAfter(Optional.empty())).isEmpty();
    }
}
