package dev.alfred.agents.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeHttpTest {
    private static final AddressGuard DEFAULT = new AddressGuard(HttpAllowList.NONE);

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://2852039166/",
        "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/"})
    void linkLocalAddressesAreRefusedHoweverTheyAreSpelled(String url) {
        assertThat(SafeHttp.refusal(DEFAULT, url)).get().asString().contains("link-local");
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
        http://127.0.0.1/                    | loopback
        http://127.0.0.1:8080/status         | loopback
        http://localhost/                    | loopback
        http://LOCALHOST./                   | loopback
        http://127.0.0.1./                   | loopback
        http://127.1/                        | loopback
        http://127.0.1/                      | loopback
        http://2130706433/                   | loopback
        http://0x7f000001/                   | loopback
        http://0x7f.0x0.0x0.0x1/             | loopback
        http://0177.0.0.1/                   | loopback
        http://0177.1/                       | loopback
        http://017700000001/                 | loopback
        http://127.255.255.254/              | loopback
        http://[::1]/                        | loopback
        http://[0:0:0:0:0:0:0:1]/            | loopback
        http://[::ffff:127.0.0.1]/           | loopback
        http://[::ffff:7f00:1]/              | loopback
        http://[::127.0.0.1]/                | loopback
        http://[64:ff9b::127.0.0.1]/         | loopback
        http://[2002:7f00:1::]/              | loopback
        http://evil.example@127.0.0.1/       | loopback
        http://user:pass@127.0.0.1:9/x       | loopback
        http://127.0.0.1\\@evil.example/     | loopback
        http://127.0.0.1#@evil.example/      | loopback
        http://%31%32%37.0.0.1/              | loopback
        HTTP://127.0.0.1/                    | loopback
        http://0.0.0.0/                      | unspecified
        http://0/                            | unspecified
        http://[::]/                         | unspecified
        http://10.0.0.1/                     | private (RFC 1918)
        http://10.1/                         | private (RFC 1918)
        http://167772161/                    | private (RFC 1918)
        http://172.16.0.1/                   | private (RFC 1918)
        http://172.31.255.255/               | private (RFC 1918)
        http://192.168.1.1/                  | private (RFC 1918)
        http://0xc0a80101/                   | private (RFC 1918)
        http://[::ffff:10.0.0.1]/            | private (RFC 1918)
        http://[::ffff:192.168.0.1]/         | private (RFC 1918)
        http://100.64.0.1/                   | carrier-grade NAT
        http://100.127.255.254/              | carrier-grade NAT
        http://169.254.0.1/                  | link-local
        http://[fc00::1]/                    | unique-local
        http://[fd12:3456::1]/               | unique-local
        http://[fec0::1]/                    | site-local
        http://224.0.0.1/                    | multicast
        http://239.255.255.250/              | multicast
        http://[ff02::1]/                    | multicast
        http://255.255.255.255/              | reserved
        http://198.18.0.1/                   | reserved
        """)
    void internalAddressesAreRefusedHoweverTheyAreSpelled(String url, String kind) {
        assertThat(SafeHttp.refusal(DEFAULT, url)).get().asString().startsWith("refused: ").contains(kind)
                .contains("ALFRED_HTTP_ALLOW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://192.0.2.10/", "http://8.8.8.8/", "http://[2001:4860:4860::8888]/",
        "http://100.128.0.1/", "http://172.32.0.1/", "http://134744072/"})
    void publicAddressesAreLeftToThePolicy(String url) {
        assertThat(SafeHttp.refusal(DEFAULT, url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/", "file:///etc/passwd", "gopher://127.0.0.1:25/", "not a url", "",
        "http://", "http://no.such.host.invalid/",
        "http://[fe80::1%25eth0]/"})
    void otherSchemesAndNoHostsAreRefused(String url) {
        assertThat(SafeHttp.refusal(DEFAULT, url)).isPresent();
    }

    @ParameterizedTest(name = "allow {0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1          | http://127.0.0.1:8080/     | true
        '127.0.0.1, ::1'   | http://localhost:8080/     | true
        127.0.0.0/8        | http://127.0.0.2/          | true
        127.0.0.1:8080     | http://127.0.0.1:8080/     | true
        127.0.0.1:8080     | http://127.0.0.1:8081/     | false
        localhost          | http://localhost:9/        | true
        localhost:9        | http://localhost:9/        | true
        localhost:9        | http://localhost:10/       | false
        localhost          | http://127.0.0.1/          | false
        10.0.0.0/8         | http://10.2.3.4/           | true
        10.0.0.0/8         | http://192.168.0.1/        | false
        '[::1]'            | http://[::1]/              | true
        '[::1]:8080'       | http://[::1]:8080/         | true
        ::1/128            | http://[::1]/              | true
        fc00::/7           | http://[fd00::5]/          | true
        'a.example, 10.0.0.0/8' | http://10.9.9.9/      | true
        """)
    void theAllowListOpensNamedHostsAndRanges(String allow, String url, boolean allowed) {
        assertThat(SafeHttp.refusal(new AddressGuard(HttpAllowList.parse(allow)), url).isEmpty()).isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://", "host:port", "10.0.0.0/33", "a b", "[::1]:x", "x:70000"})
    void badAllowListEntriesAreErrors(String entry) {
        assertThatThrownBy(() -> HttpAllowList.parse(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry.contains("/33") ? "prefix" : "");
    }

    @ParameterizedTest
    @CsvSource({"2130706433, 127.0.0.1", "0x7f000001, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "127.1, 127.0.0.1",
        "10.1, 10.0.0.1", "192.168.257, 192.168.1.1", "0x7f.1., 127.0.0.1"})
    void inetAtonSpellingsAreReadAsTheCLibraryReadsThem(String host, String address) throws Exception {
        assertThat(Ipv4Spellings.read(host)).contains((java.net.Inet4Address) InetAddress.getByName(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3.4.5", "0x", "256.1.1.1", "08.1.1.1", "4294967296", "1..1"})
    void namesAndOutOfRangeNumbersAreNoInetAtonSpelling(String host) {
        assertThat(Ipv4Spellings.read(host).filter(a -> !host.equals("0x"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.0.1, true", "10.0.0.0/8, 11.0.0.1, false", "0.0.0.0/0, 8.8.8.8, true",
        "fc00::/7, fdff::1, true", "fc00::/7, fe00::1, false", "192.168.1.7, 192.168.1.7, true",
        "10.0.0.0/8, ::ffff:10.0.0.1, true", "::/0, 10.0.0.1, false"})
    void addressRangesContainTheirAddresses(String cidr, String address, boolean contained) throws Exception {
        assertThat(AddressRange.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(contained);
    }

    @org.junit.jupiter.api.Test
    void theDestinationNamesTheResolvedAddress() {
        assertThat(SafeHttp.destination(new AddressGuard(HttpAllowList.parse("127.0.0.1")), "http://127.0.0.1:81/x"))
                .contains("127.0.0.1:81 → 127.0.0.1");
        assertThat(SafeHttp.destination(DEFAULT, "http://127.0.0.1/")).isEmpty();
    }
}
