package dev.alfred.agents.tools.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeHttpTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://2852039166/",
        "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/"})
    void linkLocalAddressesAreRefusedHoweverTheyAreSpelled(String url) {
        assertThat(SafeHttp.linkLocalRefusal(URI.create(url))).contains("link-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/status", "https://192.0.2.10/"})
    void otherAddressesAreLeftToThePolicy(String url) {
        assertThat(SafeHttp.linkLocalRefusal(URI.create(url))).isNull();
    }
}
