package dev.alfred.agents.tools.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a host the way the C library's {@code inet_aton} does (and with it curl, many proxies and browsers before
 * the WHATWG URL standard): one to four parts separated by dots, each decimal, octal with a leading {@code 0} or
 * hexadecimal with {@code 0x}, the last part filling the remaining bytes. So {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1} all mean {@code 127.0.0.1}. The JDK reads some of these
 * differently ({@code 0177.0.0.1} as {@code 177.0.0.1}) or not at all ({@code 0x7f000001}); the address guard
 * refuses a host when either reading is internal, so no spelling means one thing to the check and another to some
 * component on the way.
 */
final class Ipv4Spellings {
    private Ipv4Spellings() {
    }

    /** @return the address {@code inet_aton} reads from {@code host}, or empty when it reads none */
    static Optional<Inet4Address> read(String host) {
        String text = host.toLowerCase(Locale.ROOT);
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || !text.matches("[0-9a-fx.]+")) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < values.length - 1; i++) {
            bytes[i] = (byte) values[i];
        }
        for (int i = 3; i >= values.length - 1; i--) {
            bytes[i] = (byte) (last & 0xff);
            last >>= 8;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Long number(String part) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : parse(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return parse(part.substring(1), 8);
            }
            return part.isEmpty() ? null : parse(part, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parse(String digits, int radix) {
        if (digits.length() > 12) {
            throw new NumberFormatException("too long");
        }
        return Long.parseLong(digits, radix);
    }
}
