package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.IntakeHandler;
import dev.intake.aws.CatalogItems;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartIndex;
import dev.intake.core.catalog.TrackingType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * An import in an org of many parts reads the names, users, requirements, attributes and settings
 * whole, and of the parts only those its file names: a 10-row file in an org of 20,000 parts read
 * all 5 MB of them (review "orgsize", 6 December 2026). What the file names is validated and
 * written as before: the latest revision for a blank one, unknown part numbers refused, part
 * numbers that begin alike kept apart, and a file naming more part numbers than are read one at a
 * time reads the rest at once.
 */
class LargeOrgCatalogReadsTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @TempDir
    static Path dir;

    private static final String ORG = "bigorg";
    private static final int EXTRA_PARTS = PartIndex.ON_DEMAND_NUMBERS + 50;

    /** The Acme sample catalog, 150 more parts P-000… (P-007 in two revisions), and HX beside HX-2. */
    @BeforeAll
    static void loadALargeCatalog() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), ORG);
        var parts = IntStream.range(0, EXTRA_PARTS).mapToObj(i -> part("P-%03d".formatted(i), "A", "none"))
                .collect(Collectors.toList());
        parts.add(part("P-007", "B", "lot"));
        parts.add(part("HX", "A", "none"));
        parts.add(part("HX-2", "A", "serial"));
        var file = dir.resolve("many-parts.json");
        Files.writeString(file, "{\"org\": \"x\", \"parts\": [" + String.join(",", parts) + "]}");
        emulators.loadCatalog(file, ORG);
    }

    private static String part(String number, String revision, String tracking) {
        return """
                {"partNumber": "%s", "revision": "%s", "trackingType": "%s", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}"""
                .formatted(number, revision, tracking);
    }

    @Test
    void forImport_orgOfManyParts_readsOnlyThePartNumbersLookedUp() {
        var partsRead = new CopyOnWriteArrayList<String>();
        var store = new DynamoCatalogStore(emulators.cliDynamoThrough(new PartItemsRead(partsRead), 3),
                emulators.aws.config().catalogTable());

        var catalog = store.forImport(ORG);
        int probe = partsRead.size();
        var latest = catalog.parts().find("p-007", "");
        var hx = catalog.parts().revisions("hx");
        int named = partsRead.size();
        var unknown = catalog.parts().hasPartNumber("NOPE-1");

        assertThat(probe).as("one page of parts, to learn the org has more than are read one at a time")
                .isEqualTo(PartIndex.ON_DEMAND_NUMBERS + 1);
        assertThat(partsRead.subList(probe, named)).as("what the lookups read")
                .containsExactly("part#p-007#a", "part#p-007#b", "part#hx#a");
        assertThat(latest).hasValueSatisfying(part -> assertThat(part.revision()).isEqualTo("B"));
        assertThat(hx).singleElement().satisfies(part -> assertThat(part.partNumber()).isEqualTo("HX"));
        assertThat(unknown).isFalse();
        assertThat(partsRead.size() - named).as("a number not under its key: every part read, once")
                .isEqualTo(store.load(ORG).parts().revisionsByNumber().values().stream().mapToInt(List::size).sum());
        assertThat(catalog.locations().find("receiving")).contains("Receiving");
        assertThat(catalog.missing()).isEmpty();
    }

    @Test
    void forImport_orgOfFewParts_readsThemWholeInOnePage() throws Exception {
        var file = dir.resolve("few-parts.json");
        Files.writeString(file, "{\"org\": \"x\", \"locations\": [\"Dock\"], \"unitsOfMeasure\": [\"each\"], \"parts\": [" + part("S", "A", "none") + "]}");
        emulators.loadCatalog(file, "smallorg");
        var partsRead = new CopyOnWriteArrayList<String>();
        var store = new DynamoCatalogStore(emulators.cliDynamoThrough(new PartItemsRead(partsRead), 3),
                emulators.aws.config().catalogTable());

        var catalog = store.forImport("smallorg");

        assertThat(partsRead).containsExactly("part#s#a");
        assertThat(catalog.parts().revisionsByNumber()).containsOnlyKeys("s");
        assertThat(catalog.parts().hasPartNumber("T")).isFalse();
        assertThat(partsRead).as("nothing read again").hasSize(1);
    }

    @Test
    void import_inventoryNamingAFewParts_validatedAndWrittenOnThem() {
        var refused = emulators.importFile(ORG + "/part-inventory/typo.csv", """
                part_number,revision,quantity,location
                P-007,,5,Receiving
                HX,,1,Receiving
                NOPE-1,,1,Receiving
                HX-2,,1,Receiving
                """);

        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(errors(refused)).as("P-007's latest revision, B, is lot-tracked; HX-2 serial-tracked").containsExactly(
                "2 lot_number TRACKING_REQUIRED",
                "4 part_number UNKNOWN_REFERENCE",
                "5 serial_number TRACKING_REQUIRED");

        var report = emulators.importFile(ORG + "/part-inventory/good.csv", """
                part_number,revision,quantity,location,lot_number
                P-007,,5,Receiving,L-1
                P-007,A,2,Receiving,
                HX,,1,Receiving,
                """);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(ORG)).filteredOn(line -> line.contains("\"P-007\"") || line.contains("\"HX\""))
                .extracting(line -> line.replaceAll(".*\"partNumber\":\"([^\"]+)\",\"revision\":\"([^\"]+)\".*", "$1 $2"))
                .containsExactlyInAnyOrder("P-007 B", "P-007 A", "HX A");
    }

    @Test
    void import_purchaseOrderNamingMorePartNumbersThanAreReadOneAtATime_readsTheRestAndSucceeds() {
        var csv = new StringBuilder("po_number,supplier,ship_to_location,part_number,revision,quantity,cost\n");
        for (int i = 0; i < EXTRA_PARTS; i++) {
            csv.append("PO-LARGE-1,Acme Metals,Receiving,P-%03d,A,1,2\n".formatted(i));
        }
        csv.append("PO-LARGE-1,Acme Metals,Receiving,NOPE-2,A,1,2\n");

        var refused = emulators.importFile(ORG + "/purchase-orders/many.csv", csv.toString());

        assertThat(errors(refused)).containsExactly((EXTRA_PARTS + 2) + " part_number UNKNOWN_REFERENCE");

        var report = emulators.importFile(ORG + "/purchase-orders/many.csv",
                csv.substring(0, csv.lastIndexOf("PO-LARGE-1,Acme Metals,Receiving,NOPE-2")));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(ORG)).filteredOn(po -> po.contains("PO-LARGE-1")).singleElement()
                .satisfies(po -> assertThat(po.split("\"partNumber\":\"P-", -1)).as("its lines").hasSize(EXTRA_PARTS + 1));
    }

    /**
     * A one-row edit of a stored PO whose lines name more part numbers than are read one at a time
     * reads the part its row names, not every line's: the commit's catalog fingerprint covered
     * every line's part, and such an edit read 100 parts one query after another and then the
     * org's whole catalog (found by review "poscale" on 6 December 2026). A ship-to change still
     * reads them all: it moves every line's On Order records, each on its part.
     */
    @Test
    void import_oneRowEditOfAPoOfManyParts_readsThePartItsRowNames() {
        var csv = new StringBuilder("po_number,supplier,ship_to_location,part_number,revision,quantity,cost\n");
        for (int i = 0; i < EXTRA_PARTS; i++) {
            csv.append("PO-WIDE-1,Acme Metals,Receiving,P-%03d,A,1,2\n".formatted(i));
        }
        assertThat(emulators.importFile(ORG + "/purchase-orders/wide.csv", csv.toString()).get("status").asText())
                .isEqualTo("SUCCEEDED");
        var partsRead = new CopyOnWriteArrayList<String>();
        var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(),
                emulators.dynamoThrough(new PartItemsRead(partsRead), 3));

        var edit = importThrough(handler, "one-row.csv", "po_number,part_number,quantity\nPO-WIDE-1,P-149,3\n");
        int editRead = partsRead.size();
        partsRead.clear();
        var move = importThrough(handler, "ship-to.csv", "po_number,ship_to_location\nPO-WIDE-1,Stockroom A\n");

        assertThat(edit.get("status").asText()).as(edit.toString()).isEqualTo("SUCCEEDED");
        assertThat(move.get("status").asText()).as(move.toString()).isEqualTo("SUCCEEDED");
        assertThat(editRead).as("part items read: the probe page and P-149").isLessThanOrEqualTo(PartIndex.ON_DEMAND_NUMBERS + 2);
        assertThat(partsRead).as("part items read by a ship-to change: every line's part").hasSizeGreaterThan(EXTRA_PARTS);
    }

    private static JsonNode importThrough(IntakeHandler handler, String name, String csv) {
        var key = ORG + "/purchase-orders/" + name;
        handler.handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, csv))), Emulators.context(Duration.ofMinutes(15)));
        return emulators.report(key);
    }

    /**
     * A part_number cell longer than a sort key may be (1,024 bytes) names no part: refused on its
     * cell, as in a small org. Found by review "ondemand" on 6 December 2026: the on-demand query
     * for it was refused by DynamoDB, and the import was a stack trace and Lambda's retries, no
     * report, left RUNNING.
     */
    @Test
    void import_partNumberLongerThanAKey_refusedOnItsCell() {
        var inventory = emulators.importFile(ORG + "/part-inventory/long.csv",
                "part_number,quantity,location\n" + "X".repeat(1100) + ",1,Receiving\n");
        var orders = emulators.importFile(ORG + "/purchase-orders/long.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-L1,Acme Metals,Receiving," + "部".repeat(400) + ",1,2\n");

        assertThat(inventory.get("status").asText()).isEqualTo("FAILED");
        assertThat(errors(inventory)).containsExactly("2 part_number UNKNOWN_REFERENCE");
        assertThat(orders.get("status").asText()).isEqualTo("FAILED");
        assertThat(errors(orders)).containsExactly("2 part_number UNKNOWN_REFERENCE");
    }

    /**
     * A part revision a catalog load stored before 5 December 2026, when the key kept a no-break
     * space as it was: the on-demand query for "nb part" misses it, and the whole read that
     * follows, which groups parts by their own part numbers, finds it in any spelling (found by
     * review "ondemand" on 6 December 2026: every row naming it failed UNKNOWN_REFERENCE).
     */
    @Test
    void forImport_partStoredUnderAnOlderKeyForm_foundAsByTheWholeRead() {
        var store = new DynamoCatalogStore(emulators.aws.dynamo(), emulators.aws.config().catalogTable());
        var item = new HashMap<>(CatalogItems.part(ORG, new Part("NB\u00A0PART", "A", TrackingType.NONE, "each",
                "receivable_inventory", List.of()), 900_000));
        item.put("sk", AttributeValue.fromS("part#nb\u00A0part#a")); // as the key was written until 5 December 2026
        store.putAll(List.of(item));

        assertThat(store.load(ORG).parts().hasPartNumber("NB PART")).as("the whole read").isTrue();
        assertThat(store.forImport(ORG).parts().hasPartNumber("NB PART")).isTrue();
        assertThat(store.forImport(ORG).parts().hasPartNumber("nb\u00A0part")).isTrue();
    }

    /**
     * A part stored before 5 December 2026 under the older key form (untracked), then loaded again
     * made serial-tracked: the load matched stored parts by their key, wrote revision A again
     * under the current one beside the old item, and imports found one or the other, the reload's
     * type or the old, depending on whether the rest of the file made them read every part (found
     * by review "own45" on 6 December 2026). Now the load moves the old item to the current key.
     */
    @Test
    void catalog_reloadOfAPartStoredUnderAnOlderKeyForm_movesItToTheCurrentKey() throws Exception {
        var store = new DynamoCatalogStore(emulators.aws.dynamo(), emulators.aws.config().catalogTable());
        var item = new HashMap<>(CatalogItems.part(ORG, new Part("NB2\u00A0PART", "A", TrackingType.NONE, "each",
                "receivable_inventory", List.of()), 2));
        item.put("sk", AttributeValue.fromS("part#nb2\u00A0part#a")); // as the key was written until 5 December 2026
        store.putAll(List.of(item));
        var reload = dir.resolve("legacy-reload.json");
        Files.writeString(reload, "{\"org\": \"x\", \"unitsOfMeasure\": [\"each\"], \"parts\": [" + part("NB2 PART", "A", "serial") + "]}");

        emulators.loadCatalog(reload, ORG);

        assertThat(store.items(ORG)).filteredOn(stored -> stored.get("sk").s().startsWith("part#nb2"))
                .extracting(stored -> stored.get("sk").s() + " " + stored.get("trackingType").s() + " " + stored.get("seq").n())
                .containsExactly("part#nb2 part#a serial 2");
        assertThat(store.forImport(ORG).parts().find("NB2 PART", "A")).map(Part::trackingType).contains(TrackingType.SERIAL);
        assertThat(errors(emulators.importFile(ORG + "/part-inventory/nb2a.csv",
                "part_number,revision,quantity,location\nNB2 PART,A,1,Receiving\n"))).containsExactly("2 serial_number TRACKING_REQUIRED");
        assertThat(errors(emulators.importFile(ORG + "/part-inventory/nb2b.csv",
                "part_number,revision,quantity,location\nNOPE-9,A,1,Receiving\nNB2 PART,A,1,Receiving\n")))
                .containsExactly("2 part_number UNKNOWN_REFERENCE", "3 serial_number TRACKING_REQUIRED");
    }

    /**
     * Where a reload before review "own45" wrote a part revision under the current key beside its
     * old-form item, the two may differ (here in tracking, and the old-form one newer): a load of
     * any file leaves both as they are. Moving one over the other changed a part imports had
     * used, unchecked, and could make A the latest revision past B (found by review "own45b" on
     * 6 December 2026). A load's summary counts the revisions it moves apart from the file's.
     */
    @Test
    void catalog_partUnderBothKeyForms_leftAsItIs() throws Exception {
        var org = "rekeyboth";
        var first = dir.resolve("rekey-first.json");
        Files.writeString(first, "{\"org\": \"x\", \"unitsOfMeasure\": [\"each\"], \"parts\": [" + part("NB3 PART", "A", "none")
                + "," + part("NB3 PART", "B", "lot") + "]}");
        emulators.loadCatalog(first, org);
        var store = new DynamoCatalogStore(emulators.aws.dynamo(), emulators.aws.config().catalogTable());
        var item = new HashMap<>(CatalogItems.part(org, new Part("NB3\u00A0PART", "A", TrackingType.SERIAL, "each",
                "receivable_inventory", List.of()), 3));
        item.put("sk", AttributeValue.fromS("part#nb3\u00A0part#a")); // as the key was written until 5 December 2026
        store.putAll(List.of(item));
        var before = store.load(org).parts().revisions("NB3 PART");

        var summary = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config())
                .load(CatalogFile.parse("{\"org\": \"" + org + "\", \"locations\": [\"Dock\"]}"), "locations.json");

        assertThat(store.items(org)).filteredOn(stored -> stored.get("sk").s().startsWith("part#nb3"))
                .extracting(stored -> stored.get("sk").s() + " " + stored.get("trackingType").s() + " " + stored.get("seq").n())
                .containsExactlyInAnyOrder("part#nb3 part#a none 1", "part#nb3 part#b lot 2", "part#nb3\u00A0part#a serial 3");
        assertThat(store.load(org).parts().revisions("NB3 PART")).isEqualTo(before);
        assertThat(summary.toString()).contains("1 reference records, 0 part revisions (0 new)").doesNotContain("moved");
    }

    /** A load that moves a part revision to its current key says so apart from the file's own revisions. */
    @Test
    void catalog_loadMovingAPartToItsCurrentKey_countsItApart() throws Exception {
        var org = "rekeysum";
        var store = new DynamoCatalogStore(emulators.aws.dynamo(), emulators.aws.config().catalogTable());
        var item = new HashMap<>(CatalogItems.part(org, new Part("NB4\u00A0PART", "A", TrackingType.NONE, "each",
                "receivable_inventory", List.of()), 1));
        item.put("sk", AttributeValue.fromS("part#nb4\u00A0part#a"));
        store.putAll(List.of(item));

        var summary = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config())
                .load(CatalogFile.parse("{\"org\": \"" + org + "\", \"locations\": [\"Dock\"]}"), "locations.json");

        assertThat(summary.toString()).contains("1 reference records, 0 part revisions (0 new)")
                .endsWith("; 1 stored part revisions moved to the current form of their key (docs/catalog.md)");
        assertThat(store.items(org)).filteredOn(stored -> stored.get("sk").s().startsWith("part#"))
                .extracting(stored -> stored.get("sk").s()).containsExactly("part#nb4 part#a");
    }

    /** Spellings the whole read matches match on demand: case, decomposed letters, spaces of any kind, dotted capitals. */
    @Test
    void forImport_spellingsOfAPartNumber_matchedAsByTheWholeRead() throws Exception {
        var file = dir.resolve("spellings.json");
        Files.writeString(file, "{\"org\": \"x\", \"unitsOfMeasure\": [\"each\"], \"parts\": ["
                + part("Z\u00FCrich-1", "A", "none") + "," + part("WIDGET Q", "A", "none") + "," + part("\u0130X-1", "A", "none") + "]}");
        emulators.loadCatalog(file, ORG);
        var store = new DynamoCatalogStore(emulators.aws.dynamo(), emulators.aws.config().catalogTable());

        for (var spelling : List.of("Zu\u0308rich-1", "z\u00FCRICH-1", "  Z\u00FCrich-1 ", "WIDGET\u00A0Q", "widget\u2009q", "\u0130x-1",
                "i\u0307x-1")) {
            assertThat(store.forImport(ORG).parts().hasPartNumber(spelling)).as(spelling).isTrue();
        }
    }

    private static List<String> errors(JsonNode report) {
        var errors = new java.util.ArrayList<String>();
        report.get("errors").forEach(e -> errors.add(e.get("row").asText() + " " + e.get("column").asText() + " " + e.get("code").asText()));
        return errors;
    }

    /** The sort keys of the part items each Query hands back. */
    private record PartItemsRead(List<String> keys) implements ExecutionInterceptor {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse response) {
                response.items().stream().map(item -> item.get("sk")).filter(Objects::nonNull).map(AttributeValue::s)
                        .filter(sk -> sk != null && sk.startsWith("part#")).forEach(keys::add); // other tables' keys are not strings named sk
            }
        }
    }
}
