package dev.intake.core.purchasing;

import static dev.intake.testing.TestCatalog.BOLT;
import static dev.intake.testing.TestCatalog.RESIN;
import static dev.intake.testing.TestCatalog.WIDGET_A_REV_A;
import static dev.intake.testing.TestCatalog.WIDGET_A_REV_B;
import static dev.intake.testing.TestPurchaseOrders.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartRef;
import dev.intake.testing.TestCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineMatcherTest {

    private static final long PO = 10;

    private static final PoLine WIDGET_1 = line(PO, 1).part(WIDGET_A_REV_B).quantity("3").build();
    private static final PoLine RESIN_2 = line(PO, 2).part(RESIN).quantity("5").build();
    private static final PoLine FREIGHT_3 = line(PO, 3).description("Freight").build();
    private static final PoLine WIDGET_4 = line(PO, 4).part(WIDGET_A_REV_B).quantity("1").build();
    private static final PoLine FREIGHT_5 = line(PO, 5).description("Freight").build();

    @Test
    void match_kthRowForAPart_kthStoredLineForItInLineOrder() {
        var matcher = new LineMatcher(List.of(WIDGET_1, RESIN_2, FREIGHT_3, WIDGET_4));

        var first = matcher.match(part(WIDGET_A_REV_B), null);
        var resin = matcher.match(part(RESIN), null);
        var second = matcher.match(part(WIDGET_A_REV_B), null);

        assertThat(first).isEqualTo(new LineMatcher.Match(WIDGET_1, 1));
        assertThat(resin).isEqualTo(new LineMatcher.Match(RESIN_2, 2));
        assertThat(second).isEqualTo(new LineMatcher.Match(WIDGET_4, 4));
    }

    @Test
    void match_rowWithPartAndDescription_matchedByPartOnly() {
        var matcher = new LineMatcher(List.of(WIDGET_1));

        var match = matcher.match(part(WIDGET_A_REV_B), "a new description");

        assertThat(match).isEqualTo(new LineMatcher.Match(WIDGET_1, 1));
    }

    @Test
    void match_otherRevisionOfAStoredPart_newLine() {
        var matcher = new LineMatcher(List.of(WIDGET_1));

        var match = matcher.match(part(WIDGET_A_REV_A), null);

        assertThat(match).isEqualTo(new LineMatcher.Match(null, 2));
    }

    @Test
    void match_rowsWithoutPart_matchStoredLinesByDescriptionInLineOrder() {
        var matcher = new LineMatcher(List.of(WIDGET_1, FREIGHT_3, FREIGHT_5));

        var first = matcher.match(null, "Freight");
        var second = matcher.match(null, "Freight");

        assertThat(first).isEqualTo(new LineMatcher.Match(FREIGHT_3, 3));
        assertThat(second).isEqualTo(new LineMatcher.Match(FREIGHT_5, 5));
    }

    @Test
    void match_descriptionOfAPartLine_notMatchedByARowWithoutPart() {
        var described = line(PO, 1).part(BOLT).description("Hex bolts").build();
        var matcher = new LineMatcher(List.of(described));

        var match = matcher.match(null, "Hex bolts");

        assertThat(match).isEqualTo(new LineMatcher.Match(null, 2));
    }

    @Test
    void match_rowWithoutPartOrDescription_matchesStoredLineWithNeither() {
        var bare = line(PO, 1).quantity("2").build();
        var matcher = new LineMatcher(List.of(bare));

        var match = matcher.match(null, null);

        assertThat(match).isEqualTo(new LineMatcher.Match(bare, 1));
    }

    @Test
    void match_newLines_numberedAfterTheHighestStoredLine() {
        var matcher = new LineMatcher(List.of(WIDGET_1, WIDGET_4));

        var bolt = matcher.match(part(BOLT), null);
        var other = matcher.match(null, "Expedite");

        assertThat(bolt).isEqualTo(new LineMatcher.Match(null, 5));
        assertThat(other).isEqualTo(new LineMatcher.Match(null, 6));
    }

    @Test
    void match_moreRowsThanStoredLinesForAPart_extraRowsCreateLines() {
        var matcher = new LineMatcher(List.of(RESIN_2, FREIGHT_3));

        var matched = matcher.match(part(RESIN), null);
        var extra = matcher.match(part(RESIN), null);
        var extraFreight = List.of(matcher.match(null, "Freight"), matcher.match(null, "Freight"));

        assertThat(matched).isEqualTo(new LineMatcher.Match(RESIN_2, 2));
        assertThat(extra).isEqualTo(new LineMatcher.Match(null, 4));
        assertThat(extraFreight).containsExactly(new LineMatcher.Match(FREIGHT_3, 3), new LineMatcher.Match(null, 5));
    }

    @Test
    void match_noStoredLines_numbersFromOne() {
        var matcher = new LineMatcher(List.of());

        var lines = List.of(matcher.match(part(BOLT), null), matcher.match(part(BOLT), null), matcher.match(null, "Freight"));

        assertThat(lines).containsExactly(
                new LineMatcher.Match(null, 1), new LineMatcher.Match(null, 2), new LineMatcher.Match(null, 3));
    }

    @Test
    void match_sameRowsAsTheLinesTheyCreated_everyRowMatchesItsLine() {
        var created = List.of(
                line(PO, 1).part(WIDGET_A_REV_B).build(),
                line(PO, 2).description("Freight").build(),
                line(PO, 3).part(WIDGET_A_REV_B).build(),
                line(PO, 4).part(RESIN).build());
        var matcher = new LineMatcher(created);

        var matches = List.of(
                matcher.match(part(WIDGET_A_REV_B), null),
                matcher.match(null, "Freight"),
                matcher.match(part(WIDGET_A_REV_B), null),
                matcher.match(part(RESIN), null));

        assertThat(matches).extracting(LineMatcher.Match::existing).containsExactlyElementsOf(created);
        assertThat(matches).extracting(LineMatcher.Match::line).containsExactly(1, 2, 3, 4);
    }

    private static Part part(PartRef ref) {
        return TestCatalog.acmePurchasing().parts().find(ref).orElseThrow();
    }
}
