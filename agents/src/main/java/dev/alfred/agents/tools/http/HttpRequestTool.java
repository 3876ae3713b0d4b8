package dev.alfred.agents.tools.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.tools.ToolSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.Tool;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.policies.RiskTier;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * {@code http_request {method, url, headers?, body?}} (tier {@code write}): sends a {@code POST}, {@code PUT},
 * {@code PATCH} or {@code DELETE} and returns the status, content type and the start of the answer's body, in the
 * shape {@code http_get} returns. {@code GET} is {@code http_get}'s job.
 *
 * <p>Same safety as {@code http_get} ({@link SafeHttp}): timeout {@code alfred.tools.http-request.timeout} (default
 * 10 s), at most {@code alfred.tools.http-request.max-bytes} bytes of the answer read (default 65,536), redirects
 * reported but not followed, internal addresses refused whatever the policy says unless {@code ALFRED_HTTP_ALLOW}
 * lists them ({@link AddressGuard}), before the call is staged for approval and again when it runs, and the
 * connection made to the address checked.
 *
 * <p>Headers are a JSON object of string values. Hop-by-hop headers (RFC 9110 section 7.6.1: {@code Connection},
 * {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}),
 * {@code Host}, {@code Content-Length} and {@code Expect} are refused: the client sets them. Without a
 * {@code Content-Type}, a body that parses as JSON is sent as {@code application/json}, any other as
 * {@code text/plain; charset=utf-8}. When the call carries an idempotency key (an approved staged action), it is
 * sent as {@code Idempotency-Key} (IETF draft-ietf-httpapi-idempotency-key-header), replacing any the model set, so a
 * server can recognise a retried attempt at the same action.
 */
@Singleton
public class HttpRequestTool implements Tool {
    /** The methods this tool sends, as the JSON Schema enumerates them. */
    public static final List<String> METHODS = List.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> REFUSED_HEADERS = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "host", "content-length", "expect");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADERS_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},"
            + "\"description\":\"Request headers, name to value, e.g. {\\\"Authorization\\\":\\\"Bearer …\\\"}\"}";

    private final Supplier<OkHttpClient> client;
    private final AddressGuard guard;
    private final Duration timeout;
    private final int maxBytes;

    public HttpRequestTool(@Value("${alfred.tools.http-request.timeout:10s}") Duration timeout,
            @Value("${alfred.tools.http-request.max-bytes:65536}") int maxBytes, AddressGuard guard) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.guard = guard;
        this.client = SafeHttp.client(timeout);
    }

    @Override
    public String name() {
        return "http_request";
    }

    @Override
    public String description() {
        return "Send an HTTP POST, PUT, PATCH or DELETE to an API and read the status and the start of the answer. "
                + "Use http_get to read.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolSchema.builder()
                .addEnumProperty("method", METHODS, "HTTP method")
                .addStringProperty("url", "Absolute http:// or https:// URL")
                .addProperty("headers", ToolSchema.raw(HEADERS_SCHEMA))
                .addStringProperty("body", "Request body as text, e.g. a JSON document")
                .required("method", "url")
                .build();
    }

    @Override
    public RiskTier tier() {
        return RiskTier.WRITE;
    }

    @Override
    public Optional<String> refusal(JsonNode arguments) {
        return SafeHttp.refusal(guard, arguments.path("url").asText("")).map(reason -> reason + "; nothing was sent");
    }

    @Override
    public Optional<String> destination(JsonNode arguments) {
        return SafeHttp.destination(guard, arguments.path("url").asText(""));
    }

    @Override
    public ToolResult execute(JsonNode arguments, ToolContext context) {
        String method = arguments.path("method").asText("").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            return ToolResult.error("method must be one of " + String.join(", ", METHODS) + ", not '" + method
                    + "'; use http_get to read");
        }
        HttpUrl url;
        OkHttpClient pinned;
        Map<String, String> headers;
        try {
            url = SafeHttp.target(arguments.path("url").asText(""));
            pinned = SafeHttp.pinned(client.get(), guard, url);
            headers = headers(arguments.path("headers"), context.idempotencyKey());
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage() + "; nothing was sent");
        }
        JsonNode bodyNode = arguments.path("body");
        String body = bodyNode.isMissingNode() || bodyNode.isNull() ? null : bodyNode.asText();
        if (body != null && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", looksLikeJson(body) ? "application/json" : "text/plain; charset=utf-8");
        }
        // No media type on the body: the Content-Type header is sent exactly as set above.
        Request.Builder request = new Request.Builder().url(url).method(method, body == null
                ? ("DELETE".equals(method) ? null : RequestBody.create(new byte[0], null))
                : RequestBody.create(body.getBytes(StandardCharsets.UTF_8), null));
        try {
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            return ToolResult.error("a header was refused: " + e.getMessage() + "; nothing was sent");
        }
        return SafeHttp.exchange(pinned, request.build(), maxBytes, timeout, "a new call is needed to follow it");
    }

    /**
     * @return the headers to send, case-insensitively unique, with {@code User-Agent} and {@code Idempotency-Key}
     *         added
     * @throws IllegalArgumentException naming a refused or malformed header
     */
    static Map<String, String> headers(JsonNode given, String idempotencyKey) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("headers must be an object of name to string value");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (!TOKEN.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' is not a valid header name");
                }
                if (REFUSED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("the " + name + " header may not be set (hop-by-hop or set "
                            + "by the client)");
                }
                if (!field.getValue().isTextual()) {
                    throw new IllegalArgumentException("the value of header " + name + " must be a string");
                }
                String value = field.getValue().asText();
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("the value of header " + name + " contains a line break");
                }
                headers.put(name, value);
            }
        }
        headers.putIfAbsent("User-Agent", "Alfred/0.1 (http_request tool)");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", "\"" + idempotencyKey + "\"");
        }
        return headers;
    }

    private static boolean looksLikeJson(String body) {
        String start = body.stripLeading();
        if (!start.startsWith("{") && !start.startsWith("[")) {
            return false;
        }
        try {
            JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
