package dev.alfred.agents.tools.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, by address, whether an agent's HTTP tool may call a host (DESIGN.md section 4, "Trust boundary"). The host
 * is resolved once; the call is refused when any address is internal ({@link InternalAddresses}: loopback, private,
 * carrier-grade NAT, link-local, unique-local, unspecified, multicast, reserved, or an IPv6 form carrying one of
 * those), or when the host is a numeric spelling that {@code inet_aton} reads as an internal address
 * ({@link Ipv4Spellings}), unless {@code ALFRED_HTTP_ALLOW} ({@link HttpAllowList}) names it. The caller connects to
 * the addresses of the returned {@link Target} and to nothing else, so a name that resolves differently a moment
 * later (DNS rebinding) changes nothing.
 */
@Singleton
public class AddressGuard {
    private final HttpAllowList allow;

    /** @param allow {@code alfred.http.allow}, as {@link HttpAllowList#parse}; empty refuses every internal address */
    @Inject
    public AddressGuard(@Value("${alfred.http.allow:}") String allow) {
        this(HttpAllowList.parse(allow));
    }

    /** @param allow what may be called although internal */
    public AddressGuard(HttpAllowList allow) {
        this.allow = allow;
    }

    /**
     * A checked destination.
     *
     * @param host      the host as the URL names it, without brackets
     * @param port      the port the call goes to
     * @param addresses every address the host resolved to, all checked; the only ones to connect to
     */
    public record Target(String host, int port, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }

        /** @return the addresses as text, e.g. {@code 93.184.215.14, 2606:2800:21f:cb07:6820:80da:af6b:8b2c} */
        public String addressList() {
            return addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        }
    }

    /**
     * Resolves {@code host} once and checks every address.
     *
     * @param host a URL's host, bracketed IPv6 and trailing dots allowed
     * @param port the port the call would go to
     * @return the destination with its checked addresses
     * @throws IllegalArgumentException with a sentence for the model: the host does not resolve, or resolves to an
     *                                  internal address (naming which, and its kind)
     */
    public Target check(String host, int port) {
        String name = HttpAllowList.normal(host);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        boolean hostAllowed = allow.allowsHost(name, port);
        if (!hostAllowed) {
            Optional<Inet4Address> spelled = Ipv4Spellings.read(name);
            if (spelled.isPresent()) {
                refuseIfInternal(host, spelled.get(), port);
            }
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("could not resolve " + host);
        }
        if (!hostAllowed) {
            addresses.forEach(address -> refuseIfInternal(host, address, port));
        }
        return new Target(host, port, addresses);
    }

    private void refuseIfInternal(String host, InetAddress address, int port) {
        Optional<String> kind = InternalAddresses.kind(address);
        if (kind.isEmpty() || allow.allowsAddress(address, port)) {
            return;
        }
        String where = address.isLinkLocalAddress() || kind.get().startsWith("link-local")
                ? ", where cloud instance metadata lives" : "";
        throw new IllegalArgumentException("refused: " + host + " is a " + kind.get() + " address ("
                + address.getHostAddress() + ")" + where + "; agent HTTP tools do not call internal addresses unless "
                + "ALFRED_HTTP_ALLOW lists them");
    }
}
