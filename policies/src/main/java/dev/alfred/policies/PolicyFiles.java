package dev.alfred.policies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads policy YAML into a {@link PolicyBook}. Parsing only: the caller reads the files. Every problem is a
 * {@link PolicyFileException} naming the file, the line and the reason; unknown keys and duplicate keys are errors,
 * so a typo never silently loosens a policy (binding is {@link YamlRecords}').
 */
public final class PolicyFiles {
    /** Classpath location of the policy shipped inside {@code policies/}. */
    public static final String SHIPPED_DEFAULT = "/dev/alfred/policies/default.yml";

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
        ThreadInput threadInput = null;
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
                threadInput = file.defaults().threadInput();
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
        return new PolicyBook(rules, origin, commands, window, threadInput);
    }

    /**
     * Parses one file.
     *
     * @throws PolicyFileException with the line of the offending key or value
     */
    static PolicyFile parse(Source source) {
        return YamlRecords.parse(source.name(), source.text(), PolicyFile.class, "a policy file is a mapping with "
                + "version, defaults, commands and rules", (line, reason) -> new PolicyFileException(source.name(),
                line, reason));
    }
}
