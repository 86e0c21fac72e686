package dev.intake.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ErrorCode;
import org.junit.jupiter.api.Test;

/** A commit is refused where a retyping catalog load was under way at either read, or began between them. */
class CatalogRetypesTest {

    @Test
    void refusal_noLoadBetweenTheReads_none() {
        assertThat(CatalogRetypes.refusal(new CatalogRetypes(3, null), new CatalogRetypes(3, null))).isEmpty();
        assertThat(CatalogRetypes.refusal(CatalogRetypes.NONE, CatalogRetypes.NONE)).isEmpty();
    }

    @Test
    void refusal_loadUnderWayAtTheSecondRead_namesItsFile() {
        assertThat(CatalogRetypes.refusal(new CatalogRetypes(3, null), new CatalogRetypes(4, "retyped.json")))
                .hasValueSatisfying(error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
                    assertThat(error.row()).isNull();
                    assertThat(error.column()).isNull();
                    assertThat(error.message()).contains("(retyped.json) is running", "nothing was written");
                });
    }

    @Test
    void refusal_loadUnderWayAtTheFirstReadOnly_refused() {
        assertThat(CatalogRetypes.refusal(new CatalogRetypes(4, "retyped.json"), new CatalogRetypes(4, null)))
                .hasValueSatisfying(error -> assertThat(error.message()).contains("(retyped.json) is running"));
    }

    @Test
    void refusal_loadBeganAndEndedBetweenTheReads_refused() {
        assertThat(CatalogRetypes.refusal(new CatalogRetypes(3, null), new CatalogRetypes(4, null)))
                .hasValueSatisfying(error -> assertThat(error.message()).contains("ran for this org while this file was validated"));
    }

    /** A mark under way says until when it holds the org's imports, should its load have stopped without ending it. */
    @Test
    void refusal_markUnderWay_saysUntilWhenItHolds() {
        var held = java.time.Instant.parse("2026-12-06T16:07:00.123Z");

        assertThat(CatalogRetypes.refusal(new CatalogRetypes(3, null), new CatalogRetypes(4, "died.json", held)))
                .hasValueSatisfying(error -> assertThat(error.message())
                        .contains("(died.json) is running", "holds the org's imports until 2026-12-06T16:07:00Z, or its next catalog load"));
    }
}
