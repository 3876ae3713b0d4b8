package dev.alfred.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.alfred.bot.config.AlfredSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/docker-compose.yml}, {@code docker/.env.example} and {@code docker/Dockerfile} agree with the
 * application, without a Docker engine: the files are parsed, and every variable they set is checked against
 * {@link AlfredSettings}.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final JsonNode COMPOSE = yaml(DOCKER.resolve("docker-compose.yml"));
    private static final JsonNode POSTGRES = COMPOSE.path("services").path("postgres");
    private static final JsonNode ALFRED = COMPOSE.path("services").path("alfred");
    private static final String ENV_EXAMPLE = text(DOCKER.resolve(".env.example"));
    private static final List<Instruction> DOCKERFILE = Instruction.parse(text(DOCKER.resolve("Dockerfile")));
    private static final Path USER_HOME = Path.of("/home/alfred");

    /** Read by the image's ENTRYPOINT, as by {@code ./alfred}, rather than by the application. */
    private static final Set<String> READ_BY_ENTRYPOINT = Set.of("ALFRED_JAVA_OPTS");

    /** One Dockerfile instruction, continuation lines joined, comments dropped. */
    private record Instruction(String keyword, String arguments) {
        static List<Instruction> parse(String dockerfile) {
            List<Instruction> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : dockerfile.split("\n")) {
                if (line.strip().startsWith("#") || (line.isBlank() && current.length() == 0)) {
                    continue;
                }
                boolean continues = line.endsWith("\\");
                current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    String instruction = current.toString().strip();
                    int space = instruction.indexOf(' ');
                    instructions.add(new Instruction(instruction.substring(0, space).toUpperCase(),
                            instruction.substring(space + 1).strip()));
                    current.setLength(0);
                }
            }
            return instructions;
        }
    }

    private static JsonNode yaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's {@code environment}, written as a map or as a list of {@code NAME=value}. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            environment.forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            environment.fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        }
        return variables;
    }

    /** Every {@code NAME=} line of {@code .env.example}, set or commented out, with its value. */
    private static Map<String, String> envExample(boolean includeCommented) {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$").matcher(ENV_EXAMPLE);
        while (line.find()) {
            if (line.group(1) == null || includeCommented) {
                variables.put(line.group(2), line.group(3).strip());
            }
        }
        return variables;
    }

    /** Whether {@link AlfredSettings} turns the variable into a property (setting it changes the properties). */
    private static boolean readByAlfredSettings(String variable) {
        Map<String, Object> without = new AlfredSettings(Map.of(), USER_HOME).toProperties();
        Map<String, Object> with = new AlfredSettings(Map.of(variable, "4242"), USER_HOME).toProperties();
        return !with.equals(without);
    }

    /** The port Alfred listens on with the compose service's environment. */
    private static int appPort() {
        return (Integer) new AlfredSettings(environment(ALFRED), USER_HOME).toProperties()
                .get("micronaut.server.port");
    }

    private static List<Instruction> finalStage() {
        int lastFrom = 0;
        for (int i = 0; i < DOCKERFILE.size(); i++) {
            if (DOCKERFILE.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return DOCKERFILE.subList(lastFrom, DOCKERFILE.size());
    }

    private static List<String> arguments(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    private static String imageAlfredHome() {
        return arguments(finalStage(), "ENV").stream()
                .map(env -> Pattern.compile("ALFRED_HOME=(\\S+)").matcher(env))
                .filter(Matcher::find).map(matcher -> matcher.group(1)).findFirst().orElseThrow();
    }

    @Test
    void composeRunsPostgresAndAlfred() {
        assertThat(COMPOSE.path("services").has("postgres")).isTrue();
        assertThat(COMPOSE.path("services").has("alfred")).isTrue();
        assertThat(POSTGRES.path("image").asText()).isEqualTo("postgres:16");
        assertThat(ALFRED.path("build").path("context").asText()).isEqualTo("..");
        assertThat(DOCKER.resolve(ALFRED.path("build").path("context").asText())
                .resolve(ALFRED.path("build").path("dockerfile").asText()).normalize())
                .isEqualTo(DOCKER.resolve("Dockerfile").normalize());
    }

    @Test
    void composeRunsTheImageBuildImageWritesAndTheCommentedReplicaToo() {
        Matcher name = Pattern.compile("<alfred\\.image\\.name>([^<]+)</alfred\\.image\\.name>")
                .matcher(text(Path.of("pom.xml")));
        assertThat(name.find()).as("bot/pom.xml names the image (profile image)").isTrue();
        assertThat(ALFRED.path("image").asText()).isEqualTo(name.group(1));
        assertThat(text(DOCKER.resolve("docker-compose.yml"))).contains("#   image: " + name.group(1));
        assertThat(text(DOCKER.resolve("build-image"))).contains("target/image/alfred-image.tar");
    }

    @Test
    void theBuiltImageHasWhatComposesHealthCheckRunsAndRunsAsAnUnprivilegedUser() {
        String pom = text(Path.of("pom.xml"));
        Matcher packages = Pattern.compile("(?m)^packages=\"([^\"]+)\"")
                .matcher(text(DOCKER.resolve("build-image")));
        assertThat(packages.find()).isTrue();

        assertThat(ALFRED.path("healthcheck").path("test").toString()).contains("wget ");
        assertThat(List.of(packages.group(1).split(","))).contains("wget", "git", "bubblewrap",
                "openjdk-17-jre-headless", "ca-certificates");
        assertThat(pom).contains("<user>10001:10001</user>", "<ALFRED_HOME>" + imageAlfredHome() + "</ALFRED_HOME>",
                "<volume>" + imageAlfredHome() + "</volume>", "<port>" + appPort() + "</port>",
                "$ALFRED_JAVA_OPTS -jar /opt/alfred/alfred.jar", "<args><arg>serve</arg></args>");
    }

    @Test
    void alfredStartsOnlyOncePostgresIsHealthy() {
        assertThat(ALFRED.path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void bothServicesHaveHealthChecksAndPostgresUsesPgIsready() {
        assertThat(POSTGRES.path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(ALFRED.path("healthcheck").path("test").isMissingNode()).isFalse();
    }

    @Test
    void alfredsHealthCheckAsksForHealthOnThePortTheAppListensOn() {
        assertThat(appPort()).isEqualTo(3000);
        assertThat(ALFRED.path("healthcheck").path("test").toString())
                .containsPattern("http://(127\\.0\\.0\\.1|localhost):" + appPort() + "/health\\b");
    }

    @Test
    void thePublishedPortIsThePortTheAppListensOn() {
        List<String> ports = new ArrayList<>();
        ALFRED.path("ports").forEach(port -> ports.add(port.asText()));

        assertThat(ports).isNotEmpty().allSatisfy(port -> assertThat(port).endsWith(":" + appPort()));
    }

    @Test
    void everyVariableComposeOrEnvExampleSetsIsOneAlfredReads() {
        Set<String> variables = new TreeSet<>(environment(ALFRED).keySet());
        variables.addAll(envExample(true).keySet());

        assertThat(variables).isNotEmpty().allSatisfy(variable -> assertThat(readByAlfredSettings(variable)
                || READ_BY_ENTRYPOINT.contains(variable) && arguments(finalStage(), "ENTRYPOINT").toString()
                        .contains("$" + variable))
                .as("%s is read by AlfredSettings (or the image's ENTRYPOINT)", variable).isTrue());
    }

    @Test
    void everyVariableAlfredSettingsReadsIsInEnvExample() {
        Matcher literal = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"")
                .matcher(text(Path.of("src/main/java/dev/alfred/bot/config/AlfredSettings.java")));
        Set<String> read = new TreeSet<>();
        while (literal.find()) {
            if (readByAlfredSettings(literal.group(1))) {
                read.add(literal.group(1));
            }
        }

        assertThat(read).contains("SLACK_BOT_TOKEN", "ALFRED_DB_URL", "PORT")
                .allSatisfy(variable -> assertThat(ENV_EXAMPLE).containsPattern("\\b" + variable + "\\b"));
    }

    @Test
    void alfredsDatabaseIsThePostgresServiceWithItsDatabaseUserAndPassword() {
        Map<String, String> postgres = environment(POSTGRES);
        Map<String, String> alfred = environment(ALFRED);
        URI url = URI.create(alfred.get("ALFRED_DB_URL").substring("jdbc:".length()));

        assertThat(url.getScheme()).isEqualTo("postgresql");
        assertThat(url.getHost()).isEqualTo("postgres");
        assertThat(url.getPort()).isEqualTo(5432);
        assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(alfred.get("ALFRED_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(postgres.get("POSTGRES_PASSWORD")).startsWith("${ALFRED_DB_PASSWORD");
        assertThat(ALFRED.path("env_file").asText()).isEqualTo(".env");
        assertThat(envExample(false)).containsKey("ALFRED_DB_PASSWORD");
        assertThat(POSTGRES.path("healthcheck").path("test").toString())
                .contains("-U " + postgres.get("POSTGRES_USER")).contains("-d " + postgres.get("POSTGRES_DB"));
    }

    @Test
    void namedVolumesAreDeclaredAndHoldPostgresDataAndAlfredHome() {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode service : List.of(POSTGRES, ALFRED)) {
            service.path("volumes").forEach(volume -> {
                String[] parts = volume.asText().split(":");
                mounts.put(parts[1], parts[0]);
            });
        }

        assertThat(mounts).containsKeys("/var/lib/postgresql/data", imageAlfredHome());
        assertThat(mounts.values()).allSatisfy(volume -> assertThat(COMPOSE.path("volumes").has(volume))
                .as("volume %s is declared", volume).isTrue());
    }

    @Test
    void theDockerfileBuildsOnAJdkAndRunsTheJarOnAJre() {
        List<String> froms = arguments(DOCKERFILE, "FROM");

        assertThat(froms).containsExactly("eclipse-temurin:17-jdk AS build", "eclipse-temurin:17-jre");
        assertThat(arguments(DOCKERFILE, "RUN")).anySatisfy(run -> assertThat(run).startsWith("./mvnw -B")
                .contains("-DskipTests package"));
        assertThat(text(Path.of("pom.xml"))).contains("<finalName>alfred</finalName>");
        assertThat(arguments(finalStage(), "COPY")).anySatisfy(copy -> assertThat(copy)
                .startsWith("--from=build /build/bot/target/alfred.jar "));
    }

    @Test
    void theImageRunsAsAnUnprivilegedUser() {
        List<String> users = arguments(finalStage(), "USER");

        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).isNotIn("root", "0", "0:0");
    }

    @Test
    void theImageKeepsAlfredHomeInAVolume() {
        assertThat(imageAlfredHome()).isEqualTo("/var/lib/alfred");
        assertThat(arguments(finalStage(), "VOLUME")).contains(imageAlfredHome());
    }

    @Test
    void theImageExposesAndHealthChecksThePortTheAppListensOn() {
        int defaultPort = (Integer) new AlfredSettings(Map.of(), USER_HOME).toProperties().get("micronaut.server.port");

        assertThat(arguments(finalStage(), "EXPOSE")).containsExactly(String.valueOf(defaultPort));
        assertThat(arguments(finalStage(), "HEALTHCHECK")).singleElement().asString()
                .contains("CMD wget").contains("http://127.0.0.1:${PORT:-" + defaultPort + "}/health");
    }

    @Test
    void theEntrypointRunsTheJarLikeTheLauncherAndServesByDefault() {
        assertThat(text(ROOT.resolve("alfred"))).contains("java -Dfile.encoding=UTF-8");
        assertThat(arguments(finalStage(), "ENTRYPOINT")).singleElement().asString()
                .contains("exec java").contains("-Dfile.encoding=UTF-8").contains("-jar /opt/alfred/alfred.jar");
        assertThat(arguments(finalStage(), "CMD")).containsExactly("[\"serve\"]");
    }

    @Test
    void everythingTheBuildCopiesExistsAndDockerignoreAdmitsIt() {
        List<String> ignore = text(ROOT.resolve(".dockerignore")).lines().map(String::strip).toList();
        List<String> sources = new ArrayList<>();
        for (String copy : arguments(DOCKERFILE, "COPY")) {
            if (!copy.startsWith("--from=")) {
                String[] words = copy.split("\\s+");
                sources.addAll(List.of(words).subList(0, words.length - 1));
            }
        }

        assertThat(ignore).contains("*");
        assertThat(sources).contains("mvnw", "bot/src").allSatisfy(source -> {
            assertThat(ROOT.resolve(source)).exists();
            assertThat(ignore).as(".dockerignore admits " + source).containsAnyOf("!" + source, "!" + source + "/");
        });
        assertThat(ignore).doesNotContain("!docker/.env", "!docker/");
    }
}
