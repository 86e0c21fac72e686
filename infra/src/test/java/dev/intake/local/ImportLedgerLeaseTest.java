package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.aws.DynamoImportLedger;
import dev.intake.core.imports.Claim;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.imports.LostClaimException;
import dev.intake.core.report.Counts;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.ImportStatus;
import dev.intake.core.report.SourceObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lease on DynamoDB Local, with the ledger's clock given by hand: what a take-over and a
 * renewal leave in {@code leaseUntil} decides whether the next delivery finds the import busy,
 * and a finish is the owner's only (docs/lifecycle.md, "Claim and lease"). Most tests that crash
 * a delivery and retry it (FaultInjectionTest, since c4c6a05) move the lease into the past by
 * hand, whatever it was; none has a second delivery right after a take-over or a renewal.
 */
class ImportLedgerLeaseTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /**
     * Found by review (5 Dec 2026): mutant "a take-over keeps the old owner's (expired) lease"
     * (DynamoImportLedger.existingClaim, {@code :lease} = the previous lease) survived every class
     * run (ImportLedgerJournalTest, ConcurrencyTest). A delivery that takes an abandoned import
     * over must hold it for a lease of its own: else a second retry (Lambda's, or a duplicate
     * delivery of the event) arriving before the taker's first renewal takes it over again, and
     * two deliveries resume one commit (or validate and journal one file) at once.
     */
    @ParameterizedTest(name = "taken over while {0}")
    @ValueSource(strings = {"RUNNING", "COMMITTING"})
    void claim_anotherDeliveryRightAfterATakeover_findsTheImportBusy(String status) {
        var ledger = new DynamoImportLedger(emulators.aws.dynamo(), emulators.aws.config().importsTable());
        var ticket = ticket();
        assertThat(ledger.claim(ticket, "crashed", T0, T0.plusSeconds(1))).isInstanceOf(Claim.Acquired.class);
        if (status.equals("COMMITTING")) {
            ledger.markCommitting(ticket, "crashed", "catalog");
        }

        var taker = ledger.claim(ticket, "taker", T0.plusSeconds(2), T0.plusSeconds(62));
        var another = ledger.claim(ticket, "another", T0.plusSeconds(3), T0.plusSeconds(63));

        assertThat(taker).as("the crashed delivery's lease ran out").isInstanceOf(Claim.Acquired.class);
        assertThat(another).as("the taker's lease runs until T0+62s").isInstanceOf(Claim.Busy.class);
    }

    /**
     * Found by review (5 Dec 2026): mutant "renew does not renew" (DynamoImportLedger.renew
     * writing {@code SET leaseUntil = leaseUntil}) survived S3EventDeliveryTest and
     * ConcurrencyTest; the runner's unit tests use the in-memory ledger. A live import whose
     * renewals land but change nothing is taken over by the next delivery of its event once the
     * claim's first lease (45 s) has passed, and two deliveries write one file.
     */
    @Test
    void claim_afterTheClaimsLeaseButWithinTheRenewedOne_findsTheImportBusy() {
        var ledger = new DynamoImportLedger(emulators.aws.dynamo(), emulators.aws.config().importsTable());
        var ticket = ticket();
        assertThat(ledger.claim(ticket, "owner", T0, T0.plusSeconds(1))).isInstanceOf(Claim.Acquired.class);

        ledger.renew(ticket.importId(), "owner", T0.plusSeconds(61));

        assertThat(ledger.claim(ticket, "another", T0.plusSeconds(2), T0.plusSeconds(62))).as("renewed until T0+61s")
                .isInstanceOf(Claim.Busy.class);
    }

    /**
     * Found by review (5 Dec 2026): mutant "finish not conditional on the owner"
     * (DynamoImportLedger.finish through an UpdateItem without {@code #owner = :me}) survived
     * OutOfOrderUploadRacesTest and StalledOwnerTest: the runner renews its claim (confirmClaim)
     * just before its report, so only an owner stalled past its lease between that renewal and its
     * finish reaches finish without the claim, and no test has one there. The ledger's promise
     * ("every state change is a conditional write on the claim's owner, so a delivery that lost
     * its lease can never overwrite the one that took over") is then kept by nothing: the stalled
     * owner would end the import (its status, its counts) while the taker still writes, and no
     * delivery would come again to finish it.
     */
    @Test
    void finish_byAnOwnerThatWasTakenOver_refusedAndTheImportStaysTheTakers() {
        var ledger = new DynamoImportLedger(emulators.aws.dynamo(), emulators.aws.config().importsTable());
        var ticket = ticket();
        assertThat(ledger.claim(ticket, "stalled", T0, T0.plusSeconds(1))).isInstanceOf(Claim.Acquired.class);
        assertThat(ledger.claim(ticket, "taker", T0.plusSeconds(2), T0.plusSeconds(62))).isInstanceOf(Claim.Acquired.class);
        var report = new ImportReport(ticket.importId(), new ImportReport.Origin(ticket.org(), ticket.importer(),
                ImportMode.COMMIT.label(), ticket.source()), ImportStatus.FAILED, T0, T0.plusSeconds(3), new Counts(1, 0, 0, 1),
                new ImportReport.Problems(List.of(ImportError.file(ErrorCode.FILE_UNAVAILABLE, null, "stalled")), false),
                ImportReport.Results.NONE);

        assertThatThrownBy(() -> ledger.finish(ticket.importId(), "stalled", report, ticket.source().key() + ".report.json", null))
                .isInstanceOf(LostClaimException.class);
        assertThat(ledger.unfinished(List.of(ticket.importId()))).as("still the taker's, unfinished")
                .containsExactly(ticket.importId());
    }

    private static ImportTicket ticket() {
        return ImportTicket.of(new SourceObject("bucket", "org-1/part-inventory/" + UUID.randomUUID() + ".csv",
                "v1", "etag", "00AA", 10), "org-1", "part-inventory", ImportMode.COMMIT);
    }
}
