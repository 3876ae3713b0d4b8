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
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@code http_get {url}}: fetches a URL and returns the status, content type and the start of the body.
 *
 * <p>Bounded: the whole exchange times out after {@code alfred.tools.http-get.timeout} (default 10 s), and at most
 * {@code alfred.tools.http-get.max-bytes} bytes of the body (default 65,536) are read; a longer body is cut and the
 * result says so. Only {@code http} and {@code https} URLs are fetched. Redirects are not followed: the result
 * names the target, and fetching it is a new call the policy judges. Hosts resolving to an internal address
 * (loopback, private, link-local where cloud instance metadata lives, …) are refused whatever the policy says,
 * however the address is spelled, unless {@code ALFRED_HTTP_ALLOW} lists them ({@link AddressGuard}); the call
 * connects to the address that was checked. The checks and the bounded exchange are shared with
 * {@code http_request} ({@link SafeHttp}).
 */
@Singleton
public class HttpGetTool implements Tool {
    private final Supplier<OkHttpClient> client;
    private final AddressGuard guard;
    private final Duration timeout;
    private final int maxBytes;

    public HttpGetTool(@Value("${alfred.tools.http-get.timeout:10s}") Duration timeout,
            @Value("${alfred.tools.http-get.max-bytes:65536}") int maxBytes, AddressGuard guard) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.guard = guard;
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
    public Optional<String> refusal(JsonNode arguments) {
        return SafeHttp.refusal(guard, arguments.path("url").asText(""));
    }

    @Override
    public Optional<String> destination(JsonNode arguments) {
        return SafeHttp.destination(guard, arguments.path("url").asText(""));
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        HttpUrl url;
        OkHttpClient pinned;
        try {
            url = SafeHttp.target(arguments.path("url").asText(""));
            pinned = SafeHttp.pinned(client.get(), guard, url);
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        Request request = new Request.Builder().url(url).get().header("User-Agent", "Alfred/0.1 (http_get tool)")
                .build();
        return SafeHttp.exchange(pinned, request, maxBytes, timeout, "call http_get on it if you need it");
    }
}
