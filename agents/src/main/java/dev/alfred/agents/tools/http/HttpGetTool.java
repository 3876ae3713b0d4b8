package dev.alfred.agents.tools.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * {@code http_get {url}}: fetches a URL and returns the status, content type and the start of the body.
 *
 * <p>Bounded: the whole exchange times out after {@code alfred.tools.http-get.timeout} (default 10 s), and at most
 * {@code alfred.tools.http-get.max-bytes} bytes of the body (default 65,536) are read; a longer body is cut and the
 * result says so. Only {@code http} and {@code https} URLs are fetched. Redirects are not followed: the result
 * names the target, and fetching it is a new call the policy judges. Hosts resolving to a link-local address
 * ({@code 169.254.0.0/16}, {@code fe80::/10}: cloud instance metadata lives there) are refused whatever the policy
 * says, however the address is spelled (decimal, IPv4-mapped IPv6, trailing dot). The checks and the bounded
 * exchange are shared with {@code http_request} ({@link SafeHttp}).
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
        this.client = SafeHttp.client(timeout);
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
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addStringProperty("url", "Absolute http:// or https:// URL to fetch")
                .required("url")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.READ;
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        URI uri;
        try {
            uri = SafeHttp.target(arguments.path("url").asText(""));
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "Alfred/0.1 (http_get tool)").build();
        return SafeHttp.exchange(client, request, maxBytes, timeout, "call http_get on it if you need it");
    }
}
