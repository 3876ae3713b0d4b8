package dev.alfred.policies;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a YAML file to a record, strictly, with the line of every problem: unknown keys and duplicate keys are
 * errors (so a typo never silently changes meaning), keys are kebab-case, and a value the record's constructor
 * refuses with an {@link IllegalArgumentException} is reported with that exception's sentence. Used for policy files
 * and agent definition files.
 */
public final class YamlRecords {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** snakeyaml's mark of the offending position, e.g. {@code in 'reader', line 2, column 3:}. */
    private static final Pattern YAML_MARK = Pattern.compile("in 'reader', line (\\d+)");

    /** Makes the exception for a problem found in a file. */
    @FunctionalInterface
    public interface Problem {
        /**
         * @param line   1-based line, or 0 when unknown
         * @param reason what is wrong, as a sentence
         * @return the exception to throw
         */
        RuntimeException at(int line, String reason);
    }

    private YamlRecords() {
    }

    /**
     * Parses one YAML document into a record.
     *
     * @param name     the file's name, for errors
     * @param text     the YAML
     * @param type     the record (or class) to bind to; keys are kebab-case
     * @param shape    what the top level must be, said as a sentence, for a file that is not a mapping
     * @param error    makes the exception for a 1-based line (0 when unknown) and a reason
     * @return the bound value
     * @throws RuntimeException the one {@code error} makes, on the first problem found
     */
    public static <T> T parse(String name, String text, Class<T> type, String shape, Problem error) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        JsonNode tree;
        try {
            tree = read(text, lines);
        } catch (JsonProcessingException e) {
            throw error.at(syntaxErrorLine(e), "not valid YAML: "
                    + e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !l.startsWith(" "))
                            .collect(Collectors.joining("; ")));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw error.at(0, "the file is empty");
        }
        if (!tree.isObject()) {
            throw error.at(1, shape);
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            String unknown = unknownKey(tree, e);
            if (unknown != null) {
                throw error.at(lines.getOrDefault(pointer(e) + "/" + unknown,
                        lineOf(e, lines)), where(e) + "unknown key '" + unknown + "' (expected one of: "
                        + String.join(", ", keysOf(e.getType().getRawClass())) + ")");
            }
            throw error.at(lineOf(e, lines), reason(e));
        } catch (JsonMappingException e) {
            throw error.at(lineOf(e, lines), reason(e));
        } catch (JsonProcessingException e) {
            throw error.at(0, e.getOriginalMessage());
        }
    }

    /** Reads the YAML tree and, beside it, the line where each JSON pointer path starts. */
    private static JsonNode read(String text, Map<String, Integer> lines) throws JsonProcessingException {
        try (JsonParser indexer = YAML.createParser(text)) {
            while (indexer.nextToken() != null) {
                lines.putIfAbsent(indexer.getParsingContext().pathAsPointer().toString(),
                        indexer.currentTokenLocation().getLineNr());
            }
            return MAPPER.readTree(YAML.createParser(text));
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the line snakeyaml marks as the problem, else where the parser stopped */
    private static int syntaxErrorLine(JsonProcessingException e) {
        Matcher mark = YAML_MARK.matcher(String.valueOf(e.getOriginalMessage()));
        if (mark.find()) {
            return Integer.parseInt(mark.group(1));
        }
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /**
     * A record's constructor runs before Jackson reports the keys it did not know, so a typo like {@code decison}
     * first shows up as "needs a decision". This finds the unknown key instead, which is the real mistake.
     */
    private static String unknownKey(JsonNode tree, ValueInstantiationException e) {
        JsonNode node = tree.at(pointer(e));
        if (!node.isObject() || !e.getType().getRawClass().isRecord()) {
            return null;
        }
        List<String> known = keysOf(e.getType().getRawClass());
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private static List<String> keysOf(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(c -> PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(c.getName())).sorted()
                .toList();
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex())))
                .collect(Collectors.joining());
    }

    private static int lineOf(JsonMappingException e, Map<String, Integer> lines) {
        List<String> path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.toCollection(ArrayList::new));
        if (e instanceof UnrecognizedPropertyException unknown
                && (path.isEmpty() || !path.get(path.size() - 1).equals(unknown.getPropertyName()))) {
            path.add(unknown.getPropertyName());
        }
        while (true) {
            Integer line = lines.get(path.isEmpty() ? "" : "/" + String.join("/", path));
            if (line != null) {
                return line;
            }
            if (path.isEmpty()) {
                return 0;
            }
            path.remove(path.size() - 1);
        }
    }

    /** @return where in the file, e.g. {@code at rules[0].match: }, or nothing at the top level */
    private static String where(JsonMappingException e) {
        return where(e.getPath());
    }

    private static String where(List<JsonMappingException.Reference> path) {
        return path.isEmpty() ? "" : "at " + path.stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") + ": ";
    }

    private static String reason(JsonMappingException e) {
        String where = where(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<JsonMappingException.Reference> path = e.getPath();
            if (!path.isEmpty() && unknown.getPropertyName().equals(path.get(path.size() - 1).getFieldName())) {
                path = path.subList(0, path.size() - 1);
            }
            return where(path) + "unknown key '" + unknown.getPropertyName() + "' (expected one of: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ")";
        }
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException) {
            return where + cause.getMessage();
        }
        return where + e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "")
                .replaceAll("`[a-z.]+\\.([A-Za-z]+)`", "$1");
    }
}
