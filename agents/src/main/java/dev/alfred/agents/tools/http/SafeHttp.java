package dev.alfred.agents.tools.http;

import dev.alfred.agents.tools.ToolResult;
import io.micronaut.core.util.SupplierUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The safety the HTTP tools share ({@code http_get}, {@code http_request}): a client that never follows redirects
 * and uses no proxy, URL checks (absolute {@code http}/{@code https} only), the address check of
 * {@link AddressGuard} with a connection pinned to the checked addresses, and one exchange bounded in time and in
 * the bytes of body read.
 *
 * <p>The URL is parsed once, by the client that connects ({@link HttpUrl}, WHATWG-style), and the host it yields is
 * the host checked: userinfo, backslash and other parser tricks cannot make the check and the connection disagree.
 */
final class SafeHttp {
    private SafeHttp() {
    }

    /**
     * @return a client that gives up after {@code timeout}, never follows redirects and connects directly, built on
     *         the first {@code get()} and the same one after that: building it makes OkHttp's TLS context (the JDK's
     *         trust store read and parsed), which start-up to {@code /health} need not pay for a tool that may never
     *         be called (issue 22; docs/benchmarks.md, "Issue 22, third round")
     */
    static Supplier<OkHttpClient> client(Duration timeout) {
        return SupplierUtil.memoized(() -> new OkHttpClient.Builder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .build());
    }

    /**
     * Checks a URL's shape before anything is sent to it.
     *
     * @return the parsed URL
     * @throws IllegalArgumentException with the reason, for the model: not a URL, or not http(s)
     */
    static HttpUrl target(String url) {
        String text = url.strip();
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon);
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("only http and https URLs can be fetched, not: " + url);
        }
        HttpUrl parsed = HttpUrl.parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("not a valid URL: " + url);
        }
        return parsed;
    }

    /**
     * Checks the URL's host by address and returns a client that connects to the checked addresses only.
     *
     * @throws IllegalArgumentException the guard's refusal
     */
    static OkHttpClient pinned(OkHttpClient client, AddressGuard guard, HttpUrl url) {
        AddressGuard.Target target = guard.check(url.host(), url.port());
        return client.newBuilder().dns(hostname -> {
            if (!hostname.equalsIgnoreCase(url.host())) {
                throw new UnknownHostException("only " + url.host() + " was checked, not " + hostname);
            }
            return target.addresses();
        }).build();
    }

    /**
     * The check a call gets before the policy judges it, so a call to an internal address is refused at once instead
     * of waiting for an approval that could only end in the same refusal.
     *
     * @return the reason {@code url} cannot be called, or empty when it can
     */
    static java.util.Optional<String> refusal(AddressGuard guard, String url) {
        try {
            HttpUrl parsed = target(url);
            guard.check(parsed.host(), parsed.port());
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** @return where {@code url} goes now, e.g. {@code example.com → 93.184.215.14}, or empty when it goes nowhere */
    static java.util.Optional<String> destination(AddressGuard guard, String url) {
        try {
            HttpUrl parsed = target(url);
            AddressGuard.Target checked = guard.check(parsed.host(), parsed.port());
            return java.util.Optional.of(parsed.host() + ":" + parsed.port() + " → " + checked.addressList());
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
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
    static ToolResult exchange(OkHttpClient client, Request request, int maxBytes, Duration timeout,
            String redirectHint) {
        HttpUrl uri = request.url();
        try (Response response = client.newCall(request).execute()) {
            String location = response.header("Location");
            if (response.code() / 100 == 3 && location != null) {
                HttpUrl next = uri.resolve(location);
                return ToolResult.ok("HTTP " + response.code() + " redirect to " + (next == null ? location : next)
                        + " (not followed; " + redirectHint + ")");
            }
            ResponseBody responseBody = response.body();
            byte[] bytes;
            try (InputStream body = responseBody == null ? InputStream.nullInputStream() : responseBody.byteStream()) {
                bytes = body.readNBytes(maxBytes + 1);
            }
            boolean cut = bytes.length > maxBytes;
            String text = new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
            String type = response.header("Content-Type", "unknown");
            return ToolResult.ok("HTTP " + response.code() + " (" + type + ")\n\n" + text
                    + (cut ? "\n\n[body cut at " + maxBytes + " bytes]" : ""));
        } catch (InterruptedIOException e) {
            return ToolResult.error("timed out after " + timeout.toSeconds() + " s calling " + uri);
        } catch (IOException e) {
            return ToolResult.error("could not call " + uri + ": " + e);
        }
    }
}
