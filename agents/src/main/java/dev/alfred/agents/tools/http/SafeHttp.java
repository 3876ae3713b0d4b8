package dev.alfred.agents.tools.http;

import dev.alfred.agents.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The safety the HTTP tools share ({@code http_get}, {@code http_request}): a client that never follows redirects,
 * URL checks (absolute {@code http}/{@code https} only; link-local hosts refused whatever the policy says), and one
 * exchange bounded in time and in the bytes of body read.
 */
final class SafeHttp {
    private SafeHttp() {
    }

    /** @return a client that connects within {@code timeout} and never follows redirects */
    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Checks a URL before anything is sent to it.
     *
     * @return the parsed URL
     * @throws IllegalArgumentException with the reason, for the model: not a URL, not http(s), no host, a host that
     *                                  does not resolve, or a link-local one
     */
    static URI target(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + url);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only http and https URLs can be fetched, not: " + url);
        }
        String refusal = linkLocalRefusal(uri);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        return uri;
    }

    /**
     * Refuses hosts resolving to a link-local address ({@code 169.254.0.0/16}, {@code fe80::/10}: cloud instance
     * metadata lives there), however the address is spelled (decimal, IPv4-mapped IPv6, trailing dot).
     *
     * @return why the URL's host may not be called, or null when it may
     */
    static String linkLocalRefusal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return "the URL has no host: " + uri;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(
                    host.endsWith(".") ? host.substring(0, host.length() - 1) : host)) {
                if (address.isLinkLocalAddress()) {
                    return "refused: " + host + " is a link-local address (" + address.getHostAddress()
                            + "), where cloud instance metadata lives";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "could not resolve " + host;
        }
    }

    /**
     * Sends one request and reads at most {@code maxBytes} of the answer's body.
     *
     * @param redirectHint what the model is told about a redirect it may follow, after "(not followed; "
     * @return {@code HTTP <status> (<content type>)}, a blank line and the body's start as UTF-8, with
     *         {@code [body cut at N bytes]} when longer; a redirect as {@code HTTP <status> redirect to <url>};
     *         timeouts and I/O failures as errors
     */
    static ToolResult exchange(HttpClient client, HttpRequest request, int maxBytes, Duration timeout,
            String redirectHint) {
        URI uri = request.uri();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String location = response.headers().firstValue("location").orElse(null);
                if (response.statusCode() / 100 == 3 && location != null) {
                    return ToolResult.ok("HTTP " + response.statusCode() + " redirect to " + uri.resolve(location)
                            + " (not followed; " + redirectHint + ")");
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                boolean cut = bytes.length > maxBytes;
                String text = new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
                String type = response.headers().firstValue("content-type").orElse("unknown");
                return ToolResult.ok("HTTP " + response.statusCode() + " (" + type + ")\n\n" + text
                        + (cut ? "\n\n[body cut at " + maxBytes + " bytes]" : ""));
            }
        } catch (HttpTimeoutException e) {
            return ToolResult.error("timed out after " + timeout.toSeconds() + " s calling " + uri);
        } catch (IOException e) {
            return ToolResult.error("could not call " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted while calling " + uri);
        }
    }
}
