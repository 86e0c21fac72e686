package dev.intake.core.purchasing;

import static dev.intake.testing.TestPurchaseOrders.line;
import static dev.intake.testing.TestPurchaseOrders.po;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.StorageStamp;
import dev.intake.core.commit.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a commit pass writes a PO's lines: in pages, each page once, with what its condition needs. */
class PagedLinesTest {

    private static final long PO = 7;
    /** The stamp of a stored item, told apart by its version. */
    private record Read(int version) implements StorageStamp {}

    private final List<Write> writes = new ArrayList<>();

    @Test
    void newPo_eachPageCreatedAtItsTenthLineAndTheRestAtThePosLastRow() {
        var lines = new PagedLines(PO, null);

        for (int i = 1; i <= 25; i++) {
            lines.add(100 + i, line(PO, i).build(), writes::add);
        }
        lines.finish(126, writes::add);

        assertThat(writes).allSatisfy(write -> assertThat(write).isInstanceOf(Write.Create.class));
        assertThat(writes).extracting(Write::row).containsExactly(110, 120, 126);
        assertThat(writes).extracting(write -> ((PoLinePage) write.item()).page()).containsExactly(0, 1, 2);
        assertThat(((PoLinePage) writes.get(2).item()).lines()).extracting(PoLine::line).containsExactly(21, 22, 23, 24, 25);
    }

    @Test
    void storedPo_changedLine_replacesOnlyItsPageOnThePageAsRead() {
        var stored = pagedPo(25);
        var lines = new PagedLines(PO, stored);
        var changed = line(PO, 12).quantity("9").build();

        lines.add(3, changed, writes::add);
        lines.finish(4, writes::add);

        assertThat(writes).singleElement().isInstanceOfSatisfying(Write.Replace.class, replace -> {
            assertThat(replace.row()).isEqualTo(4);
            assertThat(replace.before()).isEqualTo(stored.page(1));
            assertThat(((PoLinePage) replace.after()).lines()).extracting(PoLine::line)
                    .containsExactlyElementsOf(IntStream.rangeClosed(11, 20).boxed().toList());
            assertThat(((PoLinePage) replace.after()).lines().get(1)).isEqualTo(changed);
        });
    }

    @Test
    void storedPo_addedLines_lastPageReplacedAndANewPageInserted() {
        var lines = new PagedLines(PO, pagedPo(25));

        for (int i = 26; i <= 32; i++) {
            lines.add(i, line(PO, i).build(), writes::add);
        }
        lines.finish(32, writes::add);

        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).isInstanceOfSatisfying(Write.Replace.class, replace ->
                assertThat(((PoLinePage) replace.after()).lines()).extracting(PoLine::line)
                        .containsExactlyElementsOf(IntStream.rangeClosed(21, 30).boxed().toList()));
        assertThat(writes.get(1)).isInstanceOfSatisfying(Write.Insert.class, insert ->
                assertThat(((PoLinePage) insert.item()).lines()).extracting(PoLine::line).containsExactly(31, 32));
    }

    @Test
    void storedPo_nothingChanged_writesNothing() {
        var lines = new PagedLines(PO, pagedPo(25));

        lines.finish(9, writes::add);

        assertThat(writes).isEmpty();
    }

    @Test
    void poStoredAsLineItems_itsLineItemsDeletedAndEveryLineWrittenInPages() {
        var items = IntStream.rangeClosed(1, 12).mapToObj(i -> new Stamped<>(line(PO, i).build(), (StorageStamp) new Read(i))).toList();
        var stored = new StoredPurchaseOrder(header(), List.of(), items);
        var lines = new PagedLines(PO, stored);
        var changed = line(PO, 3).quantity("9").build();

        lines.add(2, changed, writes::add);
        lines.finish(5, writes::add);

        assertThat(writes.subList(0, 12)).allSatisfy(write -> assertThat(write).isInstanceOf(Write.Delete.class))
                .extracting(write -> (Object) ((Write.Delete) write).before()).containsExactlyElementsOf(items);
        assertThat(writes.subList(12, 14)).allSatisfy(write -> assertThat(write).isInstanceOf(Write.Insert.class))
                .extracting(write -> ((PoLinePage) write.item()).lines().size()).containsExactly(10, 2);
        assertThat(((PoLinePage) writes.get(12).item()).lines().get(2)).isEqualTo(changed);
        assertThat(writes).extracting(Write::row).containsOnly(5);
    }

    @Test
    void lineItemsLeftBesidePages_deletedAndNotReadAsLines() {
        var paged = pagedPo(3);
        var leftover = new Stamped<>(line(PO, 1).quantity("999").build(), (StorageStamp) new Read(1));
        var stored = new StoredPurchaseOrder(paged.stampedHeader(), paged.stampedPages(), List.of(leftover));
        var lines = new PagedLines(PO, stored);

        lines.finish(4, writes::add);

        assertThat(stored.lines()).isEqualTo(paged.lines());
        assertThat(writes).singleElement().isInstanceOfSatisfying(Write.Delete.class, delete ->
                assertThat(delete.before()).isEqualTo(leftover));
    }

    /** A stored PO of {@code count} lines in pages, page k read at version k + 1. */
    private static StoredPurchaseOrder pagedPo(int count) {
        var lines = IntStream.rangeClosed(1, count).mapToObj(i -> line(PO, i).build()).toList();
        var pages = PoLinePage.paged(PO, lines).stream()
                .map(page -> new Stamped<>(page, (StorageStamp) new Read(page.page() + 1))).toList();
        return new StoredPurchaseOrder(header(), pages, List.of());
    }

    private static Stamped<PurchaseOrder> header() {
        return new Stamped<>(po(PO, "PO-7").build(), new Read(1));
    }
}
