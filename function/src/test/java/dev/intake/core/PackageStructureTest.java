package dev.intake.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain core's shape, read from its sources: no AWS code (adapters live in dev.intake.aws),
 * and packages that depend on each other one way only, so each can be read without the ones above it.
 */
class PackageStructureTest {

    private static final Path CORE = Path.of("src/main/java/dev/intake/core");
    private static final Pattern CORE_REFERENCE = Pattern.compile("dev\\.intake\\.core\\.([a-z]+)\\.");
    /** The order README.md gives. */
    private static final List<String> LOWEST_FIRST = List.of("values", "report", "attributes", "commit", "catalog", "csv",
            "columns", "imports", "inventory", "purchasing");
    private static final Pattern AWS_REFERENCE = Pattern.compile("software\\.amazon|com\\.amazonaws|dev\\.intake\\.aws\\.");

    @Test
    void sources_corePackages_haveNoAwsCode() {
        var offenders = sources().stream()
                .filter(file -> AWS_REFERENCE.matcher(read(file)).find())
                .map(file -> CORE.relativize(file).toString())
                .toList();

        assertThat(offenders).isEmpty();
    }

    /**
     * README.md names the core's packages lowest first, each readable without those after it: it
     * had {@code catalog} before {@code commit}, which catalog uses (found by review on 6
     * December 2026; the test checked nine pairs then).
     */
    @Test
    void dependencies_eachPackage_reachesOnlyThoseBeforeItInTheReadmesOrder() {
        var dependencies = dependencies();
        assertThat(dependencies.keySet()).as("every core package has its place").containsExactlyInAnyOrderElementsOf(LOWEST_FIRST);

        for (int i = 0; i < LOWEST_FIRST.size(); i++) {
            var below = LOWEST_FIRST.subList(0, i);
            assertThat(below).as("what %s reaches", LOWEST_FIRST.get(i))
                    .containsAll(dependencies.getOrDefault(LOWEST_FIRST.get(i), Set.of()));
        }
    }

    /** Each core package and the core packages its sources name (imports or qualified names). */
    private static Map<String, Set<String>> dependencies() {
        var dependencies = new TreeMap<String, Set<String>>();
        for (var file : sources()) {
            var from = CORE.relativize(file).getName(0).toString();
            var to = dependencies.computeIfAbsent(from, p -> new TreeSet<>());
            var matcher = CORE_REFERENCE.matcher(read(file));
            while (matcher.find()) {
                if (!matcher.group(1).equals(from)) {
                    to.add(matcher.group(1));
                }
            }
        }
        return dependencies;
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(CORE)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
