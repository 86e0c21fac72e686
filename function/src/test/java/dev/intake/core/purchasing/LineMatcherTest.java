package dev.intake.core.purchasing;

import static dev.intake.testing.TestCatalog.BOLT;
import static dev.intake.testing.TestCatalog.RESIN;
import static dev.intake.testing.TestCatalog.WIDGET_A_REV_A;
import static dev.intake.testing.TestCatalog.WIDGET_A_REV_B;
import static dev.intake.testing.TestPurchaseOrders.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.Stamped;
import dev.intake.testing.TestCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        var matcher = matcher(WIDGET_1, RESIN_2, FREIGHT_3, WIDGET_4);

        var first = matcher.match(0, part(WIDGET_A_REV_B), true, null);
        var resin = matcher.match(0, part(RESIN), true, null);
        var second = matcher.match(0, part(WIDGET_A_REV_B), true, null);

        assertThat(first).isEqualTo(match(WIDGET_1, 1));
        assertThat(resin).isEqualTo(match(RESIN_2, 2));
        assertThat(second).isEqualTo(match(WIDGET_4, 4));
    }

    @Test
    void match_rowWithPartAndDescription_matchedByPartOnly() {
        var matcher = matcher(WIDGET_1);

        var match = matcher.match(0, part(WIDGET_A_REV_B), true, "a new description");

        assertThat(match).isEqualTo(match(WIDGET_1, 1));
    }

    @Test
    void match_otherRevisionOfAStoredPart_newLine() {
        var matcher = matcher(WIDGET_1);

        var match = matcher.match(0, part(WIDGET_A_REV_A), true, null);

        assertThat(match).isEqualTo(match(null, 2));
    }

    @Test
    void match_rowsWithoutPart_matchStoredLinesByDescriptionInLineOrder() {
        var matcher = matcher(WIDGET_1, FREIGHT_3, FREIGHT_5);

        var first = matcher.match(0, null, false, "Freight");
        var second = matcher.match(0, null, false, "Freight");

        assertThat(first).isEqualTo(match(FREIGHT_3, 3));
        assertThat(second).isEqualTo(match(FREIGHT_5, 5));
    }

    @Test
    void match_descriptionOfAPartLine_notMatchedByARowWithoutPart() {
        var described = line(PO, 1).part(BOLT).description("Hex bolts").build();
        var matcher = matcher(described);

        var match = matcher.match(0, null, false, "Hex bolts");

        assertThat(match).isEqualTo(match(null, 2));
    }

    @Test
    void match_rowWithoutPartOrDescription_matchesStoredLineWithNeither() {
        var bare = line(PO, 1).quantity("2").build();
        var matcher = matcher(bare);

        var match = matcher.match(0, null, false, null);

        assertThat(match).isEqualTo(match(bare, 1));
    }

    @Test
    void match_newLines_numberedAfterTheHighestStoredLine() {
        var matcher = matcher(WIDGET_1, WIDGET_4);

        var bolt = matcher.match(0, part(BOLT), true, null);
        var other = matcher.match(0, null, false, "Expedite");

        assertThat(bolt).isEqualTo(match(null, 5));
        assertThat(other).isEqualTo(match(null, 6));
    }

    @Test
    void match_moreRowsThanStoredLinesForAPart_extraRowsCreateLines() {
        var matcher = matcher(RESIN_2, FREIGHT_3);

        var matched = matcher.match(0, part(RESIN), true, null);
        var extra = matcher.match(0, part(RESIN), true, null);
        var extraFreight = List.of(matcher.match(0, null, false, "Freight"), matcher.match(0, null, false, "Freight"));

        assertThat(matched).isEqualTo(match(RESIN_2, 2));
        assertThat(extra).isEqualTo(match(null, 4));
        assertThat(extraFreight).containsExactly(match(FREIGHT_3, 3), match(null, 5));
    }

    @Test
    void match_noStoredLines_numbersFromOne() {
        var matcher = matcher();

        var lines = List.of(matcher.match(0, part(BOLT), true, null), matcher.match(0, part(BOLT), true, null), matcher.match(0, null, false, "Freight"));

        assertThat(lines).containsExactly(
                match(null, 1), match(null, 2), match(null, 3));
    }

    @Test
    void match_sameRowsAsTheLinesTheyCreated_everyRowMatchesItsLine() {
        var created = List.of(
                line(PO, 1).part(WIDGET_A_REV_B).build(),
                line(PO, 2).description("Freight").build(),
                line(PO, 3).part(WIDGET_A_REV_B).build(),
                line(PO, 4).part(RESIN).build());
        var matcher = matcher(created.toArray(PoLine[]::new));

        var matches = List.of(
                matcher.match(0, part(WIDGET_A_REV_B), true, null),
                matcher.match(0, null, false, "Freight"),
                matcher.match(0, part(WIDGET_A_REV_B), true, null),
                matcher.match(0, part(RESIN), true, null));

        assertThat(matches).extracting(LineMatcher.Match::existing).containsExactlyElementsOf(created);
        assertThat(matches).extracting(LineMatcher.Match::line).containsExactly(1, 2, 3, 4);
    }

    @Test
    void match_blankRevisionAfterTheCatalogGainedARevision_matchesTheLineOfAnyRevisionFirst() {
        var widgetA = line(PO, 1).part(WIDGET_A_REV_A).build();
        var matcher = matcher(widgetA, RESIN_2);

        var blank = matcher.match(0, part(WIDGET_A_REV_B), false, null);
        var again = matcher.match(0, part(WIDGET_A_REV_B), false, null);

        assertThat(blank).isEqualTo(match(widgetA, 1));
        assertThat(again).as("no free line of the part number left: a new line").isEqualTo(match(null, 3));
    }

    @Test
    void match_revisionGivenAndBlankRowsOfOnePart_eachTakesAFreeLineOnce() {
        var matcher = matcher(WIDGET_1, WIDGET_4);

        var named = matcher.match(0, part(WIDGET_A_REV_B), true, null);
        var blank = matcher.match(0, part(WIDGET_A_REV_B), false, null);
        var namedAgain = matcher.match(0, part(WIDGET_A_REV_B), true, null);

        assertThat(List.of(named, blank, namedAgain)).containsExactly(match(WIDGET_1, 1), match(WIDGET_4, 4), match(null, 5));
    }

    /**
     * A blank-revision row before a row naming revision A: the blank one leaves the A line to it
     * and takes the B line, so the file matches as it does in the other order (found by review
     * "poflow": it took the A line, and the A row added a second one).
     */
    @Test
    void match_blankRevisionRowBeforeARowNamingARevision_leavesThatRevisionsLineToIt() {
        var revA = line(PO, 1).part(WIDGET_A_REV_A).quantity("1").build();
        var revB = line(PO, 2).part(WIDGET_A_REV_B).quantity("2").build();
        var matcher = new LineMatcher(List.of(Stamped.unstored(revA), Stamped.unstored(revB)),
                Map.of(LineMatcher.revisionKey("widget-a", "a"), 1), Map.of());

        var blank = matcher.match(0, part(WIDGET_A_REV_B), false, null);
        var named = matcher.match(0, part(WIDGET_A_REV_A), true, null);

        assertThat(List.of(blank, named)).containsExactly(match(revB, 2), match(revA, 1));
    }

    /** Two A lines and one row naming A after the blank one: the blank row may take the other A line. */
    @Test
    void match_blankRevisionRowWhereMoreLinesOfARevisionAreFreeThanRowsName_takesTheFirst() {
        var first = line(PO, 1).part(WIDGET_A_REV_A).quantity("1").build();
        var second = line(PO, 2).part(WIDGET_A_REV_A).quantity("2").build();
        var matcher = new LineMatcher(List.of(Stamped.unstored(first), Stamped.unstored(second)),
                Map.of(LineMatcher.revisionKey("WIDGET-A", "A"), 1), Map.of());

        var blank = matcher.match(0, part(WIDGET_A_REV_B), false, null);
        var named = matcher.match(0, part(WIDGET_A_REV_A), true, null);

        assertThat(List.of(blank, named)).containsExactly(match(first, 1), match(second, 2));
    }

    private static LineMatcher matcher(PoLine... stored) {
        return new LineMatcher(Arrays.stream(stored).map(Stamped::unstored).toList(), Map.of(), Map.of());
    }

    private static LineMatcher.Match match(PoLine stored, int line) {
        return new LineMatcher.Match(stored == null ? null : Stamped.unstored(stored), line);
    }

    private static Part part(PartRef ref) {
        return TestCatalog.acmePurchasing().parts().find(ref).orElseThrow();
    }
}
