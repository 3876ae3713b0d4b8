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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads policy YAML into a {@link PolicyBook}. Parsing only: the caller reads the files. Every problem is a
 * {@link PolicyFileException} naming the file, the line and the reason; unknown keys and duplicate keys are errors,
 * so a typo never silently loosens a policy.
 */
public final class PolicyFiles {
    /** Classpath location of the policy shipped inside {@code policies/}. */
    public static final String SHIPPED_DEFAULT = "/dev/alfred/policies/default.yml";
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** snakeyaml's mark of the offending position, e.g. {@code in 'reader', line 2, column 3:}. */
    private static final Pattern YAML_MARK = Pattern.compile("in 'reader', line (\\d+)");

    private PolicyFiles() {
    }

    /**
     * One file's name and text.
     *
     * @param name the name to report in errors, e.g. {@code /etc/alfred/policies/ops.yml}
     * @param text the YAML
     */
    public record Source(String name, String text) {
    }

    /** @return the policy shipped inside {@code policies/} */
    public static Source shippedDefault() {
        try (InputStream in = PolicyFiles.class.getResourceAsStream(SHIPPED_DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("the shipped policy " + SHIPPED_DEFAULT + " is missing from the jar");
            }
            return new Source("shipped default policy (policies" + SHIPPED_DEFAULT + ")",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and combines files: rules in file order, then in order within each file.
     *
     * @param sources at least one file
     * @return the policy
     * @throws PolicyFileException on the first problem found
     */
    public static PolicyBook load(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new PolicyFileException("policies", 0, "no policy files (*.yml or *.yaml) found");
        }
        List<PolicyRule> rules = new ArrayList<>();
        Map<String, String> origin = new HashMap<>();
        CommandRules commands = null;
        String commandsFile = null;
        ApprovalWindow window = null;
        String defaultsFile = null;
        for (Source source : sources) {
            PolicyFile file = parse(source);
            if (file.commands() != null) {
                if (commandsFile != null) {
                    throw new PolicyFileException(source.name(), 0, "'commands' is already defined in " + commandsFile
                            + "; define it in one file only");
                }
                commands = file.commands();
                commandsFile = source.name();
            }
            if (file.defaults() != null) {
                if (defaultsFile != null) {
                    throw new PolicyFileException(source.name(), 0, "'defaults' is already defined in " + defaultsFile
                            + "; define it in one file only");
                }
                window = file.defaults().approval();
                defaultsFile = source.name();
            }
            for (PolicyRule rule : file.rules()) {
                String earlier = origin.putIfAbsent(rule.id(), source.name());
                if (earlier != null) {
                    throw new PolicyFileException(source.name(), 0, "rule id '" + rule.id() + "' is already used in "
                            + earlier + "; rule ids must be unique");
                }
                rules.add(rule);
            }
        }
        return new PolicyBook(rules, origin, commands, window);
    }

    /**
     * Parses one file.
     *
     * @throws PolicyFileException with the line of the offending key or value
     */
    static PolicyFile parse(Source source) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        JsonNode tree;
        try {
            tree = read(source.text(), lines);
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(source.name(), syntaxErrorLine(e), "not valid YAML: "
                    + e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !l.startsWith(" "))
                            .collect(Collectors.joining("; ")));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new PolicyFileException(source.name(), 0, "the file is empty");
        }
        if (!tree.isObject()) {
            throw new PolicyFileException(source.name(), 1, "a policy file is a mapping with version, defaults, "
                    + "commands and rules");
        }
        try {
            return MAPPER.treeToValue(tree, PolicyFile.class);
        } catch (ValueInstantiationException e) {
            String unknown = unknownKey(tree, e);
            if (unknown != null) {
                throw new PolicyFileException(source.name(), lines.getOrDefault(pointer(e) + "/" + unknown,
                        lineOf(e, lines)), where(e) + "unknown key '" + unknown + "' (expected one of: "
                        + String.join(", ", keysOf(e.getType().getRawClass())) + ")");
            }
            throw new PolicyFileException(source.name(), lineOf(e, lines), reason(e));
        } catch (JsonMappingException e) {
            throw new PolicyFileException(source.name(), lineOf(e, lines), reason(e));
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(source.name(), 0, e.getOriginalMessage());
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
        return e.getPath().isEmpty() ? "" : "at " + e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") + ": ";
    }

    private static String reason(JsonMappingException e) {
        String where = where(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return where + "unknown key '" + unknown.getPropertyName() + "' (expected one of: "
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
