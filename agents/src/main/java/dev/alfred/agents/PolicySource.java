package dev.alfred.agents;

import dev.alfred.policies.PolicyFileException;
import dev.alfred.policies.PolicyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the policy files: every {@code *.yml} and {@code *.yaml} directly in {@code ALFRED_POLICIES_DIR}, in file
 * name order, or the policy shipped in {@code policies/} when the variable is unset. Parsing is
 * {@link PolicyFiles}'s.
 */
public final class PolicySource {
    private PolicySource() {
    }

    /**
     * @param directory the folder, or {@code null}/blank for the shipped default
     * @return the files, in name order
     * @throws PolicyFileException when the folder is missing, unreadable, or holds no policy file
     */
    public static List<PolicyFiles.Source> read(String directory) {
        if (directory == null || directory.isBlank()) {
            return List.of(PolicyFiles.shippedDefault());
        }
        Path folder = Path.of(directory);
        if (!Files.isDirectory(folder)) {
            throw new PolicyFileException(directory, 0, "ALFRED_POLICIES_DIR is not a folder");
        }
        List<PolicyFiles.Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(PolicySource::isYaml).sorted().toList()) {
                sources.add(new PolicyFiles.Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new PolicyFileException(directory, 0, "cannot be read: " + e.getMessage());
        }
        if (sources.isEmpty()) {
            throw new PolicyFileException(directory, 0, "ALFRED_POLICIES_DIR holds no *.yml or *.yaml files");
        }
        return sources;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
