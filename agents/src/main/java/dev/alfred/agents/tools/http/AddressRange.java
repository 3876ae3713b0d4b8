package dev.alfred.agents.tools.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A CIDR block of IPv4 or IPv6 addresses, e.g. {@code 10.0.0.0/8} or {@code fc00::/7} (RFC 4632 section 3.1 and
 * RFC 4291 section 2.3 notation). An address without a prefix length is a block of one address. An IPv4 block never
 * contains an IPv6 address and the other way round; IPv4-mapped IPv6 addresses are read as IPv4 by the JDK first.
 */
public final class AddressRange {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses CIDR notation; only numeric addresses are read, never a name (no DNS lookup happens here).
     *
     * @param cidr e.g. {@code 192.168.0.0/16}, {@code 10.1.2.3}, {@code fd00::/8}, {@code [::1]}
     * @return the block, with the host bits of {@code cidr} cleared
     * @throws IllegalArgumentException when it is no address, or the prefix is outside 0–32 (IPv4) or 0–128 (IPv6)
     */
    public static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bits);
        }
        return new AddressRange(masked(bytes, prefix), prefix, text);
    }

    /** @return whether {@code address} lies in this block */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    /** @return whether this block is {@code 0.0.0.0/0} or {@code ::/0}, every address of its family */
    public boolean everything() {
        return prefix == 0;
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        int bits = bytes.length * 8;
        BigInteger value = new BigInteger(1, bytes);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        byte[] raw = value.and(mask).toByteArray();
        byte[] out = new byte[bytes.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
