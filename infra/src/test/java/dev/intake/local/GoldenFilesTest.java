package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.core.imports.ObjectKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Golden files (src/test/resources/golden/README.md): each CSV beside its expected report and,
 * where present, the expected inventory, purchase orders and errors CSV after the import. Every
 * case runs through the real handler, from an S3 event, in a fresh org seeded from catalog.json.
 * A case whose report is not SUCCEEDED must leave every table exactly as it found it.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final String SETUP = ".setup.csv";
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    static Stream<Path> cases() throws IOException {
        try (var files = Files.walk(GOLDEN)) {
            return files.filter(f -> f.toString().endsWith(".csv") && !f.toString().endsWith(".errors.csv")
                            && !f.toString().endsWith(SETUP))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importFile_goldenCase_matchesExpectedOutputs(Path csv) throws Exception {
        var org = "golden" + ORGS.incrementAndGet();
        emulators.loadCatalog(GOLDEN.resolve("catalog.json"), org);
        setUp(csv, org);
        var before = emulators.dataTables();
        var key = org + "/" + keyOf(csv);

        emulators.deliver(emulators.put(key, Files.readAllBytes(csv)));

        var report = normalized(emulators.report(key));
        expect(csv, ".report.json", neutral(JSON.writeValueAsString(report), org) + "\n");
        if (!report.get("status").asText().equals("SUCCEEDED")) {
            assertThat(emulators.dataTables()).as("tables after a %s import", report.get("status").asText()).isEqualTo(before);
        }
        expectIfPresent(csv, ".inventory.jsonl", lines(emulators.inventory(org)));
        expectIfPresent(csv, ".purchase-orders.jsonl", lines(emulators.purchaseOrders(org)));
        expectIfPresent(csv, ".errors.csv", emulators.text(key + ObjectKey.ERRORS_SUFFIX).map(text -> neutral(text, org)).orElse(""));
        expectIfPresent(csv, ".history.jsonl", neutral(lines(history(org)), org));
    }

    /** A case may need records a file makes first: {@code <case>.setup.csv}, imported (and succeeding) before it. */
    private static void setUp(Path csv, String org) throws IOException {
        var setup = sibling(csv, SETUP);
        if (Files.exists(setup)) {
            var key = org + "/" + importerOf(csv) + "/" + setup.getFileName();
            var report = emulators.importFile(key, Files.readString(setup, StandardCharsets.UTF_8));
            assertThat(report.get("status").asText()).as("setup %s: %s", setup, report).isEqualTo("SUCCEEDED");
        }
    }

    /**
     * The key a case is uploaded under: {@code <importer>/<name>}, {@code <importer>/validate/<name>}
     * for a dry run, and for a misplaced key one folder too deep.
     */
    private static String keyOf(Path csv) {
        var name = csv.getFileName().toString();
        return switch (csv.getParent().getFileName().toString()) {
            case "validate" -> importerOf(csv) + "/validate/" + name;
            case "misplaced" -> "part-inventory/archive/" + name;
            default -> importerOf(csv) + "/" + name;
        };
    }

    /** The importer a case's folder names; hostile inputs go to part-inventory. */
    private static String importerOf(Path csv) {
        var folder = csv.getParent().getFileName().toString();
        if (folder.equals("validate")) {
            folder = csv.getParent().getParent().getFileName().toString();
        }
        return folder.equals("hostile") || folder.equals("misplaced") ? "part-inventory" : folder;
    }

    /** The org's import history: the fields a user reads, one JSON line per import in start order. */
    private static List<String> history(String org) {
        return emulators.imports().stream()
                .filter(item -> org.equals(item.get("org").s()))
                .sorted(java.util.Comparator.comparing(item -> item.get("startedAt").s()))
                .map(item -> {
                    var line = new java.util.LinkedHashMap<String, Object>();
                    for (var field : List.of("importer", "mode", "status", "key", "rows", "created", "updated", "errors",
                            "reportKey", "errorsKey")) {
                        var value = item.get(field);
                        line.put(field, value == null ? null : value.s() != null ? value.s() : Long.valueOf(value.n()));
                    }
                    return dev.intake.core.report.JsonText.encode(line);
                })
                .toList();
    }

    /** Drops what differs on every run: ids of the import, timestamps, the object's version. */
    private static JsonNode normalized(JsonNode report) {
        var copy = (ObjectNode) report.deepCopy();
        copy.remove(List.of("importId", "startedAt", "finishedAt"));
        ((ObjectNode) copy.get("source")).remove(List.of("bucket", "versionId", "eTag", "uploader"));
        return copy;
    }

    /** Each case runs in its own org; the expected files say "acme". */
    private static String neutral(String text, String org) {
        return text.replaceAll("\\b" + org + "\\b", "acme");
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static void expectIfPresent(Path csv, String suffix, String actual) throws IOException {
        if (Files.exists(sibling(csv, suffix))) {
            expect(csv, suffix, actual);
        }
    }

    private static void expect(Path csv, String suffix, String actual) throws IOException {
        var expected = sibling(csv, suffix);
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("expected file beside %s", csv).exists();
        assertThat(actual).as("%s", expected).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    private static Path sibling(Path csv, String suffix) {
        var name = csv.getFileName().toString();
        return csv.resolveSibling(name.substring(0, name.length() - ".csv".length()) + suffix);
    }
}
