package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.imports.ObjectKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one tenant can reach, what the function writes to the bucket, and what its reports and
 * logs reveal. Each test has its own pair of tenants (the acme and globex sample catalogs loaded
 * under fresh names), so the tests do not depend on each other's records.
 */
class SecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TENANTS = new AtomicInteger();
    /** Every key this class uploaded: the bucket may hold only these and their two outputs. */
    private static final Set<String> UPLOADED = ConcurrentHashMap.newKeySet();
    private static final String SECRET = "sk_live_4f9a8c7e6d5b4a3928171615141312111009080706050403020100ffeeddccbbaa99";
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private record Tenants(String acme, String globex) {}

    private static Tenants tenants() throws Exception {
        int n = TENANTS.incrementAndGet();
        var tenants = new Tenants("acme" + n, "globex" + n);
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), tenants.acme());
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/globex/catalog.json"), tenants.globex());
        return tenants;
    }

    // ---- org isolation ---------------------------------------------------------------------------

    @Test
    void import_globexFileNamingAcmeInventoryIds_notFoundAndAcmeUnchanged() throws Exception {
        var t = tenants();
        var acmeInventory = emulators.inventory(t.acme());
        var tables = emulators.dataTables();
        // 1012 and 1003 are acme's seeded items, 1019 acme's On Order screws; globex has only 1001.
        var csv = "id,quantity,location\n1012,0,Receiving\n1003,5,Receiving\n1019,1,Receiving\n";

        var report = importFile(t.globex() + "/part-inventory/reach.csv", csv);

        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("2 id NOT_FOUND", "3 id NOT_FOUND", "4 id NOT_FOUND");
        assertThat(emulators.inventory(t.acme())).isEqualTo(acmeInventory);
        assertThat(emulators.dataTables()).isEqualTo(tables);
    }

    @Test
    void import_globexFileUpdatingAnIdBothOrgsHave_changesOnlyGlobexRecord() throws Exception {
        var t = tenants();
        var acmeInventory = emulators.inventory(t.acme());

        var report = importFile(t.globex() + "/part-inventory/count.csv", "id,quantity\n1001,3\n");

        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(S3EventDeliveryTest.counts(report)).containsExactly(1, 0, 1, 0);
        assertThat(emulators.inventory(t.acme())).isEqualTo(acmeInventory);
        var globex1001 = record(emulators.inventory(t.globex()), "id", "1001");
        assertThat(globex1001.get("partNumber").asText()).isEqualTo("DOME-7");
        assertThat(globex1001.get("quantity").asText()).isEqualTo("3");
    }

    @Test
    void import_globexPoFileNamingAcmePoNumbers_createsGlobexPosAndLeavesAcmeUntouched() throws Exception {
        var t = tenants();
        var acmeOrders = emulators.purchaseOrders(t.acme());
        var acmeInventory = emulators.inventory(t.acme());
        var csv = "po_number,supplier,part_number,quantity\nPO-900,Globex Supply,DOME-7,3\nPO-901,Globex Supply,DOME-7,1\n";

        var report = importFile(t.globex() + "/purchase-orders/orders.csv", csv);

        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(S3EventDeliveryTest.counts(report)).containsExactly(2, 2, 0, 0);
        assertThat(report.get("created")).extracting(c -> c.get("id").asText()).containsExactly("PO-900", "PO-901");
        assertThat(emulators.purchaseOrders(t.acme())).isEqualTo(acmeOrders);
        assertThat(emulators.inventory(t.acme())).isEqualTo(acmeInventory);
        var globexPo900 = record(emulators.purchaseOrders(t.globex()), "poNumber", "PO-900");
        assertThat(globexPo900.get("status").asText()).isEqualTo("DRAFT");
        assertThat(globexPo900.get("supplier").asText()).isEqualTo("Globex Supply");
        assertThat(record(emulators.purchaseOrders(t.acme()), "poNumber", "PO-900").get("status").asText()).isEqualTo("ORDERED");
    }

    @Test
    void import_globexPoFileRenamingAcmePo_notFoundAndNothingChanged() throws Exception {
        var t = tenants();
        var tables = emulators.dataTables();

        var report = importFile(t.globex() + "/purchase-orders/rename.csv",
                "po_number,original_po_number,supplier\nPO-950,PO-901,Globex Supply\n");

        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("2 original_po_number NOT_FOUND");
        assertThat(emulators.dataTables()).isEqualTo(tables);
    }

    @Test
    void import_orgNameWithHash_refusedWithAReport() {
        var report = importFile("hash" + TENANTS.incrementAndGet() + "#X/part-inventory/serials.csv",
                "part_number,quantity\nY,1\n");

        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("UNKNOWN_IMPORTER");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("'#'");
    }

    /**
     * Table keys join org, part number and revision with '#' (docs/dynamodb.md): part "X#Y" rev
     * "Z" and part "X" rev "Y#Z" would share one, so a catalog may not hold '#' in either.
     */
    @Test
    void catalog_partNumberWithHash_refusedSoKeysCannotCoincide(@TempDir Path dir) throws Exception {
        var catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, """
                {"org": "any", "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "X#Y", "revision": "Z", "trackingType": "serial", "unitOfMeasure": "each"}]}
                """);

        assertThatThrownBy(() -> emulators.loadCatalog(catalog, "hash" + TENANTS.incrementAndGet()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("may not contain '#'");
    }

    // ---- what the function writes to the bucket --------------------------------------------------

    @Test
    void bucket_afterSucceedingFailingValidatingAndIgnoredUploads_holdsOnlyUploadsAndTheirReportAndErrorsFiles() throws Exception {
        var t = tenants();
        var a = t.acme();
        importFile(a + "/part-inventory/good.csv", "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n");
        importFile(a + "/part-inventory/bad.csv", "part_number,quantity,location\nFST-M3-10,-5,Stockroom A\nFST-M3-10,x,Nowhere\n");
        importFile(a + "/part-inventory/validate/check.csv", "part_number,quantity\nFST-M3-10,5\n");
        importFile(a + "/purchase-orders/bad.csv", "po_number,supplier\nPO-1,Nobody Inc\n");
        importFile(a + "/notes.csv", "hello\n");
        deliverOnly(a + "/part-inventory/readme.txt", "not a csv\n");
        deliverOnly(a + "/part-inventory/bad.csv.errors.csv", "part_number,quantity\nFST-M3-10,5\n");
        var good = importFile(a + "/part-inventory/again.csv", "part_number,quantity\nFST-M3-10,1\n");
        deliverOnly(a + "/part-inventory/again.csv.report.json", good.toString());

        var keys = emulators.bucketKeys();

        assertThat(keys).contains(a + "/part-inventory/bad.csv.report.json", a + "/part-inventory/bad.csv" + ObjectKey.ERRORS_SUFFIX,
                a + "/part-inventory/good.csv.report.json", a + "/notes.csv.report.json");
        assertThat(keys).allSatisfy(key -> assertThat(UPLOADED.contains(key)
                || UPLOADED.stream().filter(u -> u.endsWith(".csv"))
                        .anyMatch(u -> key.equals(u + ".report.json") || key.equals(u + ObjectKey.ERRORS_SUFFIX)))
                .as("%s is an upload, or the report or errors CSV of an uploaded CSV", key).isTrue());
        assertThat(keys).doesNotContain(a + "/part-inventory/readme.txt.report.json",
                a + "/part-inventory/good.csv" + ObjectKey.ERRORS_SUFFIX,
                a + "/part-inventory/validate/check.csv" + ObjectKey.ERRORS_SUFFIX);
    }

    // ---- what reports echo ----------------------------------------------------------------------

    @Test
    void report_failingInventoryRowWithSecretInAValidColumn_doesNotContainTheSecret() throws Exception {
        var t = tenants();

        var report = importFile(t.acme() + "/part-inventory/secret.csv",
                "part_number,quantity,location,BatchID\nFST-M3-10,-5,Stockroom A," + SECRET + "\n");

        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("2 quantity NEGATIVE_NUMBER");
        assertThat(report.get("errors").get(0).get("value").asText()).isEqualTo("-5");
        assertThat(report.toString()).doesNotContain(SECRET).doesNotContain(SECRET.substring(8, 28));
    }

    @Test
    void report_failingPoRowWithSecretInAValidColumn_doesNotContainTheSecret() throws Exception {
        var t = tenants();

        var report = importFile(t.acme() + "/purchase-orders/secret.csv",
                "po_number,supplier,part_number,quantity,cost,description\nPO-7777,Acme Metals,FST-M3-10,10,-2," + SECRET + "\n");

        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("2 cost NEGATIVE_NUMBER");
        assertThat(report.toString()).doesNotContain(SECRET).doesNotContain(SECRET.substring(8, 28));
    }

    @Test
    void report_longInvalidValues_echoedValueIsAtMost100CharactersAndAnEllipsis() throws Exception {
        var t = tenants();
        var quantity = "1" + "x".repeat(4_999);
        var location = "L" + "y".repeat(4_999);

        var report = importFile(t.acme() + "/part-inventory/long.csv",
                "part_number,quantity,location\nFST-M3-10," + quantity + ",Stockroom A\nFST-M3-10,1," + location + "\n");

        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("2 quantity INVALID_NUMBER", "3 location UNKNOWN_REFERENCE");
        assertThat(report.get("errors").get(0).get("value").asText()).isEqualTo(quantity.substring(0, 100) + "…");
        assertThat(report.get("errors").get(1).get("value").asText()).isEqualTo(location.substring(0, 100) + "…");
    }

    /**
     * The error's value is shortened, but its message quotes the cell whole: a 30,000-character
     * cell reaches the report twice over, and a file of 1,000 such rows makes a report of ~30 MB.
     */
    @Test
    void report_longInvalidValue_messageDoesNotQuoteItWhole() throws Exception {
        var t = tenants();
        var quantity = "1" + "x".repeat(4_999);

        var report = importFile(t.acme() + "/part-inventory/long-message.csv",
                "part_number,quantity,location\nFST-M3-10," + quantity + ",Stockroom A\n");

        assertThat(report.toString()).doesNotContain(quantity.substring(0, 200));
    }

    // ---- what the handler logs ------------------------------------------------------------------

    @Test
    void handler_logLines_nameBucketKeyAndOutcomeButNoCellValues() throws Exception {
        var t = tenants();
        var good = t.acme() + "/part-inventory/logged-good.csv";
        var bad = t.acme() + "/part-inventory/logged-bad.csv";
        var ignored = t.acme() + "/part-inventory/logged.txt";
        var goodUpload = put(good, "part_number,quantity,location,BatchID\nFST-M3-10,5,Stockroom A,CELLVALUE-GOOD-7731\n");
        var badUpload = put(bad, "part_number,quantity,location,BatchID\nFST-M3-10,-5,Stockroom A,CELLVALUE-BAD-7732\n");
        var ignoredUpload = put(ignored, "CELLVALUE-TXT-7733\n");
        var log = new ByteArrayOutputStream();
        var context = new LocalContext("us-east-1", Duration.ofMinutes(15), Clock.systemUTC(),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        deliver(goodUpload, context);
        deliver(badUpload, context);
        deliver(badUpload, context); // a duplicate delivery
        deliver(ignoredUpload, context);

        var text = log.toString(StandardCharsets.UTF_8);
        var lines = text.lines().map(SecurityTest::json).toList();
        assertThat(lines).extracting(line -> line.get("key").asText()).containsExactly(good, bad, bad, ignored);
        assertThat(lines).allSatisfy(line -> assertThat(line.get("bucket").asText()).isEqualTo("intake-local"));
        assertThat(lines.get(0).get("report").asText()).isEqualTo(good + ".report.json");
        assertThat(lines.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(lines.get(1).get("status").asText()).isEqualTo("FAILED");
        assertThat(lines.get(2).get("outcome").asText()).contains("repeated delivery");
        assertThat(lines.get(3).get("outcome").asText()).contains("ignored");
        // The request id is a random UUID, which may hold "-5" itself.
        assertThat(text.replaceAll("\"AWSRequestId\":\"[^\"]*\"", ""))
                .doesNotContain("CELLVALUE", "Stockroom", "FST-M3-10", "-5");
    }

    /** A key is user input: one with a line break must not forge a second log line. */
    @Test
    void handler_keyWithLineBreak_logsOneLine() throws Exception {
        var t = tenants();
        var key = t.acme() + "/part-inventory/evil\n{\"outcome\":\"forged\"}.txt";
        var upload = new S3Events.Upload("us-east-1", emulators.aws.bucket(), key, 10, "0123456789abcdef0123456789abcdef",
                null, "00000000000000AB01", java.time.Instant.now());
        var log = new ByteArrayOutputStream();
        var context = new LocalContext("us-east-1", new PrintStream(log, true, StandardCharsets.UTF_8));

        deliver(upload, context);

        var lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(json(lines.getFirst()).get("key").asText()).isEqualTo(key);
    }

    /**
     * An operator reading the logs cannot tell a FAILED import from a SUCCEEDED one: both log
     * "report written". The status and counts hold no cell values.
     */
    @Test
    void handler_logLineOfFailedImport_namesItsStatus() throws Exception {
        var t = tenants();
        var upload = put(t.acme() + "/part-inventory/status.csv", "part_number,quantity\nFST-M3-10,-5\n");
        var log = new ByteArrayOutputStream();
        var context = new LocalContext("us-east-1", new PrintStream(log, true, StandardCharsets.UTF_8));

        deliver(upload, context);

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("FAILED");
    }

    // ---------------------------------------------------------------------------------------------

    /** Delivers as Lambda would, with the caller's context (whose logger the test reads). */
    private static List<String> deliver(S3Events.Upload upload, LocalContext context) {
        return emulators.handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), context);
    }

    private static S3Events.Upload put(String key, String text) {
        UPLOADED.add(key);
        return emulators.put(key, text);
    }

    private static JsonNode importFile(String key, String csv) {
        assertThat(emulators.deliver(put(key, csv))).containsExactly(key + ".report.json");
        return emulators.report(key);
    }

    private static void deliverOnly(String key, String text) {
        assertThat(emulators.deliver(put(key, text))).isEmpty();
    }

    private static JsonNode record(List<String> dump, String field, String value) {
        return dump.stream().map(SecurityTest::json).filter(r -> r.get(field).asText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no record with " + field + " " + value + " in " + dump));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
