package dev.alfred.agents.tools.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which addresses are internal: not on the public internet, so an agent's HTTP call to one would reach the host
 * Alfred runs on or its private network. The JDK's {@link InetAddress} classification (loopback, link-local,
 * site-local, any-local, multicast) plus the special-purpose ranges of the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (RFC 6890) that the JDK does not name:
 * <ul>
 *   <li>IPv4: {@code 0.0.0.0/8} (this network, RFC 791), {@code 10.0.0.0/8}, {@code 172.16.0.0/12},
 *       {@code 192.168.0.0/16} (private, RFC 1918), {@code 100.64.0.0/10} (carrier-grade NAT, RFC 6598),
 *       {@code 127.0.0.0/8} (loopback), {@code 169.254.0.0/16} (link-local, RFC 3927: cloud instance metadata),
 *       {@code 192.0.0.0/24} (IETF protocol assignments), {@code 198.18.0.0/15} (benchmarking, RFC 2544),
 *       {@code 224.0.0.0/4} (multicast), {@code 240.0.0.0/4} (reserved, with the broadcast address).</li>
 *   <li>IPv6: {@code ::} (unspecified), {@code ::1} (loopback), {@code fe80::/10} (link-local), {@code fec0::/10}
 *       (site-local, deprecated), {@code fc00::/7} (unique-local, RFC 4193), {@code ff00::/8} (multicast); and the
 *       forms that carry an IPv4 address, judged by that address: IPv4-mapped {@code ::ffff:0:0/96} and
 *       IPv4-compatible {@code ::/96} (RFC 4291 section 2.5.5), NAT64 {@code 64:ff9b::/96} (RFC 6052) and 6to4
 *       {@code 2002::/16} (RFC 3056).</li>
 * </ul>
 */
public final class InternalAddresses {
    private static final Map<AddressRange, String> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put(AddressRange.parse("0.0.0.0/8"), "unspecified (this network)");
        RANGES.put(AddressRange.parse("100.64.0.0/10"), "carrier-grade NAT");
        RANGES.put(AddressRange.parse("192.0.0.0/24"), "reserved (IETF protocol assignments)");
        RANGES.put(AddressRange.parse("198.18.0.0/15"), "reserved (benchmarking)");
        RANGES.put(AddressRange.parse("240.0.0.0/4"), "reserved (or broadcast)");
        RANGES.put(AddressRange.parse("fc00::/7"), "unique-local");
    }

    private InternalAddresses() {
    }

    /**
     * @return what kind of internal address {@code address} is, as words for a refusal (e.g. {@code loopback},
     *         {@code private (RFC 1918)}), or empty when it is a public address
     */
    public static Optional<String> kind(InetAddress address) {
        Optional<Inet4Address> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return kind(embedded.get()).map(kind -> kind + ", in an IPv6 form that carries an IPv4 address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of(address instanceof Inet4Address ? "private (RFC 1918)" : "site-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return RANGES.entrySet().stream().filter(range -> range.getKey().contains(address))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * @return the IPv4 address an IPv6 address carries in its last 32 bits when it is IPv4-mapped, IPv4-compatible
     *         (but not {@code ::} or {@code ::1}), NAT64 ({@code 64:ff9b::/96}), or the one 6to4 ({@code 2002::/16})
     *         carries in bits 16–47
     */
    static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return Optional.empty();
        }
        boolean zeros80 = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !address.isAnyLocalAddress()
                && !address.isLoopbackAddress();
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(Arrays.copyOfRange(b, 12, 16)));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(ipv4(Arrays.copyOfRange(b, 2, 6)));
        }
        return Optional.empty();
    }

    private static Inet4Address ipv4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
