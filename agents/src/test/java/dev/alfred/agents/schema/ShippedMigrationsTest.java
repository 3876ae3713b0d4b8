package dev.alfred.agents.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link ShippedMigrations#NEWEST}: lists {@code db/migration} as the build put it on the test classpath (the
 * {@code target/classes} directory, a copy of {@code src/main/resources/db/migration}) and fails when a migration is
 * added, removed or misnamed without the constant following, which would make every start run Flyway (a constant
 * behind) or skip a migration the database lacks (a constant ahead).
 */
class ShippedMigrationsTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    @Test
    void newestIsTheHighestVersionInTheMigrationDirectory() throws Exception {
        List<Integer> versions = migrationFiles().stream().map(ShippedMigrationsTest::version).sorted().toList();

        assertThat(versions).as("the versions shipped in db/migration").isNotEmpty();
        assertThat(versions.get(versions.size() - 1))
                .as("ShippedMigrations.NEWEST must be the newest V file in agents/src/main/resources/db/migration")
                .isEqualTo(ShippedMigrations.NEWEST);
    }

    @Test
    void theMigrationsAreVersionedScriptsNumberedWithoutGapsOrRepeats() throws Exception {
        List<String> names = migrationFiles();

        assertThat(names).as("only V<n>__<description>.sql scripts: a repeatable (R__) or Java migration would need "
                + "the schema check in SchemaHistory to change").allMatch(name -> VERSIONED.matcher(name).matches());
        assertThat(names.stream().map(ShippedMigrationsTest::version).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, ShippedMigrations.NEWEST).boxed().toList());
    }

    private static List<String> migrationFiles() throws IOException, URISyntaxException {
        URL directory = ShippedMigrationsTest.class.getClassLoader().getResource("db/migration");
        assertThat(directory).as("db/migration on the test classpath").isNotNull();
        assertThat(directory.getProtocol()).as("a directory, not a jar entry").isEqualTo("file");
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static int version(String name) {
        Matcher matcher = VERSIONED.matcher(name);
        assertThat(matcher.matches()).as(name).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
