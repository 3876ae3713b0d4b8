package dev.alfred.agents.model;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.micronaut.core.util.SupplierUtil;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * LangChain4j's HTTP client for the model provider, on the JDK's {@link java.net.http.HttpClient}: like
 * LangChain4j's {@link JdkHttpClient}, except that an error response becomes a {@link ProviderHttpException} carrying
 * the provider's {@code Retry-After}, which Alfred needs for its fleet-wide provider-limit block. Streaming
 * (server-sent events), which Alfred does not use, is LangChain4j's own client.
 */
public final class ProviderHttpClient implements HttpClient {
    /** Headers the JDK client sets itself and refuses to be given (see {@code jdk.httpclient.allowRestrictedHeaders}). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Supplier<java.net.http.HttpClient> client;
    private final Duration readTimeout;
    private final Supplier<HttpClient> streaming;

    /**
     * Both JDK clients are built on first use, not here: LangChain4j builds a chat model's HTTP client with the model,
     * at start-up, and a JDK client's first build makes the default TLS context (the trust store read and parsed)
     * and each build starts a selector thread, which start-up to {@code /health} need not pay for (issue 22;
     * docs/benchmarks.md, "Issue 22, third round").
     */
    private ProviderHttpClient(Builder builder) {
        Duration connectTimeout = builder.connectTimeout;
        this.client = SupplierUtil.memoized(() -> {
            java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
            if (connectTimeout != null) {
                jdk.connectTimeout(connectTimeout);
            }
            return jdk.build();
        });
        Duration readTimeout = builder.readTimeout;
        this.readTimeout = readTimeout;
        this.streaming = SupplierUtil.memoized(() -> JdkHttpClient.builder().connectTimeout(connectTimeout)
                .readTimeout(readTimeout).build());
    }

    /**
     * Sends the request and returns a 2xx response.
     *
     * @throws ProviderHttpException for any other status, with the body and {@code Retry-After}
     * @throws dev.langchain4j.exception.TimeoutException when no response arrived within the read timeout
     * @throws RuntimeException wrapping the {@link IOException} when the connection failed
     */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        if (readTimeout != null) {
            jdk.timeout(readTimeout);
        }
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> jdk.header(name, value));
            }
        });
        jdk.method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = client.get().send(jdk.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException(e);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new ProviderHttpException(response.statusCode(), response.body(),
                    retryAfter(response.headers().firstValue("Retry-After")).orElse(null));
        }
        return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                .headers(response.headers().map()).body(response.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streaming.get().execute(request, parser, listener);
    }

    /**
     * Reads {@code Retry-After} as RFC 9110 section 10.2.3 defines it: delay-seconds or an HTTP-date.
     *
     * @return the delay, never negative; empty when absent or unreadable
     */
    public static Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** Builds {@link ProviderHttpClient}s; LangChain4j sets the timeouts from the model's settings. */
    public static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public ProviderHttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}
