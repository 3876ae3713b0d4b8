package dev.alfred.bot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A container image run without a container engine: the Docker archive ({@code docker save} format, as Jib's
 * {@code buildTar} writes it: {@code manifest.json}, the config JSON and one tar per layer) unpacked with GNU tar
 * into a root file system, its layers in order, and its entrypoint and command run there under bubblewrap as the
 * image's user ({@code setpriv} to the config's {@code User}, {@code uid:gid}), in the config's working directory
 * with exactly the config's {@code Env} plus the given variables, in new PID and mount namespaces, sharing the host's
 * network (so it reaches fakes on 127.0.0.1). Needs root (to keep the layers' file owners and to change user),
 * {@code tar}, {@code setpriv} and {@code bwrap} on the host.
 */
public final class ImageContainer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;

    private ImageContainer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Unpacks {@code archive} into a new temporary folder.
     *
     * @return the image's config ({@code config} of the config JSON: {@code Entrypoint}, {@code Cmd}, {@code Env},
     *     {@code User}, {@code WorkingDir}) and its root file system
     * @throws IllegalStateException when tar fails or the archive holds no single image
     */
    public static Unpacked unpack(Path archive) throws IOException, InterruptedException {
        // Readable by the image's user, who must reach the root file system inside it (a temporary folder is 0700).
        Path folder = Files.createTempDirectory("alfred-image",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path blobs = Files.createDirectories(folder.resolve("archive"));
        Path root = Files.createDirectories(folder.resolve("rootfs"));
        tar(archive, blobs);
        JsonNode manifest = JSON.readTree(blobs.resolve("manifest.json").toFile());
        if (manifest.size() != 1) {
            throw new IllegalStateException("expected one image in " + archive + ", found " + manifest.size());
        }
        for (JsonNode layer : manifest.get(0).path("Layers")) {
            tar(blobs.resolve(layer.asText()), root);
        }
        JsonNode config = JSON.readTree(blobs.resolve(manifest.get(0).path("Config").asText()).toFile());
        return new Unpacked(config.path("config"), root);
    }

    private static void tar(Path archive, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "--numeric-owner", "-xf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IllegalStateException("tar -xf " + archive + " failed: " + output);
        }
    }

    /** An unpacked image: its config ({@code Entrypoint}, {@code Cmd}, {@code Env}, …) and its root file system. */
    public record Unpacked(JsonNode config, Path root) {
        /** @return the config's {@code name=value} environment entries, in order */
        public List<String> env() {
            List<String> env = new ArrayList<>();
            config.path("Env").forEach(entry -> env.add(entry.asText()));
            return env;
        }

        /** @return the value of the config's environment variable {@code name}, if it sets one */
        public Optional<String> env(String name) {
            return env().stream().filter(entry -> entry.startsWith(name + "="))
                    .map(entry -> entry.substring(name.length() + 1)).findFirst();
        }

        /** @return the config's {@code Entrypoint} followed by its {@code Cmd} */
        public List<String> command() {
            List<String> command = new ArrayList<>();
            config.path("Entrypoint").forEach(arg -> command.add(arg.asText()));
            config.path("Cmd").forEach(arg -> command.add(arg.asText()));
            return command;
        }

        /**
         * Starts the image's entrypoint and command as a container would, its output in a temporary log file.
         *
         * @param extraEnv variables added to (or replacing) the config's {@code Env}, e.g. {@code PORT}
         */
        public ImageContainer run(Map<String, String> extraEnv) throws IOException {
            String[] user = config.path("User").asText("0:0").split(":");
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + user[0],
                    "--regid=" + (user.length > 1 ? user[1] : user[0]), "--clear-groups", "--",
                    "bwrap", "--bind", root.toString(), "/", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                    "--unshare-pid", "--die-with-parent", "--chdir", config.path("WorkingDir").asText("/"),
                    "--clearenv"));
            for (String entry : env()) {
                String[] pair = entry.split("=", 2);
                if (!extraEnv.containsKey(pair[0])) {
                    command.addAll(List.of("--setenv", pair[0], pair[1]));
                }
            }
            extraEnv.forEach((name, value) -> command.addAll(List.of("--setenv", name, value)));
            command.add("--");
            command.addAll(command());
            Path log = Files.createTempFile("alfred-image", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new ImageContainer(process, log);
        }

        /** Deletes the unpacked image (its archive folder and root file system). */
        public void delete() throws IOException {
            try (var paths = Files.walk(root.getParent())) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** @return whether the container's process (bubblewrap, and under it the entrypoint) still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM to the container's main process, as {@code docker stop} does: the process bubblewrap started
     * (the entrypoint, which execs java), not bubblewrap itself, which does not forward signals.
     *
     * @throws IllegalStateException when the container has no such process
     */
    public void stop() {
        ProcessHandle main = process.toHandle().descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no java process in the container"));
        main.destroy();
    }

    /**
     * @return the container's exit status (bubblewrap exits with its child's), or empty when it has not ended within
     *     {@code seconds}
     */
    public Optional<Integer> awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** @return the container's output so far */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
