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
                       {"partNumber": "D", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"},
                       {"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each",
                        "bom": [{"partNumber": "C", "revision": "B", "quantity": 1}]}],
             "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"},
                           {"id": 11, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10}]}
            """;

    /** A second C rev B, item 5, installed in 10 (whose one C rev B slot 11 holds). */
    private static final String SECOND_C = """
            {"org": "kilo", "inventory": [{"id": 5, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10}]}
            """;

    /** C spelled with a decomposed É (E and a combining acute, as macOS writes it), then composed. */
    private static final String DECOMPOSED = "CE\u0301";
    private static final String COMPOSED = "C\u00C9";

    private static String unicodeKilo(String spelling) {
        return KILO.replace("\"C\"", "\"" + spelling + "\"");
    }

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
     * Written by review "own50d" on 7 December 2026: two children leave 10 in one file, each from a slot of its own (C rev B
     * and D rev A), and 10 has an unslotted child of each part: each slot goes to the one that
     * fits, as a clean load of the tree has it.
     */
    @Test
    void catalog_twoChildrenLeaveTheirSlotsOfOneParentInOneFile_eachSlotGoesToTheNextChildThatFits() throws Exception {
        load("first.json", """
                {"org": "kilo", "locations": ["Dock"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "C", "revision": "B", "trackingType": "none", "unitOfMeasure": "each"},
                           {"partNumber": "D", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"},
                           {"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each",
                            "bom": [{"partNumber": "C", "revision": "B", "quantity": 1}, {"partNumber": "D", "revision": "A", "quantity": 1}]}],
                 "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"},
                               {"id": 11, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10},
                               {"id": 13, "partNumber": "D", "revision": "A", "quantity": 1, "location": "Dock", "installedIn": 10},
                               {"id": 14, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10},
                               {"id": 15, "partNumber": "D", "revision": "A", "quantity": 1, "location": "Dock", "installedIn": 10}]}
                """);
        assertThat(abom(10).stream().map(slot -> slot.get("installed").asLong()).toList()).containsExactly(11L, 13L);

        load("out.json", """
                {"org": "kilo", "inventory": [{"id": 11, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock"},
                                              {"id": 13, "partNumber": "D", "revision": "A", "quantity": 1, "location": "Dock", "installedIn": 14}]}
                """);
        var slots = abom(10);
        load("parent.json", PARENT_10);

        assertThat(slots.stream().map(slot -> slot.get("installed").asLong()).toList()).as("%s", slots).containsExactly(14L, 15L);
        assertThat(abom(10)).as("an unchanged reload of the parent changes its as-built BOM").isEqualTo(slots);
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
        load("first.json", KILO);

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
        load("second.json", SECOND_C);
        assertThat(abom(10).get(0).get("installed").asLong()).isEqualTo(11L);

        load("parent.json", PARENT_10);

        assertThat(abom(10).get(0).get("installed").asLong())
                .as("reloading item 10 unchanged moved its slot to another child").isEqualTo(11L);
    }

    /**
     * Found by review "own50b" on 7 December 2026, as were the four tests after it: 11 holds 10's
     * C slot, 5 (a second C) holds none. The user adds a D line to P's BOM and
     * reloads 10 in the same file. 11 is still installed in 10 and still a C rev B, so by the docs
     * its slot stays 11 and the new D slot is empty. The load sees the BOM changed, starts 10 from
     * fresh slots and fills them in id order: the C slot now names 5.
     */
    @Test
    void catalog_bomGainsALineInTheFileThatReloadsTheAssembly_keepsWhichChildHoldsTheSlot() throws Exception {
        load("first.json", KILO);
        load("second.json", SECOND_C);
        assertThat(abom(10).get(0).get("installed").asLong()).isEqualTo(11L);

        load("bom.json", """
                {"org": "kilo",
                 "parts": [{"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each",
                            "bom": [{"partNumber": "C", "revision": "B", "quantity": 1}, {"partNumber": "D", "revision": "A", "quantity": 1}]}],
                 "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"}]}
                """);

        var slots = abom(10);
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).get("installed").asLong())
                .as("11 still holds the C rev B slot after the BOM gained a D line: %s", slots).isEqualTo(11L);
    }

    /** The same with a BOM whose quantity alone changes: C rev B now 2 a unit. */
    @Test
    void catalog_bomQuantityChangesInTheFileThatReloadsTheAssembly_keepsWhichChildHoldsTheSlot() throws Exception {
        load("first.json", KILO);
        load("second.json", SECOND_C);

        load("bom.json", """
                {"org": "kilo",
                 "parts": [{"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each",
                            "bom": [{"partNumber": "C", "revision": "B", "quantity": 2}]}],
                 "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"}]}
                """);

        var slots = abom(10);
        assertThat(slots.get(0).get("installed").asLong()).as("slot handed to another child: %s", slots).isEqualTo(11L);
    }

    /**
     * The catalog was loaded with part C\u00C9 spelled decomposed; a reload spells it composed
     * (the same part to the catalog, CatalogRespellingTest) and reloads 11 unchanged, still in 10.
     * 10's stored slot keeps the decomposed spelling, 11 now has the composed one: the slot is
     * emptied and 11, still installed and of the slot's part and revision, takes no slot.
     */
    @Test
    void catalog_partRespelledComposedAndChildReloaded_childKeepsItsSlot() throws Exception {
        load("first.json", unicodeKilo(DECOMPOSED));
        assertThat(abom(10).get(0).get("installed").asLong()).isEqualTo(11L);

        load("respell.json", """
                {"org": "kilo",
                 "parts": [{"partNumber": "%1$s", "revision": "B", "trackingType": "none", "unitOfMeasure": "each"}],
                 "inventory": [{"id": 11, "partNumber": "%1$s", "revision": "B", "quantity": 1, "location": "Dock", "installedIn": 10}]}
                """.formatted(COMPOSED));

        var slots = abom(10);
        assertThat(slots.get(0).get("installed").isNull()).as("11 lost its slot: %s", slots).isFalse();
        assertThat(slots.get(0).get("installed").asLong()).isEqualTo(11L);
    }

    /** The same, the parent reloaded (its BOM respelled with the part) rather than the child. */
    @Test
    void catalog_partRespelledComposedAndAssemblyReloaded_childKeepsItsSlot() throws Exception {
        load("first.json", unicodeKilo(DECOMPOSED));

        load("respell.json", """
                {"org": "kilo",
                 "parts": [{"partNumber": "%1$s", "revision": "B", "trackingType": "none", "unitOfMeasure": "each"},
                           {"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each",
                            "bom": [{"partNumber": "%1$s", "revision": "B", "quantity": 1}]}],
                 "inventory": [{"id": 10, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"}]}
                """.formatted(COMPOSED));

        var slots = abom(10);
        assertThat(slots.get(0).get("installed").isNull()).as("11 lost its slot: %s", slots).isFalse();
        assertThat(slots.get(0).get("installed").asLong()).isEqualTo(11L);
    }

    /**
     * 11 holds 10's C slot and 5, a second C in 10, holds none. A file that does not name 10 takes
     * 11 out of it (a stored parent: its slot is emptied). 5 is installed in 10 and fits that slot,
     * yet it stays empty; a later reload of 10 unchanged then hands the slot to 5, so an unchanged
     * reload changes the as-built BOM. Loading the move with 10 in the file fills the slot at once.
     */
    @Test
    void catalog_childMovedOutOfAParentTheFileDoesNotSeed_anUnchangedReloadOfTheParentThenChangesNothing() throws Exception {
        load("first.json", KILO);
        load("second.json", SECOND_C);

        load("out.json", """
                {"org": "kilo", "inventory": [{"id": 11, "partNumber": "C", "revision": "B", "quantity": 1, "location": "Dock"}]}
                """);
        var afterMove = abom(10);
        load("parent.json", PARENT_10);

        assertThat(abom(10)).as("an unchanged reload of 10 changed its as-built BOM (after the move: %s)", afterMove)
                .isEqualTo(afterMove);
    }
}
