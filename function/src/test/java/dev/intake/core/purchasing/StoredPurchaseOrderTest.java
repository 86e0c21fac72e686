package dev.intake.core.purchasing;

import static dev.intake.testing.TestPurchaseOrders.line;
import static dev.intake.testing.TestPurchaseOrders.po;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.StorageStamp;
import dev.intake.core.commit.Stored;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The POs a resumed commit works on: as the import validated them, from its journal and what is stored now. */
class StoredPurchaseOrderTest {

    private static final long PO = 7;
    private static final long OWN_PO = 500;
    /** The stamp of a stored item, told apart by its version. */
    private record Read(int version) implements StorageStamp {}

    private static final PurchaseOrder HEADER = po(PO, "PO-7").build();
    /** Lines 1 to 15: pages 0 and 1. */
    private static final List<PoLinePage> PAGES = PoLinePage.paged(PO,
            IntStream.rangeClosed(1, 15).mapToObj(n -> line(PO, n).build()).toList());

    @Test
    void journalHoldsTheHeaderButNotThePages_pagesAsStoredNow() {
        // an attempt that stopped while writing its up-front journal: it journaled the header, then no more
        var journal = List.of(read(HEADER, 1));
        var stored = Map.of("PO-7", storedPo(HEADER, 1, 1));

        var validated = StoredPurchaseOrder.asValidated(journal, stored, this::own);

        assertThat(validated).containsOnlyKeys("PO-7");
        assertThat(validated.get("PO-7").stampedPages()).extracting(Stamped::item).isEqualTo(PAGES);
        assertThat(validated.get("PO-7").lines()).hasSize(15);
    }

    @Test
    void itemTheImportChanged_asTheJournalHeldItBefore() {
        var journal = List.of(read(HEADER, 1), read(PAGES.get(0), 1), read(PAGES.get(1), 1));
        var stored = Map.of("PO-7", storedPo(HEADER.withDescription("as the import wrote it"), 2, 2));

        var po = StoredPurchaseOrder.asValidated(journal, stored, this::own).get("PO-7");

        assertThat(po.stampedHeader()).isEqualTo(new Stamped<>(HEADER, new Read(1)));
        assertThat(po.stampedPages()).extracting(Stamped::stamp).containsOnly(new Read(1));
    }

    @Test
    void pageTheImportAdded_leftOut() {
        var added = PoLinePage.paged(PO, List.of(line(PO, 21).build())).getFirst();
        var journal = List.of(read(HEADER, 1), read(PAGES.get(0), 1), read(PAGES.get(1), 1),
                new JournalEntry(Stamped.unstored(added), false));
        var stored = Map.of("PO-7", new StoredPurchaseOrder(stamped(HEADER, 2),
                List.of(stamped(PAGES.get(0), 1), stamped(PAGES.get(1), 1), stamped(added, 1)), List.of()));

        var po = StoredPurchaseOrder.asValidated(journal, stored, this::own).get("PO-7");

        assertThat(po.stampedPages()).extracting(Stamped::item).isEqualTo(PAGES);
    }

    @Test
    void poUnderTheImportsOwnIds_leftOut() {
        var own = po(OWN_PO, "PO-NEW").build();
        var stored = Map.of("PO-NEW", new StoredPurchaseOrder(stamped(own, 1), List.of(), List.of()));

        assertThat(StoredPurchaseOrder.asValidated(List.of(), stored, this::own)).isEmpty();
    }

    @Test
    void poTheImportRenamed_keyedByTheNumberItWasValidatedUnder() {
        var journal = List.of(read(HEADER, 1), read(PAGES.get(0), 1), read(PAGES.get(1), 1));
        var stored = Map.of("PO-77", storedPo(HEADER.withIdentity(PO, "PO-77"), 2, 1));

        var validated = StoredPurchaseOrder.asValidated(journal, stored, this::own);

        assertThat(validated).containsOnlyKeys("PO-7");
        assertThat(validated.get("PO-7").header()).isEqualTo(HEADER);
    }

    private boolean own(long poId) {
        return poId >= OWN_PO;
    }

    private static StoredPurchaseOrder storedPo(PurchaseOrder header, int headerVersion, int pageVersion) {
        return new StoredPurchaseOrder(stamped(header, headerVersion),
                PAGES.stream().map(page -> stamped(page, pageVersion)).toList(), List.of());
    }

    private static <T extends Stored> Stamped<T> stamped(T item, int version) {
        return new Stamped<>(item, new Read(version));
    }

    private static JournalEntry read(Stored item, int version) {
        return new JournalEntry(stamped(item, version), true, true);
    }
}
