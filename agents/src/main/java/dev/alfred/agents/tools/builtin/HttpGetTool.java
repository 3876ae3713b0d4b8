package dev.alfred.agents.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code http_get {url}}: fetches a URL and returns the status, content type and the start of the body.
 *
 * <p>Bounded: the whole exchange times out after {@code alfred.tools.http-get.timeout} (default 10 s), and at most
 * {@code alfred.tools.http-get.max-bytes} bytes of the body (default 65,536) are read; a longer body is cut and the
 * result says so. Only {@code http} and {@code https} URLs are fetched. Redirects are not followed: the result
 * names the target, and fetching it is a new call the policy judges. Hosts resolving to a link-local address
 * ({@code 169.254.0.0/16}, {@code fe80::/10}: cloud instance metadata lives there) are refused whatever the policy
 * says, however the address is spelled (decimal, IPv4-mapped IPv6, trailing dot).
 */
@Singleton
public class HttpGetTool implements Tool {
    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    public HttpGetTool(@Value("${alfred.tools.http-get.timeout:10s}") Duration timeout,
            @Value("${alfred.tools.http-get.max-bytes:65536}") int maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return "http_get";
    }

    @Override
    public String description() {
        return "Fetch a web page or API endpoint with HTTP GET and read the start of its body.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("url", "Absolute http:// or https:// URL to fetch")
                .required("url")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    /** @return why the URL's host may not be fetched, or null when it may */
    static String linkLocalRefusal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return "the URL has no host: " + uri;
        }
        try {
            for (java.net.InetAddress address : java.net.InetAddress.getAllByName(
                    host.endsWith(".") ? host.substring(0, host.length() - 1) : host)) {
                if (address.isLinkLocalAddress()) {
                    return "refused: " + host + " is a link-local address (" + address.getHostAddress()
                            + "), where cloud instance metadata lives";
                }
            }
            return null;
        } catch (java.net.UnknownHostException e) {
            return "could not resolve " + host;
        }
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        String url = arguments.path("url").asText("");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return ToolResult.error("not a valid URL: " + url);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return ToolResult.error("only http and https URLs can be fetched, not: " + url);
        }
        String refusal = linkLocalRefusal(uri);
        if (refusal != null) {
            return ToolResult.error(refusal);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "Alfred/0.1 (http_get tool)").build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(maxBytes + 1);
                boolean cut = bytes.length > maxBytes;
                String text = new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
                String type = response.headers().firstValue("content-type").orElse("unknown");
                String location = response.headers().firstValue("location").orElse(null);
                if (response.statusCode() / 100 == 3 && location != null) {
                    return ToolResult.ok("HTTP " + response.statusCode() + " redirect to " + uri.resolve(location)
                            + " (not followed; call http_get on it if you need it)");
                }
                return ToolResult.ok("HTTP " + response.statusCode() + " (" + type + ")\n\n" + text
                        + (cut ? "\n\n[body cut at " + maxBytes + " bytes]" : ""));
            }
        } catch (HttpTimeoutException e) {
            return ToolResult.error("timed out after " + timeout.toSeconds() + " s fetching " + url);
        } catch (IOException e) {
            return ToolResult.error("could not fetch " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted while fetching " + url);
        }
    }
}
