package dev.alfred.bot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Real MCP servers for integration tests: the reference server {@value #EVERYTHING} at version {@value #VERSION}
 * (installed by {@code .ci/run} with {@code npm install --prefix .ci/mcp}), and {@code notes-server.mjs} from the test
 * resources, on the MCP TypeScript SDK that the reference server brings. Everything listens on 127.0.0.1 only.
 *
 * <p>The installation is found in {@code alfred.test.mcp-dir} (a system property) or {@code .ci/mcp} in the
 * repository; when it or {@code node} is missing, {@link #requireInstalled()} fails the test with the command that
 * installs it, instead of letting the tests pass without a server.
 */
public final class McpTestServers {
    /** The reference server's npm package. */
    public static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    /** The pinned version, as in {@code .ci/mcp/package.json}. */
    public static final String VERSION = "2026.8.31";
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private McpTestServers() {
    }

    /** @return the npm prefix the servers are installed under */
    public static Path installDir() {
        String configured = System.getProperty("alfred.test.mcp-dir");
        return configured == null || configured.isBlank() ? ROOT.resolve(".ci/mcp") : Path.of(configured);
    }

    /** @return the reference server's entry point ({@code node <it> stdio|streamableHttp}) */
    public static Path everything() {
        return installDir().resolve("node_modules").resolve(EVERYTHING).resolve("dist/index.js");
    }

    /**
     * Fails (an {@link AssertionError}) unless {@code node} runs and the reference server is installed.
     */
    public static void requireInstalled() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new AssertionError("`node --version` failed: install Node.js 18 or newer");
            }
        } catch (IOException e) {
            throw new AssertionError("node is not on the PATH: install Node.js 18 or newer (.ci/run does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!Files.isRegularFile(everything())) {
            throw new AssertionError("The MCP reference server is not installed at " + everything() + ". Run `npm "
                    + "install --prefix .ci/mcp " + EVERYTHING + "@" + VERSION + "` in the repository (.ci/run does), "
                    + "or point -Dalfred.test.mcp-dir at an npm prefix that has it.");
        }
    }

    /**
     * Copies the test resource {@code mcp/<name>} into {@code dir}, next to a link to the installation's
     * {@code node_modules}, so that its imports resolve.
     *
     * @return the copied file
     */
    public static Path script(Path dir, String name) {
        try (InputStream in = McpTestServers.class.getResourceAsStream("/mcp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource mcp/" + name);
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            Path modules = dir.resolve("node_modules");
            if (!Files.exists(modules)) {
                Files.createSymbolicLink(modules, installDir().resolve("node_modules").toAbsolutePath());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a port nobody listens on at the moment, on 127.0.0.1 */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The reference server in Streamable HTTP mode, as a child process of the tests. */
    public static final class Http implements AutoCloseable {
        private final Process process;
        private final int port;

        private Http(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /**
         * Starts {@code node -r loopback.cjs <server> streamableHttp} with {@code PORT} set, and waits until it
         * accepts connections on 127.0.0.1.
         *
         * @param dir where the preload script and the server's log go
         */
        public static Http start(Path dir) throws IOException {
            int port = freePort();
            Path preload = script(dir, "loopback.cjs");
            ProcessBuilder builder = new ProcessBuilder("node", "-r", preload.toString(), everything().toString(),
                    "streamableHttp").redirectErrorStream(true).redirectOutput(dir.resolve("everything-http.log")
                    .toFile());
            builder.environment().put("PORT", String.valueOf(port));
            Http http = new Http(builder.start(), port);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.listening());
            return http;
        }

        /** @return the MCP endpoint, {@code http://127.0.0.1:<port>/mcp} */
        public String url() {
            return "http://127.0.0.1:" + port + "/mcp";
        }

        private boolean listening() {
            if (!process.isAlive()) {
                throw new AssertionError("the Streamable HTTP server exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
