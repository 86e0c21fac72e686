package dev.intake.core.purchasing;

import static dev.intake.testing.TestPurchaseOrders.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoLinePageTest {

    private static final long PO = 7;

    @Test
    void pageOf_linesOneToTenOnPageZero_elevenStartsPageOne() {
        assertThat(List.of(1, 10, 11, 20, 21)).map(PoLinePage::pageOf).containsExactly(0, 0, 1, 1, 2);
    }

    @Test
    void paged_twentyFiveLinesInAnyOrder_pagesOfTenTenAndFiveInLineOrder() {
        var lines = IntStream.rangeClosed(1, 25).map(i -> 26 - i).mapToObj(i -> line(PO, i).build()).toList();

        var pages = PoLinePage.paged(PO, lines);

        assertThat(pages).extracting(PoLinePage::page).containsExactly(0, 1, 2);
        assertThat(pages).map(page -> page.lines().stream().map(PoLine::line).toList()).containsExactly(
                IntStream.rangeClosed(1, 10).boxed().toList(),
                IntStream.rangeClosed(11, 20).boxed().toList(),
                IntStream.rangeClosed(21, 25).boxed().toList());
    }

    @Test
    void paged_linesWithGaps_onlyThePagesTheyAreOn() {
        var pages = PoLinePage.paged(PO, List.of(line(PO, 3).build(), line(PO, 42).build()));

        assertThat(pages).extracting(PoLinePage::page).containsExactly(0, 4);
    }

    @Test
    void new_lineOfAnotherPageOrPo_refused() {
        assertThatThrownBy(() -> new PoLinePage(PO, 0, List.of(line(PO, 11).build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on page 0");
        assertThatThrownBy(() -> new PoLinePage(PO, 0, List.of(line(PO + 1, 1).build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of PO id 8");
    }

    @Test
    void identityAndDescription_nameThePoAndItsLines() {
        var page = new PoLinePage(PO, 1, List.of(line(PO, 12).build()));

        assertThat(page.identity()).isEqualTo("page#7#1");
        assertThat(page.describe()).isEqualTo("lines 11 to 20 of PO id 7");
    }
}
