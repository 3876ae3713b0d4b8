package dev.alfred.agents.catalog;

import dev.alfred.policies.PolicyFiles;
import dev.alfred.policies.YamlRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads agent definition files: every {@code *.yml}/{@code *.yaml} directly in {@code ALFRED_AGENTS_DIR}, in file
 * name order, replacing the shipped defaults ({@code agents/src/main/resources/dev/alfred/agents/defaults/}) as a
 * whole when the variable is set. One agent per file; binding is strict ({@link YamlRecords}): unknown keys,
 * duplicate keys, bad values and duplicate codenames stop start-up with the file, the line and the reason.
 */
public final class AgentFiles {
    /** Classpath folder of the shipped definitions. */
    public static final String SHIPPED_FOLDER = "/dev/alfred/agents/defaults/";
    /** The shipped definitions' file names, boss first. */
    public static final List<String> SHIPPED = List.of("alfred.yml", "lucius.yml", "oracle.yml",
            "reviewer-correctness.yml", "reviewer-security.yml", "reviewer-tests.yml");

    private AgentFiles() {
    }

    /**
     * @param directory the folder, or {@code null}/blank for the shipped defaults
     * @return the definitions by codename, in file order
     * @throws AgentFileException when the folder is missing or empty, or a file is invalid
     */
    public static Map<String, Loaded> load(String directory) {
        return parse(directory == null || directory.isBlank() ? shipped() : read(directory));
    }

    /**
     * A definition and the file it came from.
     *
     * @param definition the agent
     * @param file       the file's name, for later errors (e.g. an unknown tool)
     */
    public record Loaded(AgentDefinition definition, String file) {
    }

    /**
     * Parses files, one agent each.
     *
     * @throws AgentFileException on the first problem found
     */
    public static Map<String, Loaded> parse(List<PolicyFiles.Source> sources) {
        Map<String, Loaded> agents = new LinkedHashMap<>();
        for (PolicyFiles.Source source : sources) {
            AgentDefinition definition = YamlRecords.parse(source.name(), source.text(), AgentDefinition.class,
                    "an agent file is a mapping with name, description, system-prompt, model, tools and limits",
                    (line, reason) -> new AgentFileException(source.name(), line, reason));
            Loaded earlier = agents.putIfAbsent(definition.name(), new Loaded(definition, source.name()));
            if (earlier != null) {
                throw new AgentFileException(source.name(), 0, "the codename '" + definition.name()
                        + "' is already defined in " + earlier.file() + "; codenames must be unique");
            }
        }
        return agents;
    }

    private static List<PolicyFiles.Source> read(String directory) {
        Path folder = Path.of(directory);
        if (!Files.isDirectory(folder)) {
            throw new AgentFileException(directory, 0, "ALFRED_AGENTS_DIR is not a folder");
        }
        List<PolicyFiles.Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(AgentFiles::isYaml).sorted().toList()) {
                sources.add(new PolicyFiles.Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new AgentFileException(directory, 0, "cannot be read: " + e.getMessage());
        }
        if (sources.isEmpty()) {
            throw new AgentFileException(directory, 0, "ALFRED_AGENTS_DIR holds no *.yml or *.yaml files");
        }
        return sources;
    }

    private static List<PolicyFiles.Source> shipped() {
        List<PolicyFiles.Source> sources = new ArrayList<>();
        for (String name : SHIPPED) {
            try (InputStream in = AgentFiles.class.getResourceAsStream(SHIPPED_FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped agent " + name + " is missing from the jar");
                }
                sources.add(new PolicyFiles.Source("shipped agent (agents" + SHIPPED_FOLDER + name + ")",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
