package dev.intake.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The domain core's shape, read from its sources: no AWS code (adapters live in dev.intake.aws),
 * and packages that depend on each other one way only, so each can be read without the ones above it.
 */
class PackageStructureTest {

    private static final Path CORE = Path.of("src/main/java/dev/intake/core");
    private static final Pattern CORE_REFERENCE = Pattern.compile("dev\\.intake\\.core\\.([a-z]+)\\.");
    private static final Pattern AWS_REFERENCE = Pattern.compile("software\\.amazon|com\\.amazonaws|dev\\.intake\\.aws\\.");

    @Test
    void sources_corePackages_haveNoAwsCode() {
        var offenders = sources().stream()
                .filter(file -> AWS_REFERENCE.matcher(read(file)).find())
                .map(file -> CORE.relativize(file).toString())
                .toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void dependencies_corePackages_formNoCycle() {
        var dependencies = dependencies();

        assertThat(cycles(dependencies)).as("package cycles in %s", dependencies).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"report, csv", "attributes, csv", "attributes, columns", "csv, columns", "imports, inventory",
            "imports, purchasing", "inventory, purchasing", "report, imports", "commit, imports"})
    void dependencies_lowerPackage_doesNotReachTheHigherOne(String lower, String higher) {
        assertThat(dependencies().getOrDefault(lower, Set.of())).doesNotContain(higher);
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

    /** Every package that can reach itself, as "a -> b -> a" paths (empty when the graph is acyclic). */
    private static List<String> cycles(Map<String, Set<String>> dependencies) {
        var cycles = new ArrayList<String>();
        for (var start : dependencies.keySet()) {
            walk(start, start, new ArrayList<>(List.of(start)), dependencies, cycles);
        }
        return cycles;
    }

    private static void walk(String start, String at, List<String> path, Map<String, Set<String>> dependencies, List<String> cycles) {
        for (var next : dependencies.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(start, next, path, dependencies, cycles);
                path.removeLast();
            }
        }
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
