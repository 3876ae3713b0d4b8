package dev.alfred.agents.tools.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The internal hosts and ranges agent HTTP tools may reach although their address is internal:
 * {@code ALFRED_HTTP_ALLOW} (property {@code alfred.http.allow}), comma-separated entries, each one of
 * <ul>
 *   <li>a host name, e.g. {@code status.corp.example}: every address it resolves to, on any port;</li>
 *   <li>{@code host:port}, e.g. {@code status.corp.example:8443} or {@code 127.0.0.1:8080}: that port only;</li>
 *   <li>an address or CIDR block, e.g. {@code 10.20.0.0/16}, {@code fd00::/8}, {@code [::1]}, on any port.</li>
 * </ul>
 * Host names are compared case-insensitively, without trailing dots. Empty by default: every internal address is
 * refused.
 */
public final class HttpAllowList {
    /** Nothing allowed. */
    public static final HttpAllowList NONE = new HttpAllowList(List.of());

    private final List<Entry> entries;

    private HttpAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** One entry; {@code port} -1 for any port, exactly one of {@code host} and {@code range} set. */
    private record Entry(String host, AddressRange range, int port) {
    }

    /**
     * @param text comma-separated entries; null or blank for none
     * @throws IllegalArgumentException naming an entry that is none of the shapes above
     */
    public static HttpAllowList parse(String text) {
        List<Entry> entries = new ArrayList<>();
        if (text != null) {
            for (String raw : text.split(",")) {
                if (!raw.isBlank()) {
                    entries.add(entry(raw.strip()));
                }
            }
        }
        return new HttpAllowList(entries);
    }

    private static Entry entry(String text) {
        if (text.startsWith("[") && text.contains("]")) {
            int close = text.indexOf(']');
            return new Entry(null, AddressRange.parse(text.substring(0, close + 1)),
                    port(text, text.substring(close + 1)));
        }
        if (text.contains("/") || text.chars().filter(c -> c == ':').count() > 1) {
            return new Entry(null, AddressRange.parse(text), -1);
        }
        int colon = text.indexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = colon < 0 ? -1 : port(text, text.substring(colon));
        if (host.matches("[0-9.]+")) {
            return new Entry(null, AddressRange.parse(host), port);
        }
        if (!host.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("ALFRED_HTTP_ALLOW entry '" + text + "' is not a host, host:port or "
                    + "CIDR block");
        }
        return new Entry(normal(host), null, port);
    }

    private static int port(String entry, String colonAndPort) {
        if (colonAndPort.isEmpty()) {
            return -1;
        }
        try {
            int port = Integer.parseInt(colonAndPort.substring(1));
            if (colonAndPort.charAt(0) == ':' && port > 0 && port < 65_536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("ALFRED_HTTP_ALLOW entry '" + entry + "' has no valid port");
    }

    /** @return whether the host name itself is listed (for {@code port}): then all its addresses may be called */
    boolean allowsHost(String host, int port) {
        String name = normal(host);
        return entries.stream().anyMatch(e -> e.host() != null && e.host().equals(name)
                && (e.port() < 0 || e.port() == port));
    }

    /** @return whether an address or range entry covers {@code address} (for {@code port}) */
    boolean allowsAddress(InetAddress address, int port) {
        return entries.stream().anyMatch(e -> e.range() != null && e.range().contains(address)
                && (e.port() < 0 || e.port() == port));
    }

    /** @return whether nothing is allowed */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    static String normal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
