package dev.alfred.agents.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * A trigger's {@code task} or {@code dedupe_key} template: Mustache (mustache.java) whose every placeholder
 * {@code {{ path }}} is a JSONPath (Jayway JsonPath) into the request's JSON body, {@code $.} implied when the path does
 * not start with {@code $}: {@code {{ alert.name }}}, {@code {{ $.alerts[0].labels.severity }}}. Each value is filled
 * in as quoted data: its JSON text (a string in double quotes with quotes, newlines and {@code <} escaped; a number,
 * object or array as JSON; {@code null} when the path finds nothing), whether the placeholder is written
 * {@code {{ }}}, {@code {{{ }}}} or {@code {{& }}}. Partials are not available. Rendering is thread-safe.
 */
public final class TriggerTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration PATHS = Configuration.builder().jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider()).options(Option.SUPPRESS_EXCEPTIONS).build();
    private static final DefaultMustacheFactory MUSTACHE = new QuotingFactory();

    private final Mustache mustache;

    private TriggerTemplate(Mustache mustache) {
        this.mustache = mustache;
    }

    /**
     * @param name the template's name in errors, e.g. {@code alerts.yml task}
     * @return the compiled template
     * @throws IllegalArgumentException when Mustache cannot compile it (the message says why and where) or a
     *                                  placeholder is not a JSONPath
     */
    public static TriggerTemplate compile(String name, String text) {
        try {
            TriggerTemplate template = new TriggerTemplate(MUSTACHE.compile(new StringReader(text), name));
            template.render(JSON.createObjectNode());
            return template;
        } catch (MustacheException | InvalidPathException e) {
            Throwable cause = e.getCause() instanceof InvalidPathException path ? path : e;
            throw new IllegalArgumentException("the template does not compile: " + cause.getMessage(), e);
        }
    }

    /** @return the template with every placeholder filled from {@code body} as quoted data */
    public String render(JsonNode body) {
        StringWriter out = new StringWriter();
        mustache.execute(out, List.of(new Body(JsonPath.using(PATHS).parse(body))));
        return out.toString();
    }

    /** @return the value at {@code path} as JSON text with {@code <} escaped; {@code null} when there is none */
    static String quoted(DocumentContext body, String path) {
        Object value = body.read(path.startsWith("$") ? path : "$." + path);
        if (value == null || value instanceof JsonNode node && node.isMissingNode()) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON value always serialises", e);
        }
    }

    /** The scope a template renders against. */
    private record Body(DocumentContext document) {
    }

    /** Resolves every name as a JSONPath into the {@link Body}; writes values as they are (already quoted). */
    private static final class QuotingFactory extends DefaultMustacheFactory {
        QuotingFactory() {
            super(name -> null);
            setObjectHandler(new ReflectionObjectHandler() {
                @Override
                public Wrapper find(String name, List<Object> scopes) {
                    String path = name.strip();
                    return current -> current.stream().filter(Body.class::isInstance).map(Body.class::cast)
                            .findFirst().map(body -> quoted(body.document(), path)).orElse("null");
                }
            });
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
