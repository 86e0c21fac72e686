package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by review "catalogchanges" on 7 December 2026: the catalog changes under stored records. catalog.md: a part revision's
 * tracking type may change, and "a row that leaves a received record without the number the new type
 * wants ... is not held to it, or an unchanged export of such records would fail whole"; "Seeded items
 * follow the same rules as imported ones"; "A load that stops partway is finished by loading the file
 * again". So the org's inventory file, reloaded unchanged after a parts file retyped one of its parts,
 * must load as the unchanged Part Inventory export of the same records imports.
 */
class CatalogChangesUnderStoredRecordsTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @TempDir
    static Path dir;

    private static void load(String org, String name, String json) throws Exception {
        var file = dir.resolve(org + "-" + name + ".json");
        Files.writeString(file, json);
        emulators.loadCatalog(file, org);
    }

    /** Org {@code org}: Q-1 untracked, item 200 (50 of it) seeded, then a parts file makes Q-1 {@code tracking}. */
    private static void seedItem200ThenRetypeItsPart(String org, String tracking) throws Exception {
        load(org, "parts", PARTS.formatted("none"));
        load(org, "inventory", INVENTORY);
        load(org, "parts-" + tracking, PARTS.formatted(tracking));
    }

    private static final String PARTS = """
            {"org": "x", "locations": ["Stock A"], "unitsOfMeasure": ["each"],
             "parts": [{"partNumber": "Q-1", "revision": "A", "trackingType": "%s", "unitOfMeasure": "each"}]}
            """;
    private static final String INVENTORY = """
            {"org": "x", "inventory": [{"id": 200, "partNumber": "Q-1", "revision": "A", "quantity": 50, "location": "Stock A"}]}
            """;

    /**
     * Q-1 untracked, item 200 seeded (50, no serial or lot), then a parts file makes Q-1
     * {@code tracking}: the Part Inventory import of the same record is not held to the new type,
     * and the inventory file loaded again unchanged was refused ("Q-1 rev A is serial-tracked:
     * serialNumber is required"), so a load of it that stopped could never be finished.
     */
    @ParameterizedTest(name = "made {0}")
    @ValueSource(strings = {"serial", "lot"})
    void catalog_inventoryFileReloadedUnchangedAfterAPartsFileRetypedItsPart_loadsAsItsExportImports(String tracking)
            throws Exception {
        String org = "retyped-" + tracking;
        seedItem200ThenRetypeItsPart(org, tracking);
        var report = emulators.importFile(org + "/part-inventory/same.csv", "id,quantity,location\n200,50,Stock A\n");
        assertThat(report.get("status").asText()).as(report.get("errors").toString()).isEqualTo("SUCCEEDED");

        load(org, "inventory-again", INVENTORY);

        assertThat(emulators.inventory(org)).singleElement().asString().contains("\"id\":200", "\"quantity\":50");
    }

    /** An entry that gives such an item a lot is held to the part's new type, as an import's row is. */
    @Test
    void catalog_lotGivenToAnItemOfAPartMadeSerialTracked_refusedAsARowIs() throws Exception {
        String org = "retyped-lot-given";
        seedItem200ThenRetypeItsPart(org, "serial");

        var refused = catchThrowableOfType(CatalogException.class,
                () -> load(org, "inventory-lot", INVENTORY.replace("\"quantity\": 50", "\"quantity\": 50, \"lotNumber\": \"L-1\"")));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("inventory[0] (id 200): Q-1 rev A is serial-tracked: serialNumber is required");
    }

    /**
     * Found by review "own54b" on 7 December 2026: an entry equal to the stored record in serial
     * and lot was excused its part's tracking even where it moved the item to another part (a
     * catalog entry replaces the record whole, part included): item 300 of untracked PLAIN-1,
     * loaded again as 50 of serial-tracked SER-1 (or lot-tracked LOT-1) with no number, went in.
     */
    @ParameterizedTest(name = "to {0}")
    @CsvSource({"SER-1,SER-1 rev A is serial-tracked: serialNumber is required", "LOT-1,LOT-1 rev A is lot-tracked: lotNumber is required"})
    void catalog_entryMovingAStoredItemToATrackedPartWithoutItsNumber_refused(String part, String refusal) throws Exception {
        String org = "moved-to-" + part.toLowerCase(java.util.Locale.ROOT);
        load(org, "parts", """
                {"org": "x", "locations": ["Stock A"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "PLAIN-1", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"},
                           {"partNumber": "SER-1", "revision": "A", "trackingType": "serial", "unitOfMeasure": "each"},
                           {"partNumber": "LOT-1", "revision": "A", "trackingType": "lot", "unitOfMeasure": "each"}]}
                """);
        load(org, "inventory", INVENTORY.replace("\"id\": 200, \"partNumber\": \"Q-1\"", "\"id\": 200, \"partNumber\": \"PLAIN-1\""));

        var refused = catchThrowableOfType(CatalogException.class, () -> load(org, "inventory-moved",
                INVENTORY.replace("\"id\": 200, \"partNumber\": \"Q-1\"", "\"id\": 200, \"partNumber\": \"" + part + "\"")));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("inventory[0] (id 200): " + refusal);
        assertThat(emulators.inventory(org)).singleElement().asString().contains("\"partNumber\":\"PLAIN-1\"");
    }

    /** Written by review "own54b": such an item reloaded with its numbers as stored and another quantity and location loads. */
    @Test
    void catalog_itemOfARetypedPartReloadedWithOtherQuantityAndLocation_loads() throws Exception {
        String org = "retyped-changed";
        load(org, "parts", PARTS.formatted("none").replace("[\"Stock A\"]", "[\"Stock A\", \"Stock B\"]"));
        load(org, "inventory", INVENTORY);
        load(org, "parts-serial", PARTS.formatted("serial").replace("[\"Stock A\"]", "[\"Stock A\", \"Stock B\"]"));

        load(org, "inventory-changed", INVENTORY.replace("50", "40").replace("Stock A", "Stock B"));

        assertThat(emulators.inventory(org)).singleElement().asString().contains("\"quantity\":40", "\"location\":\"Stock B\"");
    }

    /**
     * Found by review "catalogchanges" on 7 December 2026: errors.md says the errors CSV repeats a
     * failing row's cells under the file's header, then its own {@code row} and {@code errors}
     * columns. A catalog could define inventory attributes keyed {@code row} and {@code errors}, and
     * a failing file's errors CSV then named two columns {@code row} and two {@code errors}: the
     * row's number could not be told from the attribute's cell. Refused, as keys that are standard
     * columns are.
     */
    @Test
    void catalog_attributeKeyedAsAColumnTheErrorsCsvAdds_refused() {
        var refused = catchThrowableOfType(CatalogException.class, () -> load("errors-keys", "catalog", """
                {"org": "x", "locations": ["Stock A"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "Q-1", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"}],
                 "attributes": [{"key": "row", "entity": "inventory", "type": "text"},
                                {"key": "Errors", "entity": "purchase_order_line", "type": "text"}]}
                """));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains(
                "attributes[0]: key \"row\" is a column the errors CSV adds to a failing row (row, errors)",
                "attributes[1]: key \"Errors\" is a column the errors CSV adds to a failing row (row, errors)");
        assertThat(emulators.inventory("errors-keys")).isEmpty();
    }

    /** Written by review "own54c": the same part revision in another case is the same part; its item reloads as stored. */
    @Test
    void catalog_itemOfARetypedPartReloadedInAnotherCase_loads() throws Exception {
        String org = "retyped-case";
        seedItem200ThenRetypeItsPart(org, "serial");

        load(org, "inventory-case", INVENTORY.replace("\"Q-1\", \"revision\": \"A\"", "\"q-1\", \"revision\": \"a\""));

        assertThat(emulators.inventory(org)).singleElement().asString().contains("\"id\":200", "\"quantity\":50");
    }
}
