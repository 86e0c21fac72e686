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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    private static Emulators emulators;

    @BeforeAll
    static void start() throws Exception {
        emulators = Emulators.start();
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    static Stream<Path> cases() throws IOException {
        try (var files = Files.walk(GOLDEN)) {
            return files.filter(f -> f.toString().endsWith(".csv") && !f.toString().endsWith(".errors.csv"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importFile_goldenCase_matchesExpectedOutputs(Path csv) throws Exception {
        var org = "golden" + ORGS.incrementAndGet();
        emulators.loadCatalog(GOLDEN.resolve("catalog.json"), org);
        var before = emulators.dataTables();
        var key = org + "/" + importerOf(csv) + "/" + csv.getFileName();

        emulators.deliver(emulators.put(key, Files.readAllBytes(csv)));

        var report = normalized(emulators.report(key));
        expect(csv, ".report.json", neutral(JSON.writeValueAsString(report), org) + "\n");
        if (!report.get("status").asText().equals("SUCCEEDED")) {
            assertThat(emulators.dataTables()).as("tables after a %s import", report.get("status").asText()).isEqualTo(before);
        }
        expectIfPresent(csv, ".inventory.jsonl", lines(emulators.inventory(org)));
        expectIfPresent(csv, ".purchase-orders.jsonl", lines(emulators.purchaseOrders(org)));
        expectIfPresent(csv, ".errors.csv", emulators.text(key + ObjectKey.ERRORS_SUFFIX).map(text -> neutral(text, org)).orElse(""));
    }

    /** The folder a case sits in names its importer; hostile inputs go to part-inventory. */
    private static String importerOf(Path csv) {
        var folder = csv.getParent().getFileName().toString();
        return folder.equals("hostile") ? "part-inventory" : folder;
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
