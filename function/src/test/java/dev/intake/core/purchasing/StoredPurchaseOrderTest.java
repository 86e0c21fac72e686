package dev.intake.core.purchasing;

import static dev.intake.testing.TestPurchaseOrders.line;
import static dev.intake.testing.TestPurchaseOrders.po;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.StorageStamp;
import dev.intake.core.commit.Stored;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The POs a resumed commit works on: as the import validated them, from its journal alone. */
class StoredPurchaseOrderTest {

    private static final long PO = 7;
    /** The stamp of a stored item, told apart by its version. */
    private record Read(int version) implements StorageStamp {}

    private static final PurchaseOrder HEADER = po(PO, "PO-7").build();
    /** Lines 1 to 15: pages 0 and 1. */
    private static final List<PoLinePage> PAGES = PoLinePage.paged(PO,
            IntStream.rangeClosed(1, 15).mapToObj(n -> line(PO, n).build()).toList());

    @Test
    void byNumber_poWithItsPages_asJournaledBeforeTheImportChangedThem() {
        var journal = List.of(read(HEADER, 1), read(PAGES.get(0), 1), read(PAGES.get(1), 1));

        var validated = StoredPurchaseOrder.byNumber(journal);

        assertThat(validated).containsOnlyKeys("PO-7");
        assertThat(validated.get("PO-7").stampedHeader()).isEqualTo(new Stamped<>(HEADER, new Read(1)));
        assertThat(validated.get("PO-7").stampedPages()).extracting(Stamped::item).isEqualTo(PAGES);
        assertThat(validated.get("PO-7").lines()).hasSize(15);
    }

    @Test
    void byNumber_itemJournaledTwice_theEarlierBeforeStateCounts() {
        // a resumed attempt journals a delete again: the first entry is the state validated
        var journal = List.of(read(HEADER, 1), read(PAGES.get(0), 1), read(PAGES.get(0), 2));

        assertThat(StoredPurchaseOrder.byNumber(journal).get("PO-7").stampedPages())
                .extracting(Stamped::stamp).containsExactly(new Read(1));
    }

    @Test
    void byNumber_pageTheImportAdded_leftOut() {
        var added = PoLinePage.paged(PO, List.of(line(PO, 21).build())).getFirst();
        var journal = List.of(read(HEADER, 1), read(PAGES.get(0), 1), read(PAGES.get(1), 1),
                new JournalEntry(Stamped.unstored(added), false));

        assertThat(StoredPurchaseOrder.byNumber(journal).get("PO-7").stampedPages()).extracting(Stamped::item).isEqualTo(PAGES);
    }

    private static JournalEntry read(Stored item, int version) {
        return new JournalEntry(new Stamped<>(item, new Read(version)), true, true);
    }
}
