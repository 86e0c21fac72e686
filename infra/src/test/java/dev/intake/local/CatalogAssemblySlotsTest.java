package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As-built BOM slots of installation trees that a user builds and changes with `./intake catalog`
 * over time (SPEC §6 aBOM, §8; docs/catalog.md "installedIn", docs/part-inventory.md "an abom
 * slot's installed is the id of the item installed in it"). A slot is filled by a child of its
 * part and revision (SeedInventory.fill); loading the same entry again changes nothing.
 */
class CatalogAssemblySlotsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Org kilo: assembly P/A whose BOM asks for one C rev B; item 10 is a P, item 11 a C rev B installed in it. */
    private static final String KILO = """
            {"org": "kilo", "locations": ["Dock"], "unitsOfMeasure": ["each"],
             "parts": [{"partNumber": "C", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"},
                       {"partNumber": "C", "revision": "B", "trackingType": "none", "unitOfMeasure": "each"},
                       {"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each",
                        "bom": [{"partNumber": "C", "revision": "B", "quantity": 1}]}],
             "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"},
                           {"id": 11, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10}]}
            """;

    private static final String PARENT_10 = """
            {"org": "kilo", "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"}]}
            """;

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private void load(String name, String json) throws Exception {
        var result = run("catalog", Files.writeString(home.resolve(name), json).toString());
        assertThat(result.exit()).as(result.err()).isZero();
    }

    /** Item {@code id}'s aBOM slots as dumped: {partNumber, revision, quantity, installed}. */
    private List<JsonNode> abom(long id) throws Exception {
        for (var line : run("dump", "inventory", "--org", "kilo").lines()) {
            var record = JSON.readTree(line);
            if (record.get("id").asLong() == id) {
                var slots = new ArrayList<JsonNode>();
                record.get("abom").forEach(slots::add);
                return slots;
            }
        }
        throw new AssertionError("no inventory " + id);
    }

    /**
     * A user reloads item 11, still installed in 10, as revision A (a rework, a catalog typo fixed).
     * The slot of 10 asks for C rev B, and a rev A child takes no such slot when the tree is loaded
     * in one file; but after the reload the slot still says it holds 11 (a C rev B slot holding a
     * rev A item), and it is emptied only when 10 itself is reloaded later, unchanged. Expected:
     * the slot a child no longer fits is emptied at once, as a fresh load of the same tree has it,
     * and the as-built BOM then does not change on an unchanged reload of the parent.
     */
    @Test
    void catalog_reseedingAnInstalledChildAsAnotherRevision_emptiesTheSlotItNoLongerFits() throws Exception {
        load("first.json", KILO);
        assertThat(abom(10).get(0).get("installed").asLong()).isEqualTo(11L);

        load("rev.json", """
                {"org": "kilo", "inventory": [{"id": 11, "partNumber": "C", "revision": "A", "quantity": 1, "location": "Dock", "installedIn": 10}]}
                """);
        var afterRevision = abom(10);
        load("parent.json", PARENT_10);
        var afterParentReload = abom(10);

        assertThat(afterRevision.get(0).get("revision").asText()).isEqualTo("B");
        assertThat(afterRevision.get(0).get("installed").isNull())
                .as("slot for C rev B must not hold item 11, now C rev A: %s", afterRevision).isTrue();
        assertThat(afterParentReload).as("an unchanged reload of the parent changes its as-built BOM").isEqualTo(afterRevision);
    }

    /**
     * The same with another part number: item 11, installed in 10's slot for C rev B, is reloaded
     * as a D (the loader accepts a new part for an existing id). The slot for C rev B still names
     * 11, a D: the as-built BOM says a C is fitted where none is.
     */
    @Test
    void catalog_reseedingAnInstalledChildAsAnotherPart_emptiesTheSlotItNoLongerFits() throws Exception {
        load("first.json", KILO.replace("\"parts\": [", """
                "parts": [{"partNumber": "D", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"},"""));

        load("part.json", """
                {"org": "kilo", "inventory": [{"id": 11, "partNumber": "D", "revision": "A", "quantity": 1, "location": "Dock", "installedIn": 10}]}
                """);

        var slot = abom(10).get(0);
        assertThat(slot.get("partNumber").asText()).isEqualTo("C");
        assertThat(slot.get("installed").isNull()).as("slot for C rev B must not hold item 11, now a D: %s", slot).isTrue();
    }

    /**
     * The slot (one C rev B) of 10 is held by 11. A user then installs a second C rev B, item 5, in
     * 10: it takes no slot (the slot is full). Later the user reloads 10's entry unchanged (say, the
     * whole catalog file again). Loading merges: an unchanged entry should change nothing. But the
     * reload rebuilds 10's slots from scratch and fills them in id order, so the slot now says 5,
     * and the as-built record of which unit went into the slot silently changes.
     */
    @Test
    void catalog_reloadingAnAssemblyUnchanged_keepsWhichChildHoldsEachSlot() throws Exception {
        load("first.json", KILO);
        load("second.json", """
                {"org": "kilo", "inventory": [{"id": 5, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10}]}
                """);
        assertThat(abom(10).get(0).get("installed").asLong()).isEqualTo(11L);

        load("parent.json", PARENT_10);

        assertThat(abom(10).get(0).get("installed").asLong())
                .as("reloading item 10 unchanged moved its slot to another child").isEqualTo(11L);
    }
}
