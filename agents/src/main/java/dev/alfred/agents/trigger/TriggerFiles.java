package dev.alfred.agents.trigger;

import dev.alfred.agents.catalog.AgentDefaults;
import dev.alfred.policies.YamlRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the generic webhook triggers: every {@code <name>.yml}/{@code <name>.yaml} directly in
 * {@code ALFRED_TRIGGERS_DIR}, one trigger per file ({@link TriggerDefinition}), bound strictly by
 * {@link YamlRecords}. A file with an error stops start-up with its name, line and reason: bad YAML, unknown or
 * missing keys, a name that cannot be a path ({@value #NAME_RULE}; {@code github} is taken), a {@code secret_env}
 * that is not set, a template Mustache cannot compile.
 */
public final class TriggerFiles {
    /** What a trigger's name (its file name without extension) must look like. */
    static final String NAME_RULE = "lower-case letters, digits, '-' and '_', starting with a letter or digit";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern AT_LINE = Pattern.compile("@\\[[^:\\]]*:(\\d+)]");

    private TriggerFiles() {
    }

    /**
     * @param directory the folder; null or blank for none (no triggers)
     * @param env       looks up an environment variable, null when unset
     * @return the triggers by name, in file name order
     * @throws TriggerFileException on the first problem found
     */
    public static Map<String, Trigger> load(String directory, Function<String, String> env) {
        Map<String, Trigger> triggers = new LinkedHashMap<>();
        if (directory == null || directory.isBlank()) {
            return triggers;
        }
        Path folder = Path.of(directory);
        if (!Files.isDirectory(folder)) {
            throw new TriggerFileException(directory, 0, "ALFRED_TRIGGERS_DIR is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(TriggerFiles::isYaml).sorted().toList()) {
                Trigger trigger = parse(file.toString(), baseName(file), Files.readString(file, StandardCharsets.UTF_8),
                        env);
                if (triggers.putIfAbsent(trigger.name(), trigger) != null) {
                    throw new TriggerFileException(file.toString(), 0, "a trigger called '" + trigger.name()
                            + "' is defined twice (.yml and .yaml)");
                }
            }
        } catch (IOException e) {
            throw new TriggerFileException(directory, 0, "cannot be read: " + e.getMessage());
        }
        return triggers;
    }

    /**
     * @param file the file's name for errors
     * @param name the trigger's name
     * @throws TriggerFileException when the file is invalid
     */
    static Trigger parse(String file, String name, String text, Function<String, String> env) {
        if (!NAME.matcher(name).matches() || name.equals("github")) {
            throw new TriggerFileException(file, 0, "the trigger's name '" + name + "' (its file name) must be "
                    + NAME_RULE + (name.equals("github") ? ", and not 'github', which is GitHub's own endpoint" : ""));
        }
        TriggerDefinition definition = YamlRecords.parse(file, text, TriggerDefinition.class, "a trigger file is a "
                + "mapping with secret_env, channel, requester, agent, task and dedupe_key",
                (line, reason) -> new TriggerFileException(file, line, reason));
        String[] problem = definition.problem();
        if (problem != null) {
            throw new TriggerFileException(file, lineOf(text, problem[0]), problem[1]);
        }
        String secret = env.apply(definition.secretEnv());
        if (secret == null || secret.isBlank()) {
            throw new TriggerFileException(file, lineOf(text, "secret_env"), "secret_env names "
                    + definition.secretEnv() + ", which is not set");
        }
        return new Trigger(name, secret, definition.agent() == null ? AgentDefaults.BOSS : definition.agent(),
                definition.channel(), definition.requester(), template(file, text, "task", definition.task()),
                definition.dedupeKey() == null ? null : template(file, text, "dedupe_key", definition.dedupeKey()));
    }

    private static TriggerTemplate template(String file, String text, String key, String template) {
        try {
            return TriggerTemplate.compile(key, template);
        } catch (IllegalArgumentException e) {
            Matcher at = AT_LINE.matcher(e.getMessage());
            int offset = at.find() ? Integer.parseInt(at.group(1)) - 1 : 0;
            int line = lineOf(text, key);
            throw new TriggerFileException(file, line == 0 ? 0 : line + offset + (template.contains("\n") ? 1 : 0),
                    key + ": " + e.getMessage());
        }
    }

    /** @return the 1-based line of a top-level {@code key:}, or 0 */
    static int lineOf(String text, String key) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
