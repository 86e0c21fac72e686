package dev.intake.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The classpaths the build writes to {@code bench/target/classpath/} (bench/pom.xml), for the
 * JVMs a benchmark starts: each gets what it would have in its real place and nothing more.
 *
 * @param benchClasses bench's own classes (a directory, or a jar), for a child JVM's main class
 * @param function the function's runtime classpath without any HTTP client, SDK at bench's version
 * @param clients the jars the candidate HTTP clients add to it (see {@link #jarsOf})
 * @param dynamoDbLocal everything DynamoDB Local's server process needs ({@link LocalDynamoServer})
 */
public record Classpaths(Path benchClasses, List<Path> function, List<Path> clients, List<Path> dynamoDbLocal) {

    /** Where the files are, unless given: next to bench's classes, in {@code target/classpath}. */
    public static final String DIRECTORY_PROPERTY = "intake.bench.classpaths";

    /** Reads the files of the last build of bench ({@code mvn package -pl bench -am}). */
    public static Classpaths fromBuild() throws IOException {
        Path benchClasses = locationOfBenchClasses();
        String given = System.getProperty(DIRECTORY_PROPERTY);
        Path directory = given != null ? Path.of(given) : benchClasses.getParent().resolve("classpath");
        return new Classpaths(benchClasses, read(directory.resolve("function.txt")),
                read(directory.resolve("clients.txt")), read(directory.resolve("dynamodb-local.txt")));
    }

    /**
     * What a child JVM running the function needs: bench's classes for its main, the function,
     * and the HTTP client the function's clients use (the URL-connection one).
     */
    public List<Path> intakeChild() {
        var classpath = new java.util.ArrayList<>(List.of(benchClasses));
        classpath.addAll(function);
        classpath.addAll(jarsOf(Set.of("url-connection-client")));
        return classpath;
    }

    /** The jars of {@link #clients} with these Maven artifact ids. */
    public List<Path> jarsOf(Set<String> artifactIds) {
        return clients.stream().filter(jar -> artifactIds.contains(artifactId(jar))).toList();
    }

    /**
     * A jar's Maven artifact id, from the local repository's layout
     * ({@code .../<artifactId>/<version>/<artifactId>-<version>.jar}).
     */
    public static String artifactId(Path jar) {
        return jar.getParent().getParent().getFileName().toString();
    }

    private static List<Path> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: build bench first (mvn package -DskipTests -pl bench -am)");
        }
        return Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    private static Path locationOfBenchClasses() {
        try {
            return Path.of(Classpaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
