package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.imports.ImportProgress.Phase;
import dev.intake.core.report.SourceObject;
import dev.intake.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<ImportProgress> reports = new ArrayList<>();
    private final ImportTicket ticket = ImportTicket.of(
            new SourceObject("bucket", "acme/part-inventory/big.csv", "v1", "e", "s", 10), "acme", "part-inventory",
            ImportMode.COMMIT);
    private final ProgressMeter meter = new ProgressMeter(ticket,
            ProgressListener.every(Duration.ofSeconds(5), reports::add), clock);

    @Test
    void rowsDone_beforeTheInterval_reportsNothing() {
        meter.rowsDone(Phase.SCANNING, 1);
        clock.advance(Duration.ofSeconds(4));
        meter.rowsDone(Phase.SCANNING, 40_000);

        assertThat(reports).isEmpty();
    }

    @Test
    void rowsDone_onceTheIntervalPassed_reportsPhaseCountsAndRate() {
        meter.rowsDone(Phase.SCANNING, 1);
        clock.advance(Duration.ofSeconds(5));
        meter.rowsDone(Phase.SCANNING, 50_000);

        assertThat(reports).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(Phase.SCANNING);
            assertThat(p.rowsDone()).isEqualTo(50_000);
            assertThat(p.rowsTotal()).as("unknown while the scan still counts").isZero();
            assertThat(p.rowsPerSecond()).isEqualTo(10_000.0);
            assertThat(p.key()).isEqualTo("acme/part-inventory/big.csv");
        });
    }

    @Test
    void rowsDone_afterTheScan_reportsTheScannedTotalAndThePhaseRate() {
        meter.rowsDone(Phase.SCANNING, 80_000);
        meter.rowsDone(Phase.COMMITTING, 1);
        clock.advance(Duration.ofSeconds(8));
        meter.rowsDone(Phase.COMMITTING, 20_000);

        assertThat(reports).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(Phase.COMMITTING);
            assertThat(p.rowsDone()).isEqualTo(20_000);
            assertThat(p.rowsTotal()).isEqualTo(80_000);
            assertThat(p.rowsPerSecond()).isEqualTo(2_500.0);
            assertThat(p.elapsed()).isEqualTo(Duration.ofSeconds(8));
        });
    }

    /**
     * A small file under ./intake serve: the scan and validation took past the interval, and the
     * report falls due on the commit's first row. It used to print "written 1 (1,000 rows/s, 5 s)"
     * (found by review).
     */
    @Test
    void rowsDone_dueOnAPhasesFirstRow_claimsNoRateItHasNotMeasured() {
        meter.rowsDone(Phase.SCANNING, 30);
        clock.advance(Duration.ofSeconds(5));
        meter.rowsDone(Phase.COMMITTING, 1);

        assertThat(reports).allSatisfy(p -> assertThat(p.rowsPerSecond())
                .as("one row in no measurable time is no rate of 1,000 rows/s").isZero());
    }
}
