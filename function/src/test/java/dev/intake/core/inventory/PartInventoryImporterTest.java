package dev.intake.core.inventory;

import static dev.intake.testing.TestCatalog.ASSY;
import static dev.intake.testing.TestCatalog.BOLT;
import static dev.intake.testing.TestCatalog.BRACKET;
import static dev.intake.testing.TestCatalog.RESIN;
import static dev.intake.testing.TestCatalog.WIDGET_A_REV_A;
import static dev.intake.testing.TestCatalog.WIDGET_A_REV_B;
import static dev.intake.testing.TestInventory.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Writes;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.catalog.CatalogRetypes;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.CommitSettings;
import dev.intake.core.imports.FilePasses;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.imports.ImportProgress;
import dev.intake.core.purchasing.PoStatus;
import dev.intake.core.report.Change;
import dev.intake.core.report.CreatedRun;
import dev.intake.core.report.CreatedSummary;
import dev.intake.testing.InMemoryCommitStore;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.PreviewLog;
import dev.intake.testing.FakeImportJob;
import dev.intake.testing.InMemoryCatalogStore;
import dev.intake.testing.InMemoryInventoryStore;
import dev.intake.testing.InMemoryPurchaseOrderStore;
import dev.intake.testing.StringImportFile;
import dev.intake.testing.TestCatalog;
import dev.intake.testing.TestPurchaseOrders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartInventoryImporterTest {

    private static final String ACME = "acme";
    private static final String GLOBEX = "globex";

    private final InMemoryInventoryStore store = new InMemoryInventoryStore();
    private final InMemoryPurchaseOrderStore orders = new InMemoryPurchaseOrderStore();
    private final PartInventoryImporter importer = new PartInventoryImporter(
            new InMemoryCatalogStore(TestCatalog.acme(), TestCatalog.of(GLOBEX)), store, store.serials(), orders,
            new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));
    private FakeImportJob job = FakeImportJob.commit(ACME);
    private StringImportFile file;

    @BeforeEach
    void seedInventory() {
        store.seed(ACME,
                item(1001, WIDGET_A_REV_B).serial("SN-1").location("Stockroom A").supplier("Acme Metals").intent("Flight")
                        .attribute("BatchID", new CustomValue.Text("B-7"))
                        .attribute("Weight", new CustomValue.Number(new BigDecimal("2.5")))
                        .attribute("Expires", new CustomValue.Day(LocalDate.of(2027, 6, 30)))
                        .build(),
                item(1002, RESIN).lot("L-9").quantity("10").unit("kg").location("Stockroom A").build(),
                item(1003, BOLT).quantity("50").location("Receiving").supplier("Acme Metals").build());
        store.seed(GLOBEX, item(9001, BOLT).quantity("3").location("Receiving").build());
    }

    @Test
    void name_isPartInventory() {
        assertThat(importer.name()).isEqualTo("part-inventory");
    }

    @Nested
    class Creates {

        @Test
        void run_createRow_writesRecordWithCatalogSpellings() throws IOException {
            var outcome = run("""
                    part_number,revision,quantity,location,supplier,unit_of_measure,intent_option
                    bolt-m3,a,10,receiving,ACME METALS,KG,flight
                    """);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(1, 0, created(new CreatedRun(2, 5000L, 1)), List.of()));
            assertThat(store.get(ACME, 5000)).isEqualTo(item(5000, BOLT).quantity("10").location("Receiving")
                    .supplier("Acme Metals").unit("kg").intent("Flight").build());
        }

        /**
         * Found by review "locale" on 6 December 2026: a sheet in a German (Dutch, Italian,
         * Spanish, ...) locale downloaded from Google Sheets, or saved from LibreOffice Calc with
         * a comma separator, writes numbers as the region shows them: 2.5 as "2,5" and five
         * thousand as "5.000". The report refused "2,5" only; the uploader retyped that cell,
         * and the next upload stored 5,000 bolts as 5, silently. A file that writes decimal
         * commas has its numbers grouped by points refused with them, the first one named.
         */
        @Test
        void run_decimalCommaFile_pointGroupedThousandsRefusedWithIt() throws IOException {
            var outcome = run("""
                    part_number,quantity,location,Weight
                    BOLT-M3,5.000,Receiving,"2,5"
                    BOLT-M3,1.250.000,Receiving,0.5
                    BOLT-M3,12.5,Receiving,1.250
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER), tuple(2, "Weight", ErrorCode.INVALID_NUMBER),
                    tuple(3, "quantity", ErrorCode.INVALID_NUMBER), tuple(4, "Weight", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors().getFirst().message()).isEqualTo("quantity is \"5.000\", read as 5, but the file"
                    + " writes numbers with a decimal comma (row 2, Weight \"2,5\"), where a point groups thousands: write 5000"
                    + " if that is what it is, and set the sheet to write decimal points (its locale, or its columns' number"
                    + " format) before saving again");
            assertThat(job.reportedErrors().get(3).message()).startsWith("Weight is \"1.250\", read as 1.25, but the file");
        }

        /** 1,000 (a thousand in a US file, refused itself) is no evidence of a decimal comma. */
        @Test
        void run_pointGroupedNumberBesidesACommaGroupedOne_onlyTheCommaRefused() throws IOException {
            var outcome = run("""
                    part_number,quantity,location,Weight
                    BOLT-M3,5.000,Receiving,"1,000"
                    """);

            assertFailedWith(outcome, tuple(2, "Weight", ErrorCode.INVALID_NUMBER));
        }

        /** Without a decimal comma anywhere, 5.000 is five with three decimals, as written. */
        @Test
        void run_pointGroupedNumberInAFileWithoutDecimalCommas_readAsWritten() throws IOException {
            var outcome = run("""
                    part_number,quantity,location,Weight
                    BOLT-M3,5.000,Receiving,1.250
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).quantity()).isEqualByComparingTo("5");
            assertThat(store.get(ACME, 5000).attributes().get("Weight")).isEqualTo(new CustomValue.Number(new BigDecimal("1.250")));
        }

        @Test
        void run_createWithoutPartNumber_required() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    ,5
                    """);

            assertFailedWith(outcome, tuple(2, "part_number", ErrorCode.REQUIRED));
        }

        @Test
        void run_headerWithoutIdOrPartNumber_requiredForTheFile() throws IOException {
            var outcome = run("""
                    quantity,location
                    5,Receiving
                    """);

            assertFailedWith(outcome, tuple(null, "part_number", ErrorCode.REQUIRED));
        }

        /**
         * Found by review (sheets, 6 Dec 2026): a sheet with a title line above its header (as
         * people lay out a sheet to print, and as Numbers writes with "Include table names") reads
         * the title as the header. The report says "the header needs an id column (to update) or a
         * part_number column (to create); it has neither" and that the title is an unknown
         * column, while the user's header, on row 2, plainly has part_number. Nothing says the
         * header must be the first row. Expected: an error that points at row 2 (the row that is
         * a header) or says to delete the lines above the header.
         */
        /**
         * Found by review "errorsdoc" on 7 December 2026: a Purchase Orders file dropped in the
         * part-inventory/ folder failed with an unknown column for each PO column, nothing saying
         * where it goes. Its po_number column says so.
         */
        @Test
        void run_purchaseOrdersFileInThePartInventoryFolder_poNumberColumnSaysWhereItGoes() throws IOException {
            var outcome = run("po_number,supplier,part_number,quantity,cost\nPO-1,Acme Metals,BOLT-M3,4,1\n");

            assertFailedWith(outcome, tuple(null, "po_number", ErrorCode.UNKNOWN_COLUMN), tuple(null, "cost", ErrorCode.UNKNOWN_COLUMN));
            assertThat(job.reportedErrors()).filteredOn(e -> "po_number".equals(e.column())).singleElement()
                    .extracting(ImportError::message).asString()
                    .endsWith("; a Purchase Orders file goes in the org's purchase-orders/ folder, not in part-inventory/");
            assertThat(job.reportedErrors()).filteredOn(e -> "cost".equals(e.column())).singleElement()
                    .extracting(ImportError::message).asString().doesNotContain("purchase-orders/");
        }

        @Test
        void run_titleLineAboveTheHeader_reportSaysTheHeaderMustBeTheFirstRow() throws IOException {
            var outcome = run("Inventory receipt November 2026,,\npart_number,quantity,location\nBOLT-M3,1,Receiving\n");

            assertFailedWith(outcome, tuple(null, "part_number", ErrorCode.REQUIRED),
                    tuple(null, "Inventory receipt November 2026", ErrorCode.UNKNOWN_COLUMN));
            assertThat(job.reportedErrors()).extracting(e -> e.message())
                    .anyMatch(m -> m.contains("the header is the file's first line that is not blank: delete any title lines above it"));
        }

        /**
         * Found by review (sheets, 6 Dec 2026): the header operations people type is "Part Number",
         * "Serial Number", "Qty". Each is UNKNOWN_COLUMN "is neither a Part Inventory column nor a
         * custom attribute configured for inventory", plus "the header needs ... a part_number
         * column; it has neither": nothing says which column was meant or that the names are
         * written with an underscore (docs/csv-format.md "Header"). Expected: a header cell that
         * is a standard column with spaces for underscores (any case) is named in the message:
         * "did you mean part_number?".
         */
        @Test
        void run_standardColumnWrittenWithASpace_messageNamesTheColumnMeant() throws IOException {
            var outcome = run("Part Number,quantity\nBOLT-M3,1\n");

            assertThat(outcome).isNotInstanceOf(ImportOutcome.Committed.class);
            assertThat(job.reportedErrors()).filteredOn(e -> e.code() == ErrorCode.UNKNOWN_COLUMN)
                    .singleElement().satisfies(error -> {
                        assertThat(error.column()).isEqualTo("Part Number");
                        assertThat(error.message()).endsWith("; did you mean part_number?");
                    });
        }

        @Test
        void run_createRowInFileWithOnlyIdColumn_requiredOnRow() throws IOException {
            var outcome = run("""
                    id,quantity
                    1003,4
                    ,5
                    """);

            assertFailedWith(outcome, tuple(3, "part_number", ErrorCode.REQUIRED));
        }

        @Test
        void run_unknownPartNumber_unknownReference() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    NOPE-9,1
                    """);

            assertFailedWith(outcome, tuple(2, "part_number", ErrorCode.UNKNOWN_REFERENCE));
            assertThat(job.reportedErrors().getFirst().value()).isEqualTo("NOPE-9");
        }

        @Test
        void run_unknownRevision_unknownReferenceOnRevision() throws IOException {
            var outcome = run("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,Z,SN-9,1
                    """);

            assertFailedWith(outcome, tuple(2, "revision", ErrorCode.UNKNOWN_REFERENCE));
            assertThat(job.reportedErrors().getFirst().value()).isEqualTo("Z");
        }

        @Test
        void run_blankRevision_usesLatestRevision() throws IOException {
            run("""
                    part_number,revision,serial_number,quantity
                    widget-a,,SN-50,1
                    """);

            assertThat(store.get(ACME, 5000).part()).isEqualTo(WIDGET_A_REV_B);
        }

        @Test
        void run_noRevisionColumn_usesLatestRevision() throws IOException {
            run("""
                    part_number,serial_number,quantity
                    WIDGET-A,SN-50,1
                    """);

            assertThat(store.get(ACME, 5000).part()).isEqualTo(WIDGET_A_REV_B);
        }

        @Test
        void run_olderRevisionNamedInOtherCase_usesThatRevision() throws IOException {
            run("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,a,SN-50,1
                    """);

            assertThat(store.get(ACME, 5000).part()).isEqualTo(WIDGET_A_REV_A);
        }

        @Test
        void run_noUnitOfMeasureColumn_usesPartUnit() throws IOException {
            run("""
                    part_number,lot_number,quantity
                    RESIN,L-1,5
                    """);

            assertThat(store.get(ACME, 5000).unitOfMeasure()).isEqualTo("kg");
        }

        @Test
        void run_blankUnitOfMeasure_usesPartUnit() throws IOException {
            run("""
                    part_number,lot_number,quantity,unit_of_measure
                    RESIN,L-1,5,
                    """);

            assertThat(store.get(ACME, 5000).unitOfMeasure()).isEqualTo("kg");
        }

        @Test
        void run_standardColumnsInOtherCase_matched() throws IOException {
            var outcome = run("""
                    PART_NUMBER,Quantity, Location\s
                    BOLT-M3,4,Line 2
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).location()).isEqualTo("Line 2");
        }
    }

    @Nested
    class Updates {

        @Test
        void run_updateById_ignoresPartNumberAndRevisionEvenInvalid() throws IOException {
            var outcome = run("""
                    id,part_number,revision,quantity
                    1003,NOPE,ZZ,7
                    """);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(1, 1, CreatedSummary.NONE, List.of()));
            assertThat(store.get(ACME, 1003).part()).isEqualTo(BOLT);
            assertThat(store.get(ACME, 1003).quantity()).isEqualByComparingTo("7");
        }

        @Test
        void run_unknownId_notFound() throws IOException {
            var outcome = run("""
                    id,quantity
                    4242,1
                    """);

            assertFailedWith(outcome, tuple(2, "id", ErrorCode.NOT_FOUND));
        }

        @Test
        void run_idOfAnotherOrg_notFoundAndOtherOrgUntouched() throws IOException {
            var outcome = run("""
                    id,quantity
                    9001,1
                    """);

            assertFailedWith(outcome, tuple(2, "id", ErrorCode.NOT_FOUND));
            assertThat(store.get(GLOBEX, 9001).quantity()).isEqualByComparingTo("3");
        }

        @Test
        void run_sameIdInOtherOrgsFile_updatesOnlyThatOrg() throws IOException {
            job = FakeImportJob.commit(GLOBEX);

            run("""
                    id,quantity
                    9001,8
                    """);

            assertThat(store.get(GLOBEX, 9001).quantity()).isEqualByComparingTo("8");
            assertThat(store.records(ACME)).doesNotContainKey(9001L);
        }

        @Test
        void run_sameIdTwice_duplicateIdOnSecondRow() throws IOException {
            var outcome = run("""
                    id,quantity
                    1003,5
                    1002,4
                    1003,6
                    """);

            assertFailedWith(outcome, tuple(4, "id", ErrorCode.DUPLICATE_ID));
            assertThat(job.reportedErrors().getFirst().message()).contains("row 2");
        }

        /** Mutation review: a third row of one id names the first row (docs: "already updated by row" its first), not the second. */
        @Test
        void run_sameIdThrice_eachLaterRowNamesTheFirst() throws IOException {
            var outcome = run("""
                    id,quantity
                    1003,5
                    1003,6
                    1003,7
                    """);

            assertFailedWith(outcome, tuple(3, "id", ErrorCode.DUPLICATE_ID), tuple(4, "id", ErrorCode.DUPLICATE_ID));
            assertThat(job.reportedErrors()).extracting(ImportError::message)
                    .allSatisfy(message -> assertThat(message).contains("by row 2").doesNotContain("by row 3"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "0", "-5", "1.5", "99999999999999999999"})
        void run_invalidId_invalidId(String id) throws IOException {
            var outcome = run("id,quantity\n" + id + ",1\n");

            assertFailedWith(outcome, tuple(2, "id", ErrorCode.INVALID_ID));
        }

        @Test
        void run_absentOptionalColumns_leaveStoredValuesUntouched() throws IOException {
            var before = store.get(ACME, 1001);

            run("""
                    id,quantity
                    1001,0
                    """);

            assertThat(store.get(ACME, 1001)).isEqualTo(item(1001, WIDGET_A_REV_B).serial("SN-1").quantity("0")
                    .location("Stockroom A").supplier("Acme Metals").intent("Flight")
                    .attribute("BatchID", new CustomValue.Text("B-7"))
                    .attribute("Weight", new CustomValue.Number(new BigDecimal("2.5")))
                    .attribute("Expires", new CustomValue.Day(LocalDate.of(2027, 6, 30)))
                    .build());
            assertThat(before.quantity()).isEqualByComparingTo("1");
        }

        @Test
        void run_presentBlankCells_applyEmptyDefaults() throws IOException {
            run("""
                    id,quantity,location,supplier,intent_option,unit_of_measure,BatchID,Expires
                    1001,,,,,,,
                    """);

            var updated = store.get(ACME, 1001);
            assertThat(updated.quantity()).isEqualByComparingTo("0");
            assertThat(updated.location()).isNull();
            assertThat(updated.supplier()).isNull();
            assertThat(updated.intentOption()).isNull();
            assertThat(updated.unitOfMeasure()).isEqualTo("each");
            assertThat(updated.serialNumber()).isEqualTo("SN-1");
            assertThat(updated.attributes()).containsExactly(
                    Map.entry("BatchID", new CustomValue.Text("")),
                    Map.entry("Weight", new CustomValue.Number(new BigDecimal("2.5"))));
        }

        @Test
        void run_updateWithBlankUnitOfMeasure_usesPartUnit() throws IOException {
            store.seed(ACME, item(1007, RESIN).lot("L-2").quantity("3").unit("each").build());

            run("""
                    id,unit_of_measure
                    1007,
                    """);

            assertThat(store.get(ACME, 1007).unitOfMeasure()).isEqualTo("kg");
        }

        @Test
        void run_updateKeepsStoredAbomAndInstallation() throws IOException {
            var slot = new AbomSlot("BOLT-M3", "A", new BigDecimal("4"), 2003L);
            store.seed(ACME, item(2001, ASSY).location("Stockroom A").abom(slot).installedIn(7000).build());

            run("""
                    id,quantity
                    2001,1
                    """);

            assertThat(store.get(ACME, 2001).abom()).containsExactly(slot);
            assertThat(store.get(ACME, 2001).installedIn()).isEqualTo(7000L);
        }

        @Test
        void run_createsAndUpdates_countedSeparately() throws IOException {
            var outcome = run("""
                    id,part_number,quantity
                    1003,,5
                    ,BOLT-M3,2
                    1002,,3
                    """);

            assertThat(outcome).isInstanceOfSatisfying(ImportOutcome.Committed.class, committed -> {
                assertThat(committed.rows()).isEqualTo(3);
                assertThat(committed.updated()).isEqualTo(2);
                assertThat(committed.created().runs()).containsExactly(new CreatedRun(3, 5000L, 1));
            });
        }
    }

    @Nested
    class Tracking {

        @Test
        void run_serialTrackedWithoutSerial_trackingRequired() throws IOException {
            var outcome = run("""
                    part_number,revision,quantity
                    WIDGET-A,B,1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.TRACKING_REQUIRED));
        }

        @Test
        void run_serialTrackedWithAutogenerate_created() throws IOException {
            var outcome = run("""
                    part_number,autogenerate_serial,quantity
                    WIDGET-A,true,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).serialNumber()).isEqualTo("SN-5000");
        }

        @Test
        void run_lotTrackedWithoutLot_trackingRequired() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    RESIN,5
                    """);

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.TRACKING_REQUIRED));
        }

        @Test
        void run_lotTrackedWithAutogenerate_created() throws IOException {
            run("""
                    part_number,autogenerate_lot,quantity
                    RESIN,yes,5
                    """);

            assertThat(store.get(ACME, 5000).lotNumber()).isEqualTo("LOT-5000");
        }

        @Test
        void run_updateClearingSerialOfSerialTrackedRecord_trackingRequired() throws IOException {
            var outcome = run("""
                    id,serial_number
                    1001,
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.TRACKING_REQUIRED));
        }

        @Test
        void run_updateClearingLotOfLotTrackedRecord_trackingRequired() throws IOException {
            var outcome = run("""
                    id,lot_number
                    1002,
                    """);

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.TRACKING_REQUIRED));
        }

        /**
         * Goods of a PO the catalog loaded as RECEIVED are stored without the serial or lot their
         * On Order items never needed. An update that leaves an item so (an unchanged export's
         * blank cell, or no such column) used to fail TRACKING_REQUIRED, and with it the whole
         * unchanged export (found by review on 4 December 2026); a row that clears a number an item
         * has still fails (above).
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"id,location|1010,Stockroom A", "id,serial_number,lot_number,location|1010,,,Stockroom A"})
        void run_updateLeavingAStoredItemWithoutItsSerial_committed(String header, String row) throws IOException {
            store.seed(ACME, item(1010, WIDGET_A_REV_B).location("Receiving").build(), item(1011, RESIN).quantity("3").build());

            var outcome = run(header + "\n" + row + "\n" + row.replace("1010", "1011") + "\n");

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1010).location()).isEqualTo("Stockroom A");
            assertThat(store.get(ACME, 1011).location()).isEqualTo("Stockroom A");
        }

        /**
         * Found by review (5 Dec 2026): the change that stopped holding an On Order record of a part
         * made serial-tracked since its line to the serial quantity (InventoryRules.checkSerialQuantity)
         * left the same record once received, and any stored item of such a part, as it was: a
         * received item of quantity 5, without a serial, of a part made serial-tracked after it
         * (the goods of a line of 5 received by a catalog reload) refuses every update, here one of
         * its location, with SERIAL_QUANTITY "inventory with a serial number has quantity 0 or 1"
         * for an item that has no serial, on column quantity which the file does not have (an empty
         * value). checkTracking does not hold such a stored item to a serial it never had (4 Dec
         * review: "an unchanged export of it would fail whole"); its serial quantity should not
         * either, until a row gives it a serial.
         */
        @Test
        void run_updateOfAStoredItemOfFiveWithoutSerialOfAPartMadeSerialTracked_committed() throws IOException {
            store.seed(ACME, item(1010, WIDGET_A_REV_B).quantity("5").location("Receiving").build());

            var outcome = run("""
                    id,location
                    1010,Stockroom A
                    """);

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1010).location()).isEqualTo("Stockroom A");
        }

        /**
         * Found by review "catalogchanges" on 7 December 2026: catalog.md ("An attribute keeps its type") says of a
         * part revision whose tracking type a reload changed: "A new item, and a row that gives or
         * clears a serial or lot, meet the new type (TRACKING_REQUIRED, SERIAL_QUANTITY)". Here a
         * stored item of WIDGET-A (now serial-tracked), without a serial, is given a lot: the row
         * gives a lot, so it meets the new type, and the item still has no serial. It was committed.
         */
        @Test
        void run_lotGivenToAStoredItemWithoutSerialOfAPartMadeSerialTracked_trackingRequired() throws IOException {
            store.seed(ACME, item(1010, WIDGET_A_REV_B).quantity("1").location("Receiving").build());

            var outcome = run("""
                    id,lot_number
                    1010,L-77
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.TRACKING_REQUIRED));
        }

        /**
         * The same, the other way: a stored item of RESIN (now lot-tracked) that was serial-tracked
         * when its serial was given, without a lot; the row clears its serial, so it meets the new type
         * (catalog.md); it was committed, leaving the item with neither number on a lot-tracked part.
         */
        @Test
        void run_serialClearedOnAStoredItemWithoutLotOfAPartMadeLotTracked_trackingRequired() throws IOException {
            store.seed(ACME, item(1010, RESIN).serial("R-1").quantity("1").location("Receiving").build());

            var outcome = run("""
                    id,serial_number
                    1010,
                    """);

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.TRACKING_REQUIRED));
        }

        @Test
        void run_untrackedPartWithoutSerialOrLot_created() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    BOLT-M3,500
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "0.5", "1.5"})
        void run_serialTrackedQuantityNotZeroOrOne_serialQuantity(String quantity) throws IOException {
            var outcome = run("part_number,serial_number,quantity\nWIDGET-A,SN-77," + quantity + "\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.SERIAL_QUANTITY));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1", "1.00", ""})
        void run_serialTrackedQuantityZeroOrOne_created(String quantity) throws IOException {
            var outcome = run("part_number,serial_number,quantity\nWIDGET-A,SN-77," + quantity + "\n");

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @Test
        void run_untrackedPartGivenSerialAndQuantityFive_serialQuantity() throws IOException {
            var outcome = run("""
                    part_number,serial_number,quantity
                    BOLT-M3,B-SN-1,5
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.SERIAL_QUANTITY));
        }

        @Test
        void run_updateSerialRecordToQuantityThree_serialQuantity() throws IOException {
            var outcome = run("""
                    id,quantity
                    1001,3
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.SERIAL_QUANTITY));
        }
    }

    @Nested
    class Serials {

        /**
         * Found by review (sheets, 6 Dec 2026): a serial number pasted from a web page, an e-mail
         * or Teams often carries an invisible zero-width space (U+200B) at its end (or a word
         * joiner U+2060 or soft hyphen U+00AD). Cells are trimmed of spaces, no-break spaces and a
         * BOM (CellValues.trimmed, invisible()), not of these, and serials match exactly: item
         * 1001's "SN-1" typed as "SN-1\u200B" is a new serial, so a second WIDGET-A whose serial
         * reads SN-1 everywhere is created and the per-part uniqueness of SPEC section 6 is
         * defeated without a word. Expected: trimmed like a no-break space (then DUPLICATE_SERIAL),
         * or refused with a message naming the character.
         */
        @ParameterizedTest
        @ValueSource(strings = {"SN-1\u200B", "\u200BSN-1", "SN-1\u2060", "SN-1\u00AD"})
        void run_serialOfAnotherItemWithAnInvisibleCharacterAtAnEnd_isNotALookAlikeDuplicate(String serial)
                throws IOException {
            var outcome = run("part_number,revision,serial_number,quantity\nWIDGET-A,B," + serial + ",1\n");

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_serialAlreadyStoredForPart_duplicateSerial() throws IOException {
            var outcome = run("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,B,SN-1,1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
            assertThat(job.reportedErrors().getFirst().message()).contains("1001");
        }

        @Test
        void run_serialTwiceInFile_duplicateSerialOnSecondOccurrence() throws IOException {
            var outcome = run("""
                    part_number,serial_number,quantity
                    WIDGET-A,SN-50,1
                    WIDGET-A,SN-51,1
                    WIDGET-A,SN-50,1
                    """);

            assertFailedWith(outcome, tuple(4, "serial_number", ErrorCode.DUPLICATE_SERIAL));
            assertThat(job.reportedErrors().getFirst().message()).contains("row 2");
        }

        @Test
        void run_updateWithItsOwnSerial_accepted() throws IOException {
            var outcome = run("""
                    id,serial_number,quantity
                    1001,SN-1,1
                    """);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(1, 1, CreatedSummary.NONE, List.of()));
        }

        @Test
        void run_updateTakingAnotherRecordsSerial_duplicateSerial() throws IOException {
            store.seed(ACME, item(1004, WIDGET_A_REV_B).serial("SN-2").build());

            var outcome = run("""
                    id,serial_number
                    1004,SN-1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_sameSerialOnDifferentParts_accepted() throws IOException {
            var outcome = run("""
                    part_number,serial_number,quantity
                    BOLT-M3,SN-1,1
                    WIDGET-A,SN-90,1
                    BRACKET,SN-90,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.records(ACME)).hasSize(6);
        }

        @Test
        void run_serialHeldByAnotherRevisionOfThePart_duplicateSerial() throws IOException {
            var outcome = run("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,A,SN-1,1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
            assertThat(job.reportedErrors().getFirst().message())
                    .isEqualTo("serial number SN-1 of part WIDGET-A is already used by inventory 1001");
        }

        @Test
        void run_serialTwiceInFileOnTwoRevisions_duplicateSerialOnSecondOccurrence() throws IOException {
            var outcome = run("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,A,SN-77,1
                    WIDGET-A,B,SN-77,1
                    """);

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
            assertThat(job.reportedErrors().getFirst().message()).isEqualTo("serial number SN-77 of part WIDGET-A is also on row 2");
        }

        @Test
        void run_serialFreedByAnEarlierRow_takenByALaterCreate() throws IOException {
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1001,,SN-9,1
                    ,WIDGET-A,SN-1,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1001).serialNumber()).isEqualTo("SN-9");
            assertThat(store.get(ACME, 5000).serialNumber()).isEqualTo("SN-1");
            assertThat(store.serials().claims(ACME))
                    .containsEntry(new SerialKey("WIDGET-A", "SN-1"), 5000L)
                    .containsEntry(new SerialKey("WIDGET-A", "SN-9"), 1001L);
        }

        @Test
        void run_serialFreedOnlyByALaterRow_stillTakenForTheEarlierCreate() throws IOException {
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    ,WIDGET-A,SN-1,1
                    1001,,SN-9,1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_serialGivenByAnEarlierUpdate_takenForALaterCreate() throws IOException {
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1001,,SN-9,1
                    ,WIDGET-A,SN-9,1
                    """);

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
            assertThat(job.reportedErrors().getFirst().message()).isEqualTo("serial number SN-9 of part WIDGET-A is also on row 2");
        }

        @Test
        void run_serialDifferingOnlyInCase_accepted() throws IOException {
            var outcome = run("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,B,sn-1,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @Test
        void run_autogeneratedSerialAlreadyStored_duplicateSerialOnAutogenerateColumn() throws IOException {
            store.seed(ACME, item(1005, WIDGET_A_REV_B).serial("SN-5000").build());

            var outcome = run("""
                    part_number,autogenerate_serial,quantity
                    WIDGET-A,true,1
                    """);

            assertFailedWith(outcome, tuple(2, "autogenerate_serial", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_typedSerialEqualToEarlierAutogeneratedOne_duplicateSerial() throws IOException {
            var outcome = run("""
                    part_number,serial_number,autogenerate_serial,quantity
                    WIDGET-A,,true,1
                    WIDGET-A,SN-5000,,1
                    """);

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * Found by review "updatesemantics" on 7 December 2026: an update whose new serial is refused
         * (DUPLICATE_SERIAL) does not apply, so the item keeps its serial for the later rows, as an
         * On Order item's refused quantity stays the line's (InventoryRules.checkSerialQuantity).
         * The report named row 2 only; the uploader, told SN-2 is 1004's, dropped row 2 (1001 stays
         * as it is) and the next upload failed on row 3, an error the first report never named.
         */
        @Test
        void run_updateWhoseNewSerialIsRefused_keepsItsOldSerialTakenForLaterRows() throws IOException {
            store.seed(ACME, item(1004, WIDGET_A_REV_B).serial("SN-2").build());

            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1001,,SN-2,1
                    ,WIDGET-A,SN-1,1
                    """);

            assertFailedWith(outcome,
                    tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL),
                    tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * Found by review "updatesemantics": likewise a serial cell that cannot be read (a formula error a
         * save left, a serial too long for a key) changes nothing, and the fix its message asks
         * for, typing the value again, gives 1001 back its SN-1: the create of SN-1 must be
         * reported with it, not on the next upload.
         */
        @ParameterizedTest
        @ValueSource(strings = {"#N/A", "#REF!"})
        void run_updateWhoseSerialCellIsUnreadable_keepsItsOldSerialTakenForLaterRows(String cell) throws IOException {
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1001,,%s,1
                    ,WIDGET-A,SN-1,1
                    """.formatted(cell));

            assertFailedWith(outcome,
                    tuple(2, "serial_number", ErrorCode.SPREADSHEET_ERROR),
                    tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }
    }

    @Nested
    class Autogenerate {

        @Test
        void run_serialAndAutogenerateSerial_autogenerateConflict() throws IOException {
            var outcome = run("""
                    part_number,serial_number,autogenerate_serial,quantity
                    WIDGET-A,SN-60,true,1
                    """);

            assertFailedWith(outcome, tuple(2, "autogenerate_serial", ErrorCode.AUTOGENERATE_CONFLICT));
        }

        @Test
        void run_lotAndAutogenerateLot_autogenerateConflict() throws IOException {
            var outcome = run("""
                    part_number,lot_number,autogenerate_lot,quantity
                    RESIN,L-1,Y,5
                    """);

            assertFailedWith(outcome, tuple(2, "autogenerate_lot", ErrorCode.AUTOGENERATE_CONFLICT));
        }

        @Test
        void run_autogenerateFlagsOnUpdate_autogenerateOnUpdateForEach() throws IOException {
            var outcome = run("""
                    id,autogenerate_serial,autogenerate_lot
                    1001,true,1
                    """);

            assertFailedWith(outcome,
                    tuple(2, "autogenerate_serial", ErrorCode.AUTOGENERATE_ON_UPDATE),
                    tuple(2, "autogenerate_lot", ErrorCode.AUTOGENERATE_ON_UPDATE));
        }

        /** An error's value is the cell as read: it used to be "true" whatever the cell said (found by review). */
        @Test
        void run_autogenerateFlagsWrittenAsYesAndY_errorValuesAreTheCellsAsRead() throws IOException {
            run("""
                    id,autogenerate_serial,autogenerate_lot
                    1001,yes,Y
                    """);

            assertThat(job.reportedErrors()).extracting(ImportError::column, ImportError::value).containsExactly(
                    tuple("autogenerate_serial", "yes"),
                    tuple("autogenerate_lot", "Y"));
        }

        @Test
        void run_falseAutogenerateFlagsOnUpdate_accepted() throws IOException {
            var outcome = run("""
                    id,autogenerate_serial,autogenerate_lot
                    1001,false,no
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @Test
        void run_invalidAutogenerateFlag_invalidBoolean() throws IOException {
            var outcome = run("""
                    part_number,autogenerate_lot,lot_number,quantity
                    RESIN,sometimes,L-1,5
                    """);

            assertFailedWith(outcome, tuple(2, "autogenerate_lot", ErrorCode.INVALID_BOOLEAN));
        }

        /**
         * The flag may have meant true: its error is the row's only one, not TRACKING_REQUIRED
         * beside it (noticed by review on 5 December 2026).
         */
        @ParameterizedTest
        @CsvSource({"WIDGET-A, autogenerate_serial", "RESIN, autogenerate_lot"})
        void run_invalidAutogenerateFlagOfATrackedPart_onlyInvalidBoolean(String part, String column) throws IOException {
            var outcome = run("part_number," + column + ",quantity\n" + part + ",sometimes,1\n");

            assertFailedWith(outcome, tuple(2, column, ErrorCode.INVALID_BOOLEAN));
        }

        @Test
        void run_autogeneratedValues_derivedFromIdsInRowOrder() throws IOException {
            var outcome = run("""
                    id,part_number,autogenerate_serial,autogenerate_lot,quantity
                    ,WIDGET-A,true,,1
                    1003,,,,40
                    ,RESIN,,true,5
                    ,WIDGET-A,y,,0
                    """);

            assertThat(job.reservations()).containsExactly(new FakeImportJob.Reservation("inventory", 3));
            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(4, 1, created(
                    new CreatedRun(2, 5000L, 1), new CreatedRun(4, 5001L, 2)), List.of()));
            assertThat(store.get(ACME, 5000).serialNumber()).isEqualTo("SN-5000");
            assertThat(store.get(ACME, 5001).lotNumber()).isEqualTo("LOT-5001");
            assertThat(store.get(ACME, 5001).serialNumber()).isNull();
            assertThat(store.get(ACME, 5002).serialNumber()).isEqualTo("SN-5002");
        }
    }

    @Nested
    class Quantities {

        @Test
        void run_scrappedAboveQuantity_scrappedExceedsQuantity() throws IOException {
            var outcome = run("""
                    part_number,quantity,quantity_scrapped
                    BOLT-M3,3,4
                    """);

            assertFailedWith(outcome, tuple(2, "quantity_scrapped", ErrorCode.SCRAPPED_EXCEEDS_QUANTITY));
        }

        /**
         * Found by review "fixloop" on 6 December 2026: a create whose part or revision is not
         * found was checked for nothing else, though a serial's quantity 0 or 1 and scrapped
         * within quantity need no part (SPEC §6). Fixed to the right part, the rows failed again
         * on errors the first report never named.
         */
        @Test
        void run_createOfAnUnknownPart_rulesThatNeedNoPartStillChecked() throws IOException {
            var outcome = run("""
                    part_number,revision,serial_number,quantity,quantity_scrapped
                    WIDGET-A,Z,SN-9,2,
                    NOPE,,,3,5
                    """);

            assertFailedWith(outcome, tuple(2, "revision", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(2, "quantity", ErrorCode.SERIAL_QUANTITY),
                    tuple(3, "part_number", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(3, "quantity_scrapped", ErrorCode.SCRAPPED_EXCEEDS_QUANTITY));
        }

        @Test
        void run_updateLoweringQuantityBelowStoredScrapped_scrappedExceedsQuantity() throws IOException {
            store.seed(ACME, item(1006, BOLT).quantity("10").scrapped("4").build());

            var outcome = run("""
                    id,quantity
                    1006,3
                    """);

            // the file's own column: it has no quantity_scrapped (review of 5 December 2026)
            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.SCRAPPED_EXCEEDS_QUANTITY));
        }

        @Test
        void run_negativeAndInvalidQuantities_reportedPerColumnWithoutScrappedCheck() throws IOException {
            var outcome = run("""
                    part_number,quantity,quantity_scrapped
                    BOLT-M3,-2,x
                    """);

            assertFailedWith(outcome,
                    tuple(2, "quantity", ErrorCode.NEGATIVE_NUMBER),
                    tuple(2, "quantity_scrapped", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors().getFirst().value()).isEqualTo("-2");
        }

        @Test
        void run_quantityWithThousandsSeparator_invalidNumber() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    BOLT-M3,"1,000"
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER));
        }

        /**
         * Found by review "own52b" on 7 December 2026, a misfire of review "numbers"' currency-code
         * note: any three capital letters beside digits are taken for a currency code. A quantity
         * written with its unit as an ERP exports it ("12 PCS", "5 BOX") and a part number in the
         * quantity column (the columns of a sheet shifted by one: "RES-1001") are told "it has a
         * currency code: write the number alone"; for the part number the uploader is sent to
         * strip letters off a part number, not to look at the columns. Expected: the note only for
         * a currency code (USD, EUR, ...), as java.util.Currency knows them; these get no such note.
         */
        @ParameterizedTest
        @ValueSource(strings = {"12 PCS", "5 BOX", "RES-1001", "BOM 12"})
        void run_lettersBesideANumberThatAreNoCurrencyCode_notToldItHasACurrencyCode(String quantity) throws IOException {
            var outcome = run("part_number,quantity\nBOLT-M3," + quantity + "\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors().getFirst().message()).doesNotContain("currency");
        }

        /**
         * Found by review "numbers" on 7 December 2026: thousands grouped by an apostrophe, as Swiss
         * settings write them, and a currency code beside the number, as an accounting export
         * writes it, were refused with what a number is, not what was wrong with these.
         */
        @Test
        void run_numbersWithSwissThousandsOrACurrencyCode_eachToldWhatItLooksLike() throws IOException {
            var outcome = run("part_number,quantity,quantity_scrapped,Weight\nBOLT-M3,1'000,0,USD 12\nBOLT-M3,1\u2019234.5,0,12.50 EUR\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER), tuple(2, "Weight", ErrorCode.INVALID_NUMBER),
                    tuple(3, "quantity", ErrorCode.INVALID_NUMBER), tuple(3, "Weight", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors()).extracting(ImportError::message).containsExactly(
                    "quantity must be a plain number such as 12 or 12.5, got \"1'000\" (it has thousands separators: write"
                            + " it without them, 1000)",
                    "Weight is a number attribute and must be a plain number such as 12 or 12.5, got \"USD 12\" (it has a"
                            + " currency code: write the number alone)",
                    "quantity must be a plain number such as 12 or 12.5, got \"1\u2019234.5\" (it has thousands separators:"
                            + " write it without them, 1234.5)",
                    "Weight is a number attribute and must be a plain number such as 12 or 12.5, got \"12.50 EUR\" (it has a"
                            + " currency code: write the number alone)");
        }

        /**
         * A number a spreadsheet formatted (thousands separators, a decimal comma, a currency
         * sign, a percentage) was refused with what a number is, not what was wrong with this
         * one: the uploader of "1,234.50" or "12,5" was left to guess. Each says what it looks
         * like, and the plain number to write where that is clear; "1,000" can be either.
         */
        @Test
        void run_numbersASpreadsheetFormatted_eachToldWhatItLooksLike() throws IOException {
            var outcome = run("""
                    part_number,quantity,quantity_scrapped,Weight
                    BOLT-M3,"1,234.50","12,5",$12.00
                    BOLT-M3,"1.234,5",12 %,"1 234"
                    BOLT-M3,"1,000",0,0
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER),
                    tuple(2, "quantity_scrapped", ErrorCode.INVALID_NUMBER), tuple(2, "Weight", ErrorCode.INVALID_NUMBER),
                    tuple(3, "quantity", ErrorCode.INVALID_NUMBER), tuple(3, "quantity_scrapped", ErrorCode.INVALID_NUMBER),
                    tuple(3, "Weight", ErrorCode.INVALID_NUMBER), tuple(4, "quantity", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors()).extracting(ImportError::message).containsExactly(
                    "quantity must be a plain number such as 12 or 12.5, got \"1,234.50\" (it has thousands separators: write"
                            + " it without them, 1234.50)",
                    "quantity_scrapped must be a plain number such as 12 or 12.5, got \"12,5\" (it has a decimal comma: write"
                            + " it with a point, 12.5; a spreadsheet set to a region that writes commas saves numbers so)",
                    "Weight is a number attribute and must be a plain number such as 12 or 12.5, got \"$12.00\" (it has a"
                            + " currency sign: format the column as Number, without one, and save again)",
                    "quantity must be a plain number such as 12 or 12.5, got \"1.234,5\" (it has a decimal comma: write"
                            + " it with a point, 1234.5; a spreadsheet set to a region that writes commas saves numbers so)",
                    "quantity_scrapped must be a plain number such as 12 or 12.5, got \"12 %\" (a percentage: format the"
                            + " column as Number, where 12% is 0.12, and save again)",
                    "Weight is a number attribute and must be a plain number such as 12 or 12.5, got \"1\u00A0234\" (it has"
                            + " thousands separators: write it without them, 1234) (U+00A0 NO-BREAK SPACE is not a plain space)",
                    "quantity must be a plain number such as 12 or 12.5, got \"1,000\" (a plain number has no separator but"
                            + " its decimal point: write 1000 or 1.000, whichever it is)");
        }

        /**
         * Found by review (5 Dec 2026): a quantity typed with the Unicode minus sign (U+2212, what
         * Word, web pages and some spreadsheets' formatting put in front of a negative number)
         * fails with "quantity must be a plain number such as 12 or 12.5, got "−5"": the message
         * shows what looks exactly like the plain number -5 and gives the user nothing to find.
         * SPEC §9 / docs/errors.md: the message says what was expected; here it must say which
         * character is wrong.
         */
        @Test
        void run_quantityWithUnicodeMinusSign_invalidNumberNamingTheCharacter() throws IOException {
            var outcome = run("part_number,quantity\nBOLT-M3,\u22125\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors().getFirst().message()).contains("U+2212");
        }
    }

    @Nested
    class References {

        /**
         * Found by review (5 Dec 2026): a location typed with a no-break space (U+00A0, as text
         * copied from a web page or a Word table has it) is UNKNOWN_REFERENCE "no location named
         * "Stockroom A" exists", a message showing the catalog's own name. The same class of
         * defect as the decomposed-Unicode names fixed on 4 December 2026 (docs/csv-format.md,
         * "Name references"); a no-break space at either end is already trimmed, one inside is
         * not. Names should match with any Unicode space as a space (or the message should name
         * the character).
         */
        @Test
        void run_locationWithANoBreakSpaceInside_matchesTheCatalogName() throws IOException {
            var outcome = run("part_number,quantity,location\nBOLT-M3,1,Stockroom\u00A0A\n");

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).location()).isEqualTo("Stockroom A");
        }

        /**
         * Found by review (5 Dec 2026): names now match with any Unicode space read as a plain one
         * (NameIndex.key), yet an unknown name's message still names its no-break space as the
         * problem: "no location named "Stockroom B" exists (U+00A0 NO-BREAK SPACE is not a plain
         * space)". The user replaces it with a space and the row fails again the same way: in a
         * name the space is never what fails it (docs/csv-format.md "Name references"). The note
         * should not name a character the match ignores.
         */
        @Test
        void run_unknownLocationWithANoBreakSpaceInside_messageDoesNotBlameTheSpace() throws IOException {
            var outcome = run("part_number,quantity,location\nBOLT-M3,1,Stockroom\u00A0B\n");

            assertFailedWith(outcome, tuple(2, "location", ErrorCode.UNKNOWN_REFERENCE));
            assertThat(job.reportedErrors().getFirst().message()).doesNotContain("U+00A0");
        }

        /**
         * Found by review "own51b" on 7 December 2026: a location and a supplier given back by
         * Excel's plain "CSV (Comma delimited)" save, each character its code page lacks a "?",
         * were refused "no location named … exists", which sent the user to the catalog, not to
         * the save. In a file with a byte order mark (a CSV UTF-8 save) "?" is taken as written.
         */
        @Test
        void run_namesGivenBackWithQuestionMarksForTheirCharacters_refusedAsAFileSavedInALegacyEncoding() throws IOException {
            var acme = TestCatalog.acme();
            var withGreekNames = new dev.intake.core.catalog.Catalog(ACME,
                    dev.intake.core.catalog.NameIndex.of(List.of("Stockroom A", "Bay Ω-2")),
                    dev.intake.core.catalog.NameIndex.of(List.of("Polymer Co", "Δelta Components")), acme.unitsOfMeasure(),
                    acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(), acme.requirementsByTitle(),
                    acme.defaultTermsAndConditions(), acme.attributes(), acme.parts());
            var importer = new PartInventoryImporter(new InMemoryCatalogStore(withGreekNames), store, store.serials(), orders,
                    new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));

            var outcome = importer.run(new StringImportFile("part_number,quantity,location,supplier\nBOLT-M3,1,bay ?-2,?elta Components\n"
                    + "BOLT-M3,1,Bay ?-3,Polymer Co\n"), job);

            assertFailedWith(outcome, tuple(2, "location", ErrorCode.MALFORMED_CSV), tuple(2, "supplier", ErrorCode.MALFORMED_CSV),
                    tuple(3, "location", ErrorCode.UNKNOWN_REFERENCE));
            assertThat(job.reportedErrors().getFirst().message()).isEqualTo("location \"bay ?-2\" matches no location, but is"
                    + " location \"Bay Ω-2\" with \"?\" for some characters: the file was saved in an encoding without them"
                    + " (Excel's \"CSV (Comma delimited)\"); " + dev.intake.core.columns.LostCharacters.SAVE_AS_UTF8);
            assertThat(job.reportedErrors().get(1).message()).startsWith("supplier \"?elta Components\" matches no supplier,"
                    + " but is supplier \"Δelta Components\"");

            job = FakeImportJob.commit(ACME);
            var utf8Save = importer.run(new StringImportFile("\uFEFFpart_number,quantity,location\nBOLT-M3,1,Bay ?-2\n"), job);

            assertFailedWith(utf8Save, tuple(2, "location", ErrorCode.UNKNOWN_REFERENCE));
        }

        /**
         * Found by review "own52" on 7 December 2026, a case review "own51b"'s fix misses: a part number
         * given back by Excel's plain "CSV (Comma delimited)" save ("RES-10kΩ" as "RES-10k?") is
         * still UNKNOWN_REFERENCE, "no part numbered … exists", which sends the user to the
         * catalog, while a location or supplier so given back is told to save as CSV UTF-8.
         * Expected: MALFORMED_CSV on part_number, as for the other catalog names.
         */
        @Test
        void run_partNumberGivenBackWithQuestionMarksForItsCharacters_refusedAsAFileSavedInALegacyEncoding() throws IOException {
            var acme = TestCatalog.acme();
            var parts = new java.util.ArrayList<>(List.of(new dev.intake.core.catalog.Part("RES-10kΩ", "A",
                    dev.intake.core.catalog.TrackingType.NONE, "each", null, List.of())));
            parts.add(new dev.intake.core.catalog.Part("BOLT-M3", "A", dev.intake.core.catalog.TrackingType.NONE, "each", null, List.of()));
            var withGreekPart = new dev.intake.core.catalog.Catalog(ACME, acme.locations(), acme.suppliers(), acme.unitsOfMeasure(),
                    acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(), acme.requirementsByTitle(),
                    acme.defaultTermsAndConditions(), acme.attributes(), dev.intake.core.catalog.PartIndex.of(parts));
            var importer = new PartInventoryImporter(new InMemoryCatalogStore(withGreekPart), store, store.serials(), orders,
                    new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));

            var outcome = importer.run(new StringImportFile("part_number,quantity,location\nRES-10k?,1,Stockroom A\n"), job);

            assertFailedWith(outcome, tuple(2, "part_number", ErrorCode.MALFORMED_CSV));
        }

        @Test
        void run_unknownNames_unknownReferencePerColumn() throws IOException {
            var outcome = run("""
                    part_number,location,supplier,unit_of_measure,intent_option
                    BOLT-M3,Attic,Nobody Inc,lb,Fun
                    """);

            assertFailedWith(outcome,
                    tuple(2, "location", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(2, "supplier", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(2, "unit_of_measure", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(2, "intent_option", ErrorCode.UNKNOWN_REFERENCE));
        }

        @Test
        void run_updateWithOtherCaseNames_storesCatalogSpelling() throws IOException {
            run("""
                    id,location,supplier,intent_option
                    1003,LINE 2,polymer co,DEVELOPMENT
                    """);

            var updated = store.get(ACME, 1003);
            assertThat(updated.location()).isEqualTo("Line 2");
            assertThat(updated.supplier()).isEqualTo("Polymer Co");
            assertThat(updated.intentOption()).isEqualTo("Development");
        }
    }

    @Nested
    class Attributes {

        /**
         * Found by review "exports" on 6 December 2026: Excel's plain "CSV (Comma delimited)" save
         * writes "?" for each character its code page lacks; with every other character ASCII the
         * file is valid UTF-8, and an export edited in one cell and saved so overwrote "R 10 kΩ"
         * with "R 10 k?" without a word.
         */
        @Test
        void run_updateGivingBackAStoredTextWithQuestionMarksForItsCharacters_refusedAsAFileSavedInALegacyEncoding()
                throws IOException {
            store.seed(ACME, item(1006, RESIN).lot("Ω-7").attribute("BatchID", new CustomValue.Text("R 10 kΩ 0603")).build());

            var outcome = run("""
                    id,lot_number,BatchID,quantity
                    1006,?-7,R 10 k? 0603,4
                    """);

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.MALFORMED_CSV), tuple(2, "BatchID", ErrorCode.MALFORMED_CSV));
            assertThat(job.reportedErrors().get(1).message()).isEqualTo("BatchID is \"R 10 k? 0603\" where inventory 1006 holds"
                    + " \"R 10 kΩ 0603\": the file was saved in an encoding without those characters, which wrote \"?\" for them"
                    + " (Excel's \"CSV (Comma delimited)\"); save it as \"CSV UTF-8\" and upload it again"
                    + " (a \"?\" meant so is taken as written in a file that begins with a UTF-8 byte order mark, as Excel's"
                    + " \"CSV UTF-8\" writes it)");
        }

        /**
         * Found by review "attrs" on 6 December 2026: a text attribute of values "✓", "✗" and "?",
         * one item set back from "✓" to "?" in a file saved as Excel's "CSV UTF-8" (its byte order
         * mark, which no legacy save writes; review "own48c"). The "?" is the user's edit; it was
         * refused MALFORMED_CSV, told to save as "CSV UTF-8", which it was.
         */
        @Test
        void run_deliberateQuestionMarkOverACheckMarkInACsvUtf8Save_imported() throws IOException {
            store.seed(ACME, item(1008, RESIN).lot("L-8").attribute("BatchID", new CustomValue.Text("✓")).build());

            var outcome = run("\uFEFFid,BatchID\n1008,?\n");

            assertThat(outcome).as(String.valueOf(job.reportedErrors())).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1008).attributes()).containsEntry("BatchID", new CustomValue.Text("?"));
        }

        /**
         * Found by review "own48c" on 6 December 2026: taking any character beyond ASCII for a
         * UTF-8 save let a legacy save through whose Windows-1252 characters pair into valid UTF-8
         * (csv-format.md's own example: "Ø½" saved as the bytes of "ؽ"), and its "?-7" overwrote
         * the lot "Ω-7" silently. Only the byte order mark counts.
         */
        @Test
        void run_legacySaveWhoseWindows1252CharactersPairIntoUtf8_questionMarksStillRefused() throws IOException {
            store.seed(ACME, item(1006, RESIN).lot("Ω-7").build(),
                    item(1007, RESIN).lot("L-7").attribute("BatchID", new CustomValue.Text("Ø½ in")).build());

            var outcome = run("""
                    id,lot_number,BatchID
                    1006,?-7,
                    1007,L-7,ؽ in
                    """);

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.MALFORMED_CSV));
            assertThat(store.get(ACME, 1006).lotNumber()).isEqualTo("Ω-7");
        }

        /**
         * Found by review "own47b" on 6 December 2026: a lot stored as an en dash and edited to
         * "?" in a UTF-8 file was refused as a legacy save. Windows-1252 has the en dash: such a
         * save writes its byte, which is no UTF-8, so "?" there is an edit.
         */
        @Test
        void run_editOfALotWhoseCharacterWindows1252HasToAQuestionMark_imported() throws IOException {
            store.seed(ACME, item(1007, RESIN).lot("–").build());

            var outcome = run("""
                    id,lot_number,quantity
                    1007,?,4
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1007).lotNumber()).isEqualTo("?");
        }

        /**
         * Found by review "exports" on 6 December 2026: an export's lot {@code '@lot} saves as
         * {@code @lot} (a spreadsheet drops the guard's apostrophe); opened and saved again, the
         * cell ran as a formula and held {@code #NAME?}, which was stored as the lot number. Found
         * by review "spreadsheetapps" on 7 December 2026: LibreOffice Calc writes most failed
         * formulas as its own text, Err:502 (invalid argument), Err:508 (brackets), ..., which
         * was stored as the lot number and the batch.
         */
        @ParameterizedTest
        @CsvSource({"#NAME?, #n/a", "Err:502, Err:508"})
        void run_cellsHoldingASpreadsheetsFormulaError_refusedNotStored(String lot, String batch) throws IOException {
            var outcome = run("part_number,lot_number,quantity,BatchID\nRESIN," + lot + ",5,B-1\nRESIN,L-7,5," + batch + "\n");

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.SPREADSHEET_ERROR),
                    tuple(3, "BatchID", ErrorCode.SPREADSHEET_ERROR));
            assertThat(job.reportedErrors().getFirst().message()).isEqualTo("lot_number is \"" + lot + "\", what a spreadsheet"
                    + " writes where a formula failed: the cell was run as a formula (a value starting with =, +, - or @ whose"
                    + " leading apostrophe a save dropped); type the value again, as text, and save");
        }

        /**
         * Found by review "spreadsheetapps" on 7 December 2026: Excel shows, and saves to CSV, a
         * failed formula's error in the language of its installation: German #WERT! (#VALUE!),
         * #BEZUG! (#REF!), #NV (#N/A), #ZAHL! (#NUM!); French #NOM? (#NAME?), #VALEUR!, #NOMBRE!;
         * Spanish #¿NOMBRE?, #¡VALOR!. The German and French Excel this project's docs name (the
         * semicolon locales) so writes the #NAME? of an export's '@lot opened and saved again as
         * #NOM?, which is stored as the lot number; docs/errors.md refuses "#NAME?, #VALUE!, ...
         * and the like". Expected: SPREADSHEET_ERROR on the row and column, as for the English text.
         */
        @ParameterizedTest
        @ValueSource(strings = {"#WERT!", "#BEZUG!", "#NV", "#ZAHL!", "#NOM?", "#VALEUR!", "#NOMBRE!", "#¿NOMBRE?", "#¡VALOR!"})
        void run_cellHoldingAFormulaErrorAsLocalizedExcelWritesIt_refusedNotStored(String error) throws IOException {
            var outcome = run("part_number,lot_number,quantity,BatchID\nRESIN," + error + ",5,B-1\n");

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.SPREADSHEET_ERROR));
        }

        @Test
        void run_attributeColumnsOfEachType_storedTyped() throws IOException {
            run("""
                    part_number,quantity,BatchID,Weight,Inspected,Expires
                    BOLT-M3,5,B-1,2.50,yes,1/31/2026
                    """);

            assertThat(store.get(ACME, 5000).attributes()).containsExactly(
                    Map.entry("BatchID", new CustomValue.Text("B-1")),
                    Map.entry("Weight", new CustomValue.Number(new BigDecimal("2.50"))),
                    Map.entry("Inspected", new CustomValue.Flag(true)),
                    Map.entry("Expires", new CustomValue.Day(LocalDate.of(2026, 1, 31))));
        }

        /**
         * An attribute header copied from macOS, "Pru\u0308fdatum" (u and a combining diaeresis),
         * is the catalog's "Prüfdatum", and the value is stored under the catalog's key. It was an
         * unknown column (found by review "scripts" on 6 December 2026).
         */
        @Test
        void run_attributeHeaderInDecomposedForm_storedUnderTheCatalogsKey() throws IOException {
            var acme = TestCatalog.acme();
            var attributes = new java.util.ArrayList<>(acme.attributes());
            attributes.add(new dev.intake.core.catalog.AttributeDef("Pr\u00FCfdatum", dev.intake.core.catalog.AttributeEntity.INVENTORY,
                    dev.intake.core.catalog.AttributeType.TEXT));
            var withPruefdatum = new dev.intake.core.catalog.Catalog(ACME, acme.locations(), acme.suppliers(), acme.unitsOfMeasure(),
                    acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(), acme.requirementsByTitle(),
                    acme.defaultTermsAndConditions(), attributes, acme.parts());
            var importer = new PartInventoryImporter(new InMemoryCatalogStore(withPruefdatum), store, store.serials(), orders,
                    new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));

            var outcome = importer.run(new StringImportFile("part_number,quantity,Pru\u0308fdatum\nBOLT-M3,5,ok\n"), job);

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).attributes()).containsExactly(Map.entry("Pr\u00FCfdatum", new CustomValue.Text("ok")));
        }

        @Test
        void run_blankAttributeCellsOnAnItemWithoutThoseAttributes_attributesStayAbsent() throws IOException {
            var before = store.get(ACME, 1003);

            var outcome = run("""
                    id,BatchID,Weight,Inspected,Expires
                    1003,,,,
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1003)).isEqualTo(before);
            assertThat(store.writes()).as("a row that changes nothing writes nothing").isEmpty();
        }

        @Test
        void run_blankAttributeCellsOnACreate_noAttributesStored() throws IOException {
            run("""
                    part_number,quantity,BatchID,Weight,Inspected,Expires
                    BOLT-M3,5,,,,
                    """);

            assertThat(store.get(ACME, 5000).attributes()).isEmpty();
        }

        @Test
        void run_attributeValuesOfWrongType_errorPerAttributeColumn() throws IOException {
            var outcome = run("""
                    part_number,BatchID,Weight,Inspected,Expires
                    BOLT-M3,anything goes,heavy,maybe,soon
                    """);

            assertFailedWith(outcome,
                    tuple(2, "Weight", ErrorCode.INVALID_NUMBER),
                    tuple(2, "Inspected", ErrorCode.INVALID_BOOLEAN),
                    tuple(2, "Expires", ErrorCode.INVALID_DATE));
        }

        /**
         * Found by review (sheets, 6 Dec 2026): Excel on a British (or any day-first) computer
         * saves dates as 15/01/2027 and 03/04/2027. The first is INVALID_DATE "must be a date such
         * as 2026-01-31, 1/31/2026 or 31-Jan-2026, got "15/01/2027"", so the user retypes that
         * cell 1/15/2027 and uploads again; the second, meant as 3 April, is read as 4 March
         * (docs/csv-format.md: month first) and stored without a word. The doc warns; the report,
         * which is all the user reads, does not. Expected: a day-first date's message says that
         * numeric dates are read month first, so every such date of the column is in question
         * (write ISO dates), not only this cell.
         */
        @Test
        void run_dayFirstDateAsUkExcelSavesIt_messageSaysNumericDatesAreReadMonthFirst() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,03/04/2027
                    BOLT-M3,15/01/2027
                    """);

            // the first date reads either way, and the file writes dates day first: refused too (review "spreadsheetapps")
            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().get(1).message()).contains("read month first").contains("2027-01-15");
        }

        /**
         * Found by review "spreadsheetapps" on 7 December 2026: a receiving sheet from Excel on a
         * British computer (CSV UTF-8, comma list separator, dates dd/mm/yyyy) holds 15/01/2027
         * and 03/04/2027 in one column. Only the first is refused; its message says the column's
         * other dates "may have been read as other days", but the report names no other row, so
         * the uploader retypes the one refused cell (2027-01-15) and uploads again: 03/04/2027,
         * meant as 3 April, is stored as 4 March without a word. That is the loss the decimal
         * comma rule closed for numbers (a file that writes 2,5 has its 5.000 refused too, "retyping
         * only the refused cells stored it so"). Expected: a column that holds a day-first date
         * has its other numeric dates that read either way refused with it, each on its row.
         */
        @Test
        void run_dayFirstDateInAColumn_otherDatesOfThatColumnReadableEitherWayRefusedToo() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,15/01/2027
                    BOLT-M3,03/04/2027
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().get(1).message()).isEqualTo("Expires \"03/04/2027\" is read month first, as 2027-03-04,"
                    + " but this file writes dates day first (row 2, Expires \"15/01/2027\"), so it may mean 2027-04-03: write it year"
                    + " first, as 2027-04-03 or as the day meant, or format the column as a date, yyyy-mm-dd, and save again");
        }

        /** The same day either way (05/05/2027) and a date year first are not in question in a day-first file. */
        @Test
        void run_dayFirstFilesDateReadAsOneDayEitherWay_notRefused() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,15/01/2027
                    BOLT-M3,05/05/2027
                    BOLT-M3,2027-01-16
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
        }

        /** A file with no day-first date reads 03/04/2027 month first, as ever (SPEC §5). */
        @Test
        void run_dateReadEitherWayInAFileWithNoDayFirstDate_storedMonthFirst() throws IOException {
            assertThat(run("part_number,Expires\nBOLT-M3,03/04/2027\n")).isInstanceOf(ImportOutcome.Committed.class);
        }

        /**
         * Found by review "spreadsheetapps" on 7 December 2026: the date forms spreadsheets write
         * by default in the locales the docs name are refused with the bare list of accepted forms,
         * which tells the user neither what is wrong nor how to save the column: LibreOffice Calc
         * en-US's default date format MM/DD/YY (11/28/26) and Excel's d-mmm-yy (28-Nov-26) have a
         * two-digit year; German Excel and LibreOffice write 28.11.2026 (dd.mm.yyyy), whose day is
         * clear but which is not told to be written 2026-11-28, as 28/11/2026 is.
         * Expected (docs/errors.md: a formatted value "is told so, with the plain ... to write"):
         * the message names the two-digit year, and gives the dotted date year first.
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"11/28/26|year", "28-Nov-26|year", "28.11.2026|2026-11-28", "01.12.2026|2026-12-01"})
        void run_dateAsLocaleSpreadsheetsWriteItByDefault_messageSaysWhatToWrite(String date, String told) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).contains(told);
        }

        /**
         * Found by review "spreadsheetapps" on 7 December 2026: Excel, Google Sheets and Numbers
         * show a number of 12 digits or more in a General column in scientific notation and save
         * it so (quantity 1230000000000000 as 1.23E+15), and an Accounting or red-bracket format
         * saves a negative as (12.50). Both are refused with the bare "must be a plain number such
         * as 12 or 12.5", while every other formatted number is told what the spreadsheet did and
         * to format the column as Number (docs/errors.md, INVALID_NUMBER).
         */
        @ParameterizedTest
        @ValueSource(strings = {"1.23E+15", "(12.50)"})
        void run_numberAsASpreadsheetFormatsIt_messageSaysToFormatTheColumnAsNumber(String number) throws IOException {
            var outcome = run("part_number,Weight\nBOLT-M3," + number + "\n");

            assertFailedWith(outcome, tuple(2, "Weight", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors().getFirst().message()).contains("Number");
        }

        /**
         * Found by review "errorsdoc" on 7 December 2026: a date in one of the forms that is no
         * day was told the forms a date takes, which it has; the message says why it is no day.
         */
        @Test
        void run_dateInAFormThatIsNoDay_messageSaysWhyItIsNone() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,2026-02-30
                    BOLT-M3,2/29/2026
                    BOLT-M3,2026-13-01
                    BOLT-M3,"Apr 31, 2027"
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE),
                    tuple(4, "Expires", ErrorCode.INVALID_DATE), tuple(5, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors()).extracting(ImportError::message).satisfiesExactly(
                    first -> assertThat(first).endsWith("got \"2026-02-30\" (February 2026 has 28 days)"),
                    second -> assertThat(second).endsWith("got \"2/29/2026\" (February 2026 has 28 days)"),
                    third -> assertThat(third).endsWith("got \"2026-13-01\" (there is no month 13)"),
                    fourth -> assertThat(fourth).endsWith("got \"Apr 31, 2027\" (April 2027 has 30 days)"));
        }

        /**
         * Review own49 (7 Dec 2026): CellValues.noSuchDay, asked why a refused date is no day,
         * reads the year of a year-first form as an int and builds a YearMonth of it. A year of ten
         * digits with its sign (which "uuuu" accepts) is past what YearMonth takes, and the
         * DateTimeException escapes the cell: the import ends without INVALID_DATE on the row.
         */
        @Test
        void run_dateWithATenDigitYear_invalidDateNotACrash() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,+1000000000-01-01
                    BOLT-M3,+2147483648-02-30
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE));
        }

        /**
         * Review own49 (7 Dec 2026): docs/errors.md (INVALID_DATE) "A date in an accepted form that
         * is no day says why". Day 0 of a month is no day, and a date-time is an accepted form
         * (docs/csv-format.md, ISO date-time); both are told only the forms a date takes, which
         * they have.
         */
        @ParameterizedTest
        @ValueSource(strings = {"2026-02-00", "2026-02-30T14:30:00", "2026-02-30 14:30"})
        void run_dateOfNoDayInAnotherAcceptedForm_messageSaysWhyItIsNone(String date) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).endsWith(")").contains("got \"" + date + "\" (");
        }

        /**
         * Review own49b (7 Dec 2026): noSuchDay takes DATE_TIME_TAIL off every date form, and off
         * forms with a signed year, though only the ISO, M/d/yyyy and yyyy/M/d forms take a time,
         * none an offset without its colon nor an hour 24, and a signed year is refused
         * (CellValues.signedYear). Each value here is told "February 2026 has 28 days"; the user
         * writes the 28th ("Feb 28, 2026 14:30", "+02026-02-28", ...) and is refused again, now with
         * only the forms. Expected: the note only where the same text with a real day is read.
         */
        @ParameterizedTest
        @ValueSource(strings = {"Feb 30, 2026 14:30", "30-Feb-2026 14:30", "+02026-02-30", "2/30/+02026",
                "2026-02-30T24:00", "2026-02-30T14:30+0100", "2/30/2026 14:30Z", "2026-02-30T14:30 Z"})
        void run_noDayInAFormNotAcceptedWithAnyDay_messageDoesNotSayTheMonthsLength(String date) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3,\"" + date + "\"\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).doesNotContain("February 2026 has 28 days");
        }

        /**
         * Review own49c (7 Dec 2026): the reverse of the case above. CellValues.noSuchDay takes a
         * time off with DATE_TIME_TAIL, which knows only a capital T, a capital Z and an offset of
         * hours and minutes; the ISO date-times read a lower-case t and z (parsed case-insensitively)
         * and an offset with seconds or of hours alone. "2026-02-28t14:30", "2026-02-28T14:30z",
         * "2026-02-28T14:30+01:00:00" and "2026-02-28T14:30+01" are read, but the 30th in each is
         * told only the forms a date takes, which it has (docs/errors.md, INVALID_DATE: a date in an
         * accepted form that is no day says why).
         */
        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30t14:30", "2026-02-30T14:30z", "2026-02-30T14:30+01:00:00", "2026-02-30T14:30+01"})
        void run_noDayInADateTimeReadWithARealDay_messageSaysTheMonthsLength(String date) throws IOException {
            assertThat(dev.intake.core.values.CellValues.date(date.replace("-30", "-28"))).as("the 28th is read").isPresent();
            var outcome = run("part_number,Expires\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).contains("February 2026 has 28 days");
        }

        /**
         * Found by review "exports" on 6 December 2026: a date column formatted as General or
         * Number saves 2027-01-15 as 46402; the refusal listed the forms of a date, not what the
         * spreadsheet did nor which day the number is.
         */
        @Test
        void run_dateSavedAsASpreadsheetsDayNumber_messageSaysSoAndNamesTheDay() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,46402
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).endsWith("got \"46402\" (it looks like a spreadsheet's day"
                    + " number, 2027-01-15: format the column as a date, yyyy-mm-dd, and save again)");
        }

        /**
         * Found by review (6 Dec 2026): the day-first note told 32/01/2027 to write 2027-01-32, and
         * 31.12.2027 that numeric dates are read month first, though dots and dashes are never read:
         * the note is for a date with slashes that is a day when read day first.
         */
        @ParameterizedTest
        @ValueSource(strings = {"32/01/2027", "31/04/2027", "31.12.2027", "31-12-2027"})
        void run_numericDateNoDayEitherWay_invalidDateWithoutTheDayFirstNote(String date) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).doesNotContain("day first");
        }

        /**
         * Found by review (5 Dec 2026): no test failed when CellValues.date let the year 0 through
         * ({@code getYear() >= 1} mutated to {@code >= 0}); docs/csv-format.md refuses years outside
         * 1 to 9999, and 0000-01-31 is a date the ISO form parses.
         */
        @Test
        void run_dateInTheYearZero_invalidDateNamingItsRowAndColumn() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,0001-01-31
                    BOLT-M3,0000-01-31
                    """);

            assertFailedWith(outcome, tuple(3, "Expires", ErrorCode.INVALID_DATE));
        }

        /**
         * Found by review "dates" on 7 December 2026: docs/export.md says an export opened in Excel on a British
         * (or any day-first) computer and saved comes back with 2026-12-01 as 01/12/2026, "read as
         * 12 January, silently". For an update the importer holds the stored date: an item whose
         * Expires is 2026-12-01, given back unchanged as 01/12/2026, is moved to 2026-01-12 without
         * a word, though the cell read day first is exactly the stored date (as "R 10 k?" read with
         * "?" for its characters is exactly the stored "R 10 kΩ", which is refused). A user who
         * edits one quantity of an export with no date past the 12th loses every such date.
         * Expected: refused like a day-first date, not stored as another day.
         */
        @Test
        void run_updateGivingBackItsStoredDateAsDayFirstExcelSavesIt_refusedNotStoredAsAnotherDay() throws IOException {
            store.seed(ACME, item(1006, BOLT).quantity("5").location("Receiving")
                    .attribute("Expires", new CustomValue.Day(LocalDate.of(2026, 12, 1))).build());

            var outcome = run("""
                    id,quantity,Expires
                    1006,4,01/12/2026
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).startsWith("Expires \"01/12/2026\" is read month first, as"
                    + " 2026-01-12, where inventory 1006 holds 2026-12-01, which a spreadsheet that writes dates day first saves so");
            assertThat(store.get(ACME, 1006).attributes().get("Expires")).isEqualTo(new CustomValue.Day(LocalDate.of(2026, 12, 1)));
        }

        /**
         * Found by review "dates" on 7 December 2026: Excel on a British computer saves a date-time cell as
         * 13/12/2026 14:30 (dd/mm/yyyy hh:mm). docs/csv-format.md promises that "the message of a
         * refused date that looks day first says so, and gives the date year first", as it does for
         * 13/12/2026 alone; with the time, the note is "(there is no month 13)", which tells the user
         * to fix the month of this one cell, not that the column's other dates (05/12/2026 14:30,
         * read as 12 May) were read month first.
         */
        @ParameterizedTest
        @ValueSource(strings = {"13/12/2026 14:30", "13/12/2026 14:30:00", "13/12/2026 0:00"})
        void run_dayFirstDateTimeAsUkExcelSavesIt_messageSaysNumericDatesAreReadMonthFirst(String date) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3,05/12/2026 14:30\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().get(1).message()).contains("read month first").contains("2026-12-13")
                    .doesNotContain("there is no month 13");
            assertThat(job.reportedErrors().getFirst().message()).contains("is read month first, as 2026-05-12").contains("so it may mean 2026-12-05");
        }

        /**
         * Found by review "dates" on 7 December 2026: SPEC section 5 reads dates "flexibly (ION uses pandas)", and
         * docs/csv-format.md takes a month-first date-time "as a spreadsheet exports it". The
         * month-first date-time with AM/PM is what US systems write (.NET's and Excel's "m/d/yyyy
         * h:mm AM/PM", LibreOffice's en-US date-time, an ERP's export of a date as 12/7/2026
         * 12:00:00 AM), and pandas reads it; Intake refuses every such cell with INVALID_DATE and a
         * message that lists only forms without a time. Likewise a month-first date-time with
         * milliseconds, though the ISO one with milliseconds is read. And (found by review "own52")
         * with the narrow no-break space, U+202F, that ICU writes before AM/PM (.NET on ICU, Java 20
         * and later, macOS; CLDR 42), which looks exactly like the accepted form.
         */
        @ParameterizedTest
        @ValueSource(strings = {"12/7/2026 12:00:00 AM", "12/7/2026 2:30 PM", "12/07/2026 02:30:00 PM", "12/7/2026 14:30:00.000",
                "12/7/2026 2:30\u202FPM", "12/7/2026 2:30:00\u202FPM", "12/7/2026 12:00:00\u202FAM"})
        void run_monthFirstDateTimeAsUsSystemsWriteIt_storedAsThatDay(String date) throws IOException {
            var outcome = run("part_number,quantity,Expires\nBOLT-M3,1," + date + "\n");

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).attributes().get("Expires")).isEqualTo(new CustomValue.Day(LocalDate.of(2026, 12, 7)));
        }

        /**
         * A US user moves an item's Expires from March 4 to April 3, writing 4/3/2026, in a file
         * whose other date, 1/31/2026, is month first: the edit is the stored date's day-and-month
         * swap, and is refused, told to write the day year first, which is stored. Review "own52"
         * (7 December 2026) found the refusal, and a fix that waived it where a cell of the file
         * proved month first; review "own52b" found that a day-first save keeps such a pasted date
         * as text, so the waiver let every stored date of that save move again, silently (below).
         * A refusal with a way out over silent loss.
         */
        @Test
        void run_updateMovingADateToItsDayMonthSwap_refusedToldToWriteItYearFirst() throws IOException {
            store.seed(ACME, item(1006, BOLT).quantity("5").location("Receiving")
                    .attribute("Expires", new CustomValue.Day(LocalDate.of(2026, 3, 4))).build());

            var outcome = run("""
                    id,part_number,quantity,Expires
                    1006,,5,4/3/2026
                    ,BOLT-M3,1,1/31/2026
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).endsWith("(or write 2026-04-03 year first, if that day is meant)");

            job = FakeImportJob.commit(ACME);
            var yearFirst = run("""
                    id,part_number,quantity,Expires
                    1006,,5,2026-04-03
                    """);

            assertThat(yearFirst).as(String.valueOf(job.reportedErrors())).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1006).attributes().get("Expires")).isEqualTo(new CustomValue.Day(LocalDate.of(2026, 4, 3)));
        }

        /**
         * Found by review "own52b" on 7 December 2026, a hole in a fix of review "own52"'s finding
         * (above), since undone: its month-first proof was any cell of the file shaped 1/31/2026, but a
         * day-first spreadsheet never writes a date so: such a cell in its save is one it could
         * not read as a date and kept as typed (a supplier's US date pasted into a new row). A
         * user on a British computer exports three items whose Expires are 1 December, 2 November
         * and 5 October, adds a row with a date pasted from a US confirmation, 1/31/2026, and
         * saves: Excel writes the three stored dates 01/12/2026, 02/11/2026, 05/10/2026, the
         * pasted one as typed. The pasted cell switches the check off, and the three items move
         * to 12 January, 11 February and 10 May without a word: the silent loss of review "dates",
         * back. Expected: the stored dates given back day first are refused as before (a US edit
         * moves the dates it edits; a day-first save gives back every stored date so, here all three).
         */
        @Test
        void run_dayFirstSaveWithOneUsDatePastedIn_storedDatesGivenBackDayFirstStillRefused() throws IOException {
            store.seed(ACME,
                    item(1006, BOLT).quantity("5").location("Receiving")
                            .attribute("Expires", new CustomValue.Day(LocalDate.of(2026, 12, 1))).build(),
                    item(1007, BOLT).quantity("5").location("Receiving")
                            .attribute("Expires", new CustomValue.Day(LocalDate.of(2026, 11, 2))).build(),
                    item(1008, BOLT).quantity("5").location("Receiving")
                            .attribute("Expires", new CustomValue.Day(LocalDate.of(2026, 10, 5))).build());

            var outcome = run("""
                    id,part_number,quantity,Expires
                    1006,,4,01/12/2026
                    1007,,5,02/11/2026
                    1008,,5,05/10/2026
                    ,BOLT-M3,1,1/31/2026
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE),
                    tuple(4, "Expires", ErrorCode.INVALID_DATE));
            assertThat(store.get(ACME, 1006).attributes().get("Expires")).isEqualTo(new CustomValue.Day(LocalDate.of(2026, 12, 1)));
        }

        @Test
        void run_unconfiguredColumn_unknownColumnForTheFile() throws IOException {
            var outcome = run("""
                    part_number,Colour,quantity
                    BOLT-M3,red,1
                    """);

            assertFailedWith(outcome, tuple(null, "Colour", ErrorCode.UNKNOWN_COLUMN));
            assertThat(outcome.rows()).isZero();
        }

        @Test
        void run_attributeKeyInOtherCase_unknownColumn() throws IOException {
            var outcome = run("""
                    part_number,batchid,WEIGHT
                    BOLT-M3,B-1,2
                    """);

            assertFailedWith(outcome,
                    tuple(null, "batchid", ErrorCode.UNKNOWN_COLUMN),
                    tuple(null, "WEIGHT", ErrorCode.UNKNOWN_COLUMN));
        }

        @Test
        void run_purchaseOrderAttributeColumn_unknownColumn() throws IOException {
            var outcome = run("""
                    part_number,Incoterm
                    BOLT-M3,FOB
                    """);

            assertFailedWith(outcome, tuple(null, "Incoterm", ErrorCode.UNKNOWN_COLUMN));
        }

        @Test
        void run_duplicateColumn_duplicateColumnForTheFile() throws IOException {
            var outcome = run("""
                    part_number,quantity,Quantity
                    BOLT-M3,1,2
                    """);

            assertFailedWith(outcome, tuple(null, "Quantity", ErrorCode.DUPLICATE_COLUMN));
        }

        /**
         * Found by review (5 Dec 2026): docs/errors.md says a message that quotes something holding
         * a character that passes for another (an invisible one such as a zero-width space, a
         * full-width letter) names it at its end, because such a message "quoted what looked like a
         * valid value". UNKNOWN_COLUMN does not: a header "quantity" with a zero-width space pasted
         * after it (from a web page or a PDF) fails with 'column "quantity" is neither a Part
         * Inventory column nor a custom attribute', telling the user that the standard column
         * quantity is unknown. The message should end naming U+200B, as a value's message does.
         * (Since 6 December 2026 such a character at a cell's end is trimmed: this one is inside.)
         */
        @Test
        void run_headerWithAnInvisibleCharacter_unknownColumnMessageNamesIt() throws IOException {
            var outcome = run("part_number,quan\u200btity\nBOLT-M3,1\n");

            assertFailedWith(outcome, tuple(null, "quan\u200btity", ErrorCode.UNKNOWN_COLUMN));
            assertThat(job.reportedErrors().getFirst().message()).contains("U+200B ZERO WIDTH SPACE");
        }

        /** Found by review (6 Dec 2026): at a header cell's end the zero-width space is trimmed, as a space is. */
        @Test
        void run_headerWithAZeroWidthSpaceAtItsEnd_isTheStandardColumn() throws IOException {
            var outcome = run("part_number,quantity\u200b\nBOLT-M3,1\n");

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        /** Found by review (5 Dec 2026): as above, with a full-width letter in the header ("ｑuantity"). */
        @Test
        void run_headerWithAFullWidthLetter_unknownColumnMessageNamesIt() throws IOException {
            var outcome = run("part_number,\uff51uantity\nBOLT-M3,1\n");

            assertFailedWith(outcome, tuple(null, "\uff51uantity", ErrorCode.UNKNOWN_COLUMN));
            assertThat(job.reportedErrors().getFirst().message()).contains("U+FF51 FULLWIDTH LATIN SMALL LETTER Q");
        }

        @Test
        void run_valueUnderBlankHeader_unknownColumnForTheRow() throws IOException {
            var outcome = run("""
                    part_number,,quantity
                    BOLT-M3,,1
                    BOLT-M3,stray,1
                    """);

            assertFailedWith(outcome, tuple(3, null, ErrorCode.UNKNOWN_COLUMN));
        }

        /**
         * A header cell may be 32,767 characters long, and an unknown one is named in the error's
         * column: shortened as a value is (found by review: 500 such names made a 16 MB report).
         */
        @Test
        void run_unknownColumnWithAVeryLongName_reportEchoesAShortenedName() throws IOException {
            var name = "C".repeat(30_000);

            var outcome = run("part_number,quantity," + name + "\nBOLT-M3,1,x\n");

            assertThat(outcome).isInstanceOf(ImportOutcome.Failed.class);
            assertThat(job.reportedErrors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN);
                assertThat(error.column()).hasSize(101).startsWith("CCC").endsWith("…");
                assertThat(error.message()).hasSizeLessThanOrEqualTo(ImportError.MAX_MESSAGE);
            });
        }
    }

    @Nested
    class OnOrder {

        /** Unit 2 of the DRAFT PO-1001's line 2 (internal PO id 30): On Order, owned by that line. */
        @BeforeEach
        void seedOnOrderItem() {
            orders.seed(ACME, TestPurchaseOrders.po(30, "PO-1001").build(),
                    TestPurchaseOrders.line(30, 2).part(WIDGET_A_REV_B).quantity("3").inventory(1007L).build());
            store.seed(ACME, TestPurchaseOrders.onOrder(1007, WIDGET_A_REV_B, "1", "each", "30#2", "Receiving", "Acme Metals"));
        }

        @Test
        void run_quantityOfOnOrderItemChanged_onOrderManagedNamingThePoAndLine() throws IOException {
            var outcome = run("""
                    id,location,quantity
                    1007,Receiving,50
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.ON_ORDER_MANAGED));
            assertThat(job.reportedErrors().getFirst().message()).contains("inventory 1007").contains("line 2 of PO \"PO-1001\"");
        }

        @ParameterizedTest
        @CsvSource({"location, Stockroom A", "supplier, Polymer Co", "quantity_scrapped, 1", "intent_option, Flight",
                "unit_of_measure, kg"})
        void run_columnTheLineOwnsChanged_onOrderManagedOnThatColumn(String column, String value) throws IOException {
            var outcome = run("id," + column + "\n1007," + value + "\n");

            assertFailedWith(outcome, tuple(2, column, ErrorCode.ON_ORDER_MANAGED));
        }

        /**
         * Found by review (5 Dec 2026): ON_ORDER_MANAGED says "line 2 of PO ... sets its supplier
         * ...; change the PO line instead" for every frozen column, but a PO line has no location,
         * supplier or unit column: the location is the PO's {@code ship_to_location}, the supplier
         * the PO's {@code supplier}, the unit the part's stock unit (docs/part-inventory.md: "The
         * line sets its quantity, the PO its location, supplier and intent, the part its unit").
         * The message sends the user to a column that does not exist; SPEC §9 / docs/errors.md want
         * a message that says what to do.
         */
        @ParameterizedTest
        @CsvSource({"location, Stockroom A, ship_to_location", "supplier, Polymer Co, PO-1001",
                "unit_of_measure, kg, part"})
        void run_columnThePoOrThePartSetsChanged_onOrderManagedNamesWhereToChangeIt(String column, String value, String where)
                throws IOException {
            var outcome = run("id," + column + "\n1007," + value + "\n");

            assertFailedWith(outcome, tuple(2, column, ErrorCode.ON_ORDER_MANAGED));
            assertThat(job.reportedErrors().getFirst().message()).doesNotContain("change the PO line instead").contains(where);
        }

        /**
         * Found by review (6 Dec 2026): on an item of a PO past DRAFT the message sent the user to
         * change the PO's ship_to_location (or supplier, the line's quantity or intent), a change the
         * Purchase Orders importer refuses for such a PO (PO_NOT_EDITABLE): the user went in a circle.
         * It says the PO is fixed, and why.
         */
        @ParameterizedTest
        @CsvSource({"location, Stockroom A", "supplier, Polymer Co", "quantity, 5", "intent_option, Flight"})
        void run_columnAPoPastDraftSetsChanged_onOrderManagedSaysThePoNoLongerChanges(String column, String value)
                throws IOException {
            orders.seed(ACME, TestPurchaseOrders.po(30, "PO-1001").status(PoStatus.ORDERED).build(),
                    TestPurchaseOrders.line(30, 2).part(WIDGET_A_REV_B).quantity("3").inventory(1007L).build());

            var outcome = run("id," + column + "\n1007," + value + "\n");

            assertFailedWith(outcome, tuple(2, column, ErrorCode.ON_ORDER_MANAGED));
            assertThat(job.reportedErrors().getFirst().message())
                    .contains("PO \"PO-1001\" is ORDERED: its header and lines no longer change").doesNotContain("instead");
        }

        /**
         * Found by review (6 Dec 2026): the On Order record of a lot-tracked (or untracked) line,
         * given a serial, holds the line's quantity to 0 or 1 (SERIAL_QUANTITY in a Purchase Orders
         * file): "change the PO line's quantity instead" says so, rather than sending the user to a
         * quantity the line then refuses.
         */
        @Test
        void run_quantityOfALotLinesOnOrderItemWithASerial_onOrderManagedSaysTheLineHoldsZeroOrOne() throws IOException {
            orders.seed(ACME, TestPurchaseOrders.po(31, "PO-1002").build(),
                    TestPurchaseOrders.line(31, 1).part(RESIN).quantity("1").inventory(1008L).build());
            store.seed(ACME, TestPurchaseOrders.onOrder(1008, RESIN, "1", "kg", "31#1", "Receiving", "Acme Metals")
                    .withTracking(new dev.intake.core.inventory.Tracking("SN-1", null)));

            var outcome = run("id,quantity\n1008,5\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.ON_ORDER_MANAGED));
            assertThat(job.reportedErrors().getFirst().message())
                    .contains("change the PO line's quantity instead, to 0 or 1 while the item has a serial number");
        }

        /**
         * Found by review (6 Dec 2026): a serial-tracked line has one record per unit and takes any
         * whole quantity while one of them has a serial; told "0 or 1", a user who lowered the line
         * to 1 deleted the other units' records.
         */
        @Test
        void run_quantityOfASerialTrackedLinesOnOrderItemWithASerial_doesNotSayZeroOrOne() throws IOException {
            store.seed(ACME, TestPurchaseOrders.onOrder(1007, WIDGET_A_REV_B, "1", "each", "30#2", "Receiving", "Acme Metals")
                    .withTracking(new dev.intake.core.inventory.Tracking("SN-1", null)));

            var outcome = run("id,quantity\n1007,5\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.ON_ORDER_MANAGED));
            assertThat(job.reportedErrors().getFirst().message()).contains("change the PO line's quantity instead (")
                    .doesNotContain("0 or 1");
        }

        /**
         * Found by review (5 Dec 2026): no test failed when InventoryRules.checkScrapped stopped
         * skipping a quantity_scrapped cell that had failed already (its
         * {@code !cells.failed(QUANTITY_SCRAPPED)} dropped). An On Order item's quantity_scrapped
         * set above its quantity is ON_ORDER_MANAGED, once: not also SCRAPPED_EXCEEDS_QUANTITY for
         * a value the row may not set at all.
         */
        @Test
        void run_scrappedAboveTheQuantityOfAnOnOrderItem_onlyOnOrderManaged() throws IOException {
            var outcome = run("""
                    id,quantity_scrapped
                    1007,2
                    """);

            assertFailedWith(outcome, tuple(2, "quantity_scrapped", ErrorCode.ON_ORDER_MANAGED));
        }

        /**
         * Found by review "errorsdoc" (7 Dec 2026): docs/errors.md promises every problem of a
         * row at once, and the ON_ORDER_MANAGED message itself says "serial_number ... may be set
         * here". A row that gives an On Order item of a line of 40 both a serial and a quantity got
         * ON_ORDER_MANAGED only; the user dropped the quantity as told and the next upload failed
         * SERIAL_QUANTITY on the serial (the line keeps the item at 40, docs/errors.md
         * SERIAL_QUANTITY "A serial given to an On Order item of a line of more than 1"). The
         * refused quantity is the line's anyway, so the serial is checked against it.
         */
        @Test
        void run_serialAndQuantityGivenToOnOrderItemOfALineOfForty_bothErrorsAtOnce() throws IOException {
            seedOnOrderItem1009OfALineOfForty("PO-1003");

            var outcome = run("""
                    id,serial_number,quantity
                    1009,SN-9,5
                    """);

            assertFailedWith(outcome,
                    tuple(2, "quantity", ErrorCode.ON_ORDER_MANAGED),
                    tuple(2, "serial_number", ErrorCode.SERIAL_QUANTITY));
        }

        /** On Order item 1009, the one item of line 1 of 40 bolts of {@code poNumber} (PO id 32). */
        private void seedOnOrderItem1009OfALineOfForty(String poNumber) {
            orders.seed(ACME, TestPurchaseOrders.po(32, poNumber).build(),
                    TestPurchaseOrders.line(32, 1).part(BOLT).quantity("40").inventory(1009L).build());
            store.seed(ACME, TestPurchaseOrders.onOrder(1009, BOLT, "40", "each", "32#1", "Receiving", "Acme Metals"));
        }

        /**
         * Review own49 (7 Dec 2026): the case of run_serialAndQuantityGivenToOnOrderItemOfALineOfForty
         * with a quantity that is not a number: INVALID_NUMBER only. The line keeps the item at 40
         * whatever the cell holds (any other number is ON_ORDER_MANAGED), so the serial fails the
         * next upload, whether the quantity is corrected, set to 40 or dropped; it is SERIAL_QUANTITY
         * now, as beside a refused number.
         */
        @Test
        void run_serialAndUnreadableQuantityGivenToOnOrderItemOfALineOfForty_bothErrorsAtOnce() throws IOException {
            seedOnOrderItem1009OfALineOfForty("PO-1003");

            var outcome = run("""
                    id,serial_number,quantity
                    1009,SN-9,five
                    """);

            assertFailedWith(outcome,
                    tuple(2, "quantity", ErrorCode.INVALID_NUMBER),
                    tuple(2, "serial_number", ErrorCode.SERIAL_QUANTITY));
        }

        /**
         * Review own49 (7 Dec 2026): PO numbers are quoted shortened in messages since review
         * "errorsdoc" (ImportError.inQuotes: "quoted whole, a PO numbered with 500 characters filled
         * the message before it said what was wrong"), but ON_ORDER_MANAGED names the owning line
         * through OnOrderOwners, which still quotes the number whole: the message is cut at 400
         * characters before it says where to change the quantity.
         */
        @Test
        void run_quantityOfOnOrderItemOfALongNumberedPo_messageStillSaysWhereToChangeIt() throws IOException {
            var number = "PO-" + "9".repeat(500);
            seedOnOrderItem1009OfALineOfForty(number);

            var outcome = run("""
                    id,quantity
                    1009,5
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.ON_ORDER_MANAGED));
            assertThat(job.reportedErrors().getFirst().message()).doesNotContain("9".repeat(101))
                    .contains("until it is received");
        }

        @Test
        void run_serialLotAndAttributesGivenToOnOrderItem_writtenAndStillOnOrder() throws IOException {
            var outcome = run("""
                    id,serial_number,lot_number,BatchID,quantity,location,supplier
                    1007,SN-77,L-1,B-9,1,Receiving,Acme Metals
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            var record = store.get(ACME, 1007);
            assertThat(record.serialNumber()).isEqualTo("SN-77");
            assertThat(record.lotNumber()).isEqualTo("L-1");
            assertThat(record.attributes()).containsEntry("BatchID", new CustomValue.Text("B-9"));
            assertThat(record.status()).isEqualTo(InventoryStatus.ON_ORDER);
            assertThat(record.purchaseOrderLine()).isEqualTo("30#2");
        }

        @Test
        void run_serialGivenToOnOrderItemAlreadyHeldByAnotherItemOfThePart_duplicateSerial() throws IOException {
            var outcome = run("""
                    id,serial_number
                    1007,SN-1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /** PO-1002, a line of 60 of widget A rev B, and its one On Order item, 1009, of quantity 60. */
        private void seedPo1002WithALineOf60OnOrderAs1009() {
            orders.seed(ACME, TestPurchaseOrders.po(31, "PO-1002").build(),
                    TestPurchaseOrders.line(31, 1).part(WIDGET_A_REV_B).quantity("60").inventory(1009L).build());
            store.seed(ACME, TestPurchaseOrders.onOrder(1009, WIDGET_A_REV_B, "60", "each", "31#1", "Receiving", "Acme Metals"));
        }

        /**
         * The line sets an On Order item's quantity, and the file may not change it, so the serial
         * is what the row got wrong (until 5 December 2026 the error named column quantity, which
         * the file need not have; found by review).
         */
        @Test
        void run_serialGivenToOnOrderItemOfALotLine_serialQuantityOnSerialNumberNamingTheLine() throws IOException {
            seedPo1002WithALineOf60OnOrderAs1009();

            var outcome = run("""
                    id,serial_number
                    1009,SN-90
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.SERIAL_QUANTITY));
            assertThat(job.reportedErrors().getFirst().message()).contains("inventory 1009").contains("quantity 60")
                    .contains("line 1 of PO \"PO-1002\"");
        }

        /**
         * Found by review (5 Dec 2026): no test failed when InventoryRules.checkSerialQuantity sent
         * every On Order item to its serial_number branch (the {@code row.serialNumber() != null}
         * condition dropped): the branch for a row that gives no serial was never run. Run, it is
         * wrong: an On Order item of a part made serial-tracked after its line was written (one
         * record of the line's 60) carries no serial, and SPEC §7 applies the tracking rules to it
         * only once received, and §6 lets a file give it custom attributes. A row that sets only a
         * custom attribute is refused with SERIAL_QUANTITY on column quantity, which the row does
         * not have and may not change (ON_ORDER_MANAGED).
         */
        @Test
        void run_attributeGivenToOnOrderItemOfALineOfAPartMadeSerialTrackedSince_accepted() throws IOException {
            seedPo1002WithALineOf60OnOrderAs1009();

            var outcome = run("""
                    id,BatchID
                    1009,B-9
                    """);

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1009).attributes()).containsEntry("BatchID", new CustomValue.Text("B-9"));
        }
    }

    @Nested
    class Status {

        @Test
        void status_createdRecords_derivedFromQuantities() throws IOException {
            run("""
                    part_number,quantity,quantity_scrapped
                    BOLT-M3,5,1
                    BOLT-M3,0,0
                    BOLT-M3,3,3
                    BOLT-M3,,
                    """);

            assertThat(store.get(ACME, 5000).status()).isEqualTo(InventoryStatus.AVAILABLE);
            assertThat(store.get(ACME, 5001).status()).isEqualTo(InventoryStatus.UNAVAILABLE);
            assertThat(store.get(ACME, 5002).status()).isEqualTo(InventoryStatus.SCRAPPED);
            assertThat(store.get(ACME, 5003).status()).isEqualTo(InventoryStatus.UNAVAILABLE);
        }

        @Test
        void status_installedItemUpdated_staysInstalled() throws IOException {
            store.seed(ACME, item(2001, ASSY).location("Stockroom A").build(),
                    item(2002, BRACKET).location("Stockroom A").installedIn(2001).build());

            run("""
                    id,quantity
                    2002,1
                    """);

            assertThat(store.get(ACME, 2002).status()).isEqualTo(InventoryStatus.INSTALLED);
        }
    }

    @Nested
    class Abom {

        @Test
        void run_createPartWithBom_oneEmptySlotPerBomLine() throws IOException {
            run("""
                    part_number,quantity
                    ASSY-1,1
                    """);

            assertThat(store.get(ACME, 5000).abom()).containsExactly(
                    new AbomSlot("BOLT-M3", "A", new BigDecimal("4"), null),
                    new AbomSlot("BRACKET", "A", new BigDecimal("2"), null));
        }

        @Test
        void run_createPartWithoutBom_noSlots() throws IOException {
            run("""
                    part_number,quantity
                    BOLT-M3,1
                    """);

            assertThat(store.get(ACME, 5000).abom()).isEmpty();
        }
    }

    @Nested
    class LocationPropagation {

        @BeforeEach
        void seedAssemblyTree() {
            store.seed(ACME,
                    item(2001, ASSY).location("Stockroom A").build(),
                    item(2002, BRACKET).location("Stockroom A").installedIn(2001).build(),
                    item(2003, BOLT).location("Stockroom A").installedIn(2002).build(),
                    item(2004, BOLT).location("Stockroom A").installedIn(2001).build(),
                    item(2005, BOLT).location("Stockroom A").build());
        }

        @Test
        void run_assemblyMovedInADryRun_changesListTheItemsThatWouldMove() throws IOException {
            job = FakeImportJob.validate(ACME);

            var outcome = run("""
                    id,location
                    2001,receiving
                    """);

            assertThat(outcome).isInstanceOfSatisfying(ImportOutcome.Validated.class, validated ->
                    assertThat(validated.preview().changes()).containsExactly(
                            new Change(2, 2001L, "location", "Stockroom A", "Receiving"),
                            new Change(2, 2002L, "location", "Stockroom A", "Receiving"),
                            new Change(2, 2003L, "location", "Stockroom A", "Receiving"),
                            new Change(2, 2004L, "location", "Stockroom A", "Receiving")));
            assertThat(locations(2001, 2002)).containsExactly("Stockroom A", "Stockroom A");
        }

        @Test
        void run_assemblyMoved_childrenAndGrandchildrenMoveToo() throws IOException {
            var outcome = run("""
                    id,location
                    2001,receiving
                    """);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(1, 1, CreatedSummary.NONE, List.of()));
            assertThat(locations(2001, 2002, 2003, 2004, 2005))
                    .containsExactly("Receiving", "Receiving", "Receiving", "Receiving", "Stockroom A");
            assertThat(store.get(ACME, 2003).installedIn()).isEqualTo(2002L);
        }

        /**
         * Found by review: the commit pass walked a moved record's installation tree by recursion,
         * one stack frame per level, with no bound on the depth. A chain of 20,000 items each
         * installed in the one before (nothing in the importer or the catalog limits the depth)
         * threw StackOverflowError mid-commit when its top moved (from about 10,000 levels on a
         * 1 MB thread stack): no report, the rows before it already written, and every retry
         * failing the same way, so the import stayed half-written.
         */
        @Test
        void run_topOfAVeryDeepInstallationChainMoved_movesTheWholeChain() throws IOException {
            int depth = 20_000;
            var chain = new InventoryRecord[depth];
            for (int i = 0; i < depth; i++) {
                var link = item(30_000 + i, BOLT).location("Stockroom A");
                chain[i] = (i == 0 ? link : link.installedIn(30_000L + i - 1)).build();
            }
            store.seed(ACME, chain);

            var outcome = run("""
                    id,location
                    30000,Receiving
                    """);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(1, 1, CreatedSummary.NONE, List.of()));
            assertThat(locations(30_000, 30_000 + depth - 1)).containsOnly("Receiving");
        }

        @Test
        void run_middleOfTreeMoved_onlyItsSubtreeMoves() throws IOException {
            run("""
                    id,location
                    2002,Line 2
                    """);

            assertThat(locations(2001, 2002, 2003, 2004)).containsExactly("Stockroom A", "Line 2", "Line 2", "Stockroom A");
        }

        @Test
        void run_laterRowForMovedChild_setsItsOwnLocationAndMovesItsSubtree() throws IOException {
            run("""
                    id,location
                    2001,Receiving
                    2002,Line 2
                    """);

            assertThat(locations(2001, 2002, 2003, 2004)).containsExactly("Receiving", "Line 2", "Line 2", "Receiving");
        }

        /**
         * Found by review (5 Dec 2026): an export lists every item with its location, so a row of
         * an installed item after its assembly's edited row, its location as it was, put the item
         * back: the assembly moved alone. A location as it was before the file is no move.
         */
        @Test
        void run_laterRowForMovedChild_withItsLocationBeforeTheFile_staysWithItsAssembly() throws IOException {
            var outcome = run("""
                    id,location,supplier
                    2001,Receiving,
                    2002,Stockroom A,Acme Metals
                    2003,Stockroom A,
                    """);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(3, 3, CreatedSummary.NONE, List.of()));
            assertThat(locations(2001, 2002, 2003, 2004)).containsOnly("Receiving");
            assertThat(store.get(ACME, 2002).supplier()).as("the row's other change").isEqualTo("Acme Metals");
        }

        @Test
        void run_earlierRowForChild_overriddenByLaterMoveOfParent() throws IOException {
            run("""
                    id,location
                    2002,Line 2
                    2001,Receiving
                    """);

            assertThat(locations(2001, 2002, 2003)).containsOnly("Receiving");
        }

        @Test
        void run_childChangedByItsRowThenMovedWithItsParent_keepsBothChanges() throws IOException {
            run("""
                    id,location,supplier
                    2002,Line 2,Acme Metals
                    2001,Receiving,
                    """);

            assertThat(locations(2001, 2002, 2003)).containsOnly("Receiving");
            assertThat(store.get(ACME, 2002).supplier()).as("the child's own row, before its parent moved it")
                    .isEqualTo("Acme Metals");
        }

        @Test
        void commitPass_dropsEachRecordOnceWritten_keepsThoseALaterMoveCanReach() throws IOException {
            var moved = java.util.Set.of(2005L, 2002L, 2001L);
            var stored = store.findByIds(ACME, moved);
            var pass = new InventoryCommitPass(TestCatalog.acme(), job, Writes.NOWHERE, stored,
                    InstalledTrees.under(store, ACME, moved, Runnable::run), 5000, PreviewLog.OFF);

            new FilePasses(new CsvFileReader(CsvLimits.DEFAULT)).run(new StringImportFile("""
                    id,location
                    2005,Line 2
                    2002,Line 2
                    2001,Receiving
                    """), pass, job, ImportProgress.Phase.COMMITTING);

            assertThat(pass.result().updated()).isEqualTo(3);
            assertThat(stored.keySet())
                    .as("2005 and 2001 are dropped once written; 2002 to 2004 are installed in a tree a row moves")
                    .containsExactlyInAnyOrder(2002L, 2003L, 2004L);
        }

        @Test
        void run_locationUnchanged_writesNothing() throws IOException {
            run("""
                    id,location
                    2001,Stockroom A
                    """);

            assertThat(store.writes()).as("a row that changes nothing writes nothing").isEmpty();
        }

        @Test
        void run_assemblyLocationCleared_childrenCleared() throws IOException {
            run("""
                    id,location
                    2001,
                    """);

            assertThat(locations(2001, 2002, 2003)).containsOnlyNulls();
        }

            @Test
        void run_resumedAfterParentWrittenButNotChildren_childrenStillMove() throws IOException {
            store.seed(ACME, item(2001, ASSY).location("Receiving").build());
            job = FakeImportJob.resume(ACME);

            run("""
                    id,location
                    2001,Receiving
                    """);

            assertThat(locations(2001, 2002, 2003, 2004)).containsOnly("Receiving");
        }

        private List<String> locations(long... ids) {
            return Arrays.stream(ids).mapToObj(id -> store.get(ACME, id).location()).toList();
        }
    }

    @Nested
    class AllOrNothing {

        @Test
        void run_errorsOnSeveralRows_writesNothingAndReportsEveryError() throws IOException {
            var before = store.records(ACME);

            var outcome = run("""
                    id,part_number,quantity,location
                    ,BOLT-M3,-1,Attic
                    1003,,5,Receiving
                    ,NOPE,1,
                    4242,,1,
                    """);

            assertFailedWith(outcome,
                    tuple(2, "quantity", ErrorCode.NEGATIVE_NUMBER),
                    tuple(2, "location", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(4, "part_number", ErrorCode.UNKNOWN_REFERENCE),
                    tuple(5, "id", ErrorCode.NOT_FOUND));
            assertThat(outcome.rows()).isEqualTo(4);
            assertThat(store.records(ACME)).isEqualTo(before);
            assertThat(job.errors().total()).isEqualTo(4);
        }

        @Test
        void run_recordChangedByAnotherImportMidCommit_undoesEveryWriteAndReportsTheRows() throws IOException {
            var before = store.records(ACME);
            var csv = new StringBuilder("id,part_number,quantity\n");
            for (int i = 0; i < 120; i++) {
                csv.append(",BOLT-M3,1\n");
            }
            csv.append("1003,,5\n");
            store.whenWriting(1, () -> store.changedByAnotherImport(ACME, 1003));

            var outcome = run(csv.toString());

            assertThat(outcome).isInstanceOf(ImportOutcome.Failed.class);
            assertThat(job.errors().kept()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
                assertThat(error.column()).isEqualTo("id");
                assertThat(error.rows()).containsExactly(122);
            });
            assertThat(job.rollbacks()).isEqualTo(1);
            assertThat(job.journal()).as("the record the file updates; creates are undone by their id range")
                    .extracting(entry -> entry.item().identity()).containsExactly("inventory#1003");
            assertThat(store.records(ACME)).isEqualTo(changedBehind(before, 1003));
        }

        @Test
        void run_fileWithErrors_reservesNoIds() throws IOException {
            run("""
                    id,part_number,quantity
                    ,BOLT-M3,-1
                    """);

            assertThat(job.reservedCount(PartInventoryImporter.ID_SEQUENCE)).isZero();
            assertThat(job.beginWritesCalls()).isZero();
        }

        @Test
        void run_failingRows_errorsCsvHoldsEachFailingRowOnceWithAllItsErrors() throws IOException {
            run("""
                    id,part_number,quantity,location
                    ,BOLT-M3,-1,Attic
                    1003,,5,Receiving
                    ,NOPE,1,
                    """);

            assertThat(job.failedRowsCsv()).isEqualTo("""
                    id,part_number,quantity,location,row,errors\r
                    "",BOLT-M3,-1,Attic,2,"NEGATIVE_NUMBER: quantity must be zero or more, got -1; \
                    UNKNOWN_REFERENCE: no location named ""Attic"" exists"\r
                    "",NOPE,1,,4,"UNKNOWN_REFERENCE: no part numbered ""NOPE"" exists"\r
                    """);
        }

        @Test
        void run_blankLinesAndMultiLineCells_errorsNameSpreadsheetRows() throws IOException {
            var outcome = run("""
                    part_number,quantity,BatchID
                    BOLT-M3,1,"first line
                    second line"

                    ,,
                    BOLT-M3,-1,x
                    """);

            assertFailedWith(outcome, tuple(5, "quantity", ErrorCode.NEGATIVE_NUMBER));
            assertThat(outcome.rows()).isEqualTo(2);
        }

        @Test
        void run_rowWithMoreCellsThanHeader_malformedRowAndNothingWritten() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    BOLT-M3,1,extra
                    BOLT-M3,2
                    """);

            assertFailedWith(outcome, tuple(2, null, ErrorCode.MALFORMED_CSV));
            assertThat(outcome.rows()).isEqualTo(2);
            assertThat(job.failedRowsCsv()).contains("BOLT-M3,1,2,");
        }

        /**
         * The errors CSV holds every failing row (SPEC §9), the row that stopped the file too (an
         * unterminated quote, invalid UTF-8, a NUL), last and without cells. It used to have no line
         * for it (found by review).
         */
        @Test
        void run_unterminatedQuote_errorsCsvHoldsTheRowThatStoppedTheFile() throws IOException {
            var outcome = run("""
                    part_number,quantity,BatchID
                    BOLT-M3,-1,a
                    BOLT-M3,1,"never closed
                    BOLT-M3,2,b
                    """);

            assertFailedWith(outcome, tuple(3, null, ErrorCode.MALFORMED_CSV), tuple(2, "quantity", ErrorCode.NEGATIVE_NUMBER));
            assertThat(job.failedRowsCsv()).contains(",2,\"NEGATIVE_NUMBER: ").contains(",3,MALFORMED_CSV: ");
        }

        @Test
        void run_emptyFile_emptyFileError() throws IOException {
            var outcome = run("");

            assertFailedWith(outcome, tuple(null, null, ErrorCode.EMPTY_FILE));
            assertThat(outcome.rows()).isZero();
        }

        @Test
        void run_unterminatedQuote_malformedFileAndNothingWritten() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    BOLT-M3,1
                    "BOLT-M3,2
                    """);

            assertFailedWith(outcome, tuple(3, null, ErrorCode.MALFORMED_CSV));
        }

        /**
         * A cell too long is named by its column's standard name, whatever the header's spelling,
         * as every other error is: it used to be the header as written (found by review).
         */
        @Test
        void run_cellTooLongUnderAHeaderInAnotherCase_errorNamesTheStandardColumn() throws IOException {
            var outcome = run("Part_Number,Quantity\nBOLT-M3," + "1".repeat(40_000) + "\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.LIMIT_EXCEEDED));
        }

        /**
         * Found by review "errorsdoc" on 7 December 2026: a cell past INTAKE_MAX_CELL_LENGTH fails
         * its row, whose other cells are not checked (a row that does not fit is not read as one,
         * as a row with an extra cell is not), and the message did not say so, as MALFORMED_CSV's
         * for an extra cell does: the upload with the long note shortened failed again on the
         * row's quantity, unannounced.
         */
        @Test
        void run_cellTooLongBesideANegativeQuantity_messageSaysTheRowsOtherCellsWait() throws IOException {
            var outcome = run("part_number,quantity,BatchID\nBOLT-M3,-1," + "x".repeat(40_000) + "\n");

            assertFailedWith(outcome, tuple(2, "BatchID", ErrorCode.LIMIT_EXCEEDED));
            assertThat(job.reportedErrors().getFirst().message()).endsWith("the row's other cells are checked once it fits");
        }

        /**
         * The rows before a broken quote, or before binary data, were read, and are validated: the
         * report names their problems after the stop (found by review: they were dropped).
         */
        @Test
        void run_rowErrorBeforeAnUnterminatedQuote_bothReported() throws IOException {
            var outcome = run("""
                    part_number,quantity
                    BOLT-M3,-1
                    "BOLT-M3,2
                    """);

            assertFailedWith(outcome,
                    tuple(3, null, ErrorCode.MALFORMED_CSV),
                    tuple(2, "quantity", ErrorCode.NEGATIVE_NUMBER));
        }

        @Test
        void run_rowErrorBeforeANulByte_bothReported() throws IOException {
            var outcome = run("part_number,quantity,location\nBOLT-M3,1,Attic\nBOLT-M3,1,Rec\0eiving\n");

            assertFailedWith(outcome,
                    tuple(3, null, ErrorCode.MALFORMED_CSV),
                    tuple(2, "location", ErrorCode.UNKNOWN_REFERENCE));
        }
    }

    @Nested
    class Modes {

        private static final String VALID_FILE = """
                id,part_number,serial_number,autogenerate_serial,quantity,location
                ,WIDGET-A,,true,1,Receiving
                ,BOLT-M3,,,25,Line 2
                1003,,,,45,
                """;

        @Test
        void run_validateModeValidFile_validatedAndNothingWritten() throws IOException {
            job = FakeImportJob.validate(ACME);
            var before = store.records(ACME);

            var outcome = run(VALID_FILE);

            assertThat(outcome).isInstanceOfSatisfying(ImportOutcome.Validated.class, validated -> {
                assertThat(validated.rows()).isEqualTo(3);
                assertThat(validated.wouldCreate()).isEqualTo(2);
                assertThat(validated.wouldUpdate()).isEqualTo(1);
                assertThat(validated.preview().changes()).containsExactly(
                        new Change(4, 1003L, "quantity", "50", "45"),
                        new Change(4, 1003L, "location", "Receiving", null));
                assertThat(validated.preview().matches()).as("Part Inventory rows match no lines").isNull();
            });
            assertThat(store.records(ACME)).isEqualTo(before);
            assertThat(store.writes()).isEmpty();
            assertThat(job.beginWritesCalls()).isZero();
        }

        @Test
        void run_validateModeUpdateOfEveryColumn_changesListEachFieldThatDiffers() throws IOException {
            job = FakeImportJob.validate(ACME);

            var outcome = run("""
                    id,serial_number,quantity,location,supplier,intent_option,BatchID,Weight,Expires
                    1001,SN-1,1.0,stockroom a,Polymer Co,,B-8,2.50,
                    """);

            assertThat(outcome).isInstanceOfSatisfying(ImportOutcome.Validated.class, validated ->
                    assertThat(validated.preview().changes()).containsExactly(
                            new Change(2, 1001L, "supplier", "Acme Metals", "Polymer Co"),
                            new Change(2, 1001L, "intent_option", "Flight", null),
                            new Change(2, 1001L, "BatchID", "B-7", "B-8"),
                            new Change(2, 1001L, "Expires", "2027-06-30", null)));
        }

        @Test
        void run_validateModeInvalidFile_failed() throws IOException {
            job = FakeImportJob.validate(ACME);

            var outcome = run("""
                    part_number,quantity
                    RESIN,5
                    """);

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.TRACKING_REQUIRED));
        }

        @Test
        void run_commitValidFile_beginsWritesOnceAndWritesWithImportId() throws IOException {
            var outcome = run(VALID_FILE);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(3, 1,
                    created(new CreatedRun(2, 5000L, 2)), List.of()));
            assertThat(job.beginWritesCalls()).isEqualTo(1);
            assertThat(store.writes()).allSatisfy(write -> {
                assertThat(write.org()).isEqualTo(ACME);
                assertThat(write.importId()).isEqualTo("import-1");
            });
            assertThat(store.writes()).extracting(write -> write.records().stream().map(InventoryRecord::id).toList())
                    .containsExactlyInAnyOrder(List.of(5000L, 5001L), List.of(1003L));
            assertThat(job.keepAliveCalls()).isGreaterThanOrEqualTo(6);
            assertThat(file.opens()).isEqualTo(3);
        }

        @Test
        void run_resumingCommit_skipsValidationAndRewritesSameRecords() throws IOException {
            run(VALID_FILE);
            var afterFirst = store.records(ACME);
            job = FakeImportJob.resume(ACME).reservedAs(job);

            var outcome = run(VALID_FILE);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(3, 1,
                    created(new CreatedRun(2, 5000L, 2)), List.of()));
            assertThat(store.records(ACME)).isEqualTo(afterFirst).hasSize(5);
            assertThat(file.opens()).isEqualTo(2);
            assertThat(job.beginWritesCalls()).as("the import is marked committing already").isZero();
        }

        /**
         * A commit's catalog fingerprint covers the parts it writes on, not the org's every part:
         * in a large org an import reads only those (6 December 2026). A resume after another
         * part gained a revision finishes the commit; before, any change to the catalog undid it.
         */
        @Test
        void run_resumedAfterAPartTheFileDoesNotTouchChanged_finishesTheCommit() throws IOException {
            var catalogs = new InMemoryCatalogStore(TestCatalog.acme());
            var importer = importerOn(catalogs);
            file = new StringImportFile(CREATE_WIDGET_UPDATE_1003);
            importer.run(file, job);
            var afterFirst = store.records(ACME);
            catalogs.put(TestCatalog.withRevision(catalogs.load(ACME), new PartRef("RESIN", "2"), TrackingType.SERIAL, "kg"));
            job = FakeImportJob.resume(ACME).reservedAs(job);

            var outcome = importer.run(file, job);

            assertThat(outcome).isEqualTo(new ImportOutcome.Committed(2, 1, created(new CreatedRun(2, 5000L, 1)), List.of()));
            assertThat(job.reportedErrors()).isEmpty();
            assertThat(store.records(ACME)).isEqualTo(afterFirst);
        }

        /**
         * The fingerprint also covers the part of a record the file updates, which no row names
         * (record 1003 is a BOLT-M3; an update keeps its record's part and converts on its unit):
         * that part gaining a revision before the resume undoes the import, as a change to a part
         * a row names does.
         */
        @Test
        void run_resumedAfterThePartOfARecordItUpdatesChanged_undoneAsACatalogChange() throws IOException {
            var catalogs = new InMemoryCatalogStore(TestCatalog.acme());
            var importer = importerOn(catalogs);
            var before = store.records(ACME);
            file = new StringImportFile(CREATE_WIDGET_UPDATE_1003);
            importer.run(file, job);
            catalogs.put(TestCatalog.withRevision(catalogs.load(ACME), new PartRef("BOLT-M3", "B"), TrackingType.NONE, "each"));
            job = FakeImportJob.resume(ACME).reservedAs(job).journaled(job.journal());

            var outcome = importer.run(file, job);

            assertThat(outcome).isEqualTo(new ImportOutcome.Failed(2));
            assertThat(job.reportedErrors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
                assertThat(error.row()).isNull();
                assertThat(error.column()).isNull();
                assertThat(error.message()).startsWith("the catalog changed after this import began writing");
            });
            assertThat(store.records(ACME)).as("undone").isEqualTo(before);
        }

        /** A retyping catalog load began while the file was validated: the commit writes nothing (CatalogRetypes). */
        @Test
        void run_retypingLoadBeganWhileTheFileValidated_failedConcurrentChangeNothingWritten() throws IOException {
            var catalogs = new InMemoryCatalogStore(TestCatalog.acme());
            catalogs.retypesRead(new CatalogRetypes(2, null), new CatalogRetypes(3, null));
            var before = store.records(ACME);
            file = new StringImportFile(CREATE_WIDGET_UPDATE_1003);

            var outcome = importerOn(catalogs).run(file, job);

            assertThat(outcome).isEqualTo(new ImportOutcome.Failed(2));
            assertThat(job.reportedErrors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
                assertThat(error.row()).isNull();
                assertThat(error.message()).contains("ran for this org while this file was validated");
            });
            assertThat(store.writes()).isEmpty();
            assertThat(store.records(ACME)).isEqualTo(before);
            assertThat(job.beginWritesCalls()).isZero();
        }

        /** A dry run writes nothing, so a retyping load under way does not refuse it. */
        @Test
        void run_dryRunBesideARetypingLoad_validated() throws IOException {
            var catalogs = new InMemoryCatalogStore(TestCatalog.acme());
            catalogs.retypesRead(new CatalogRetypes(2, "retyped.json"));
            job = FakeImportJob.validate(ACME);
            file = new StringImportFile(CREATE_WIDGET_UPDATE_1003);

            assertThat(importerOn(catalogs).run(file, job)).isInstanceOf(ImportOutcome.Validated.class);
            assertThat(job.reportedErrors()).isEmpty();
        }

        /**
         * A commit begun by an Intake before 6 December 2026 (its fingerprint over the whole
         * catalog, without this form's prefix) and resumed by this one is undone, saying Intake
         * was updated: it said the catalog had changed, and no one had changed it (review
         * "upgrade", 6 December 2026).
         */
        @Test
        void run_resumeOfACommitAnEarlierIntakeBegan_undoneSayingIntakeWasUpdated() throws IOException {
            var catalogs = new InMemoryCatalogStore(TestCatalog.acme());
            var importer = importerOn(catalogs);
            var before = store.records(ACME);
            file = new StringImportFile(CREATE_WIDGET_UPDATE_1003);
            importer.run(file, job);
            job = FakeImportJob.resume(ACME).reservedAs(job).journaled(job.journal()).fingerprint("0f3a9c2b7d1e4f5a6b7c8d9e0f1a2b3c");

            var outcome = importer.run(file, job);

            assertThat(outcome).isEqualTo(new ImportOutcome.Failed(2));
            assertThat(job.reportedErrors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
                assertThat(error.message()).startsWith("Intake was updated while this import was being written");
            });
            assertThat(store.records(ACME)).as("undone").isEqualTo(before);
        }

        private static final String CREATE_WIDGET_UPDATE_1003 = """
                id,part_number,autogenerate_serial,quantity
                ,WIDGET-A,true,1
                1003,,,45
                """;

        private PartInventoryImporter importerOn(InMemoryCatalogStore catalogs) {
            return new PartInventoryImporter(catalogs, store, store.serials(), orders, new InMemoryCommitStore(store, orders),
                    InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));
        }

        @Test
        void run_manyRows_writtenInChunksOfThreeHundred() throws IOException {
            var csv = new StringBuilder("part_number,quantity\n");
            for (int i = 0; i < 750; i++) {
                csv.append("BOLT-M3,").append(i + 1).append('\n');
            }

            var outcome = run(csv.toString());

            assertThat(store.writes()).extracting(write -> write.records().size()).containsExactlyInAnyOrder(300, 300, 150);
            assertThat(outcome).isInstanceOfSatisfying(ImportOutcome.Committed.class, committed -> {
                assertThat(committed.created().total()).isEqualTo(750);
                assertThat(committed.created().runs()).containsExactly(new CreatedRun(2, 5000L, 750));
            });
            assertThat(store.get(ACME, 5749).quantity()).isEqualByComparingTo("750");
        }
    }

    private static CreatedSummary created(CreatedRun... runs) {
        return new CreatedSummary(List.of(runs), java.util.Arrays.stream(runs).mapToInt(CreatedRun::count).sum(), false);
    }

    /**
     * The scan looks records and serials up in the background while it reads; whatever ends the
     * import, none of those lookups may run on after it (on Lambda, into the next request).
     */
    @Nested
    class LookupsDuringTheScan {

        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger made = new AtomicInteger();
        private final PartInventoryImporter slowLookups = new PartInventoryImporter(
                new InMemoryCatalogStore(TestCatalog.acme()), new SlowInventory(),
                (org, keys) -> slowly(300, () -> store.serials().lookUp(org, keys)), orders,
                new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));

        /** 1,000 serial-numbered creates and 1,000 updates, interleaved: ten serial lookups, one or two reads of records. */
        private final String rows = rows();

        @Test
        void run_fileRefusedWholeByTheScan_noLookupRunsOnAfterIt() throws IOException {
            var fewRows = new PartInventoryImporter(new InMemoryCatalogStore(TestCatalog.acme()), new SlowInventory(),
                    (org, keys) -> slowly(300, () -> store.serials().lookUp(org, keys)), orders,
                    new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS,
                    new CsvFileReader(new CsvLimits(CsvLimits.DEFAULT.maxBytes(), 1_500, 500, 32_767)));

            var outcome = fewRows.run(new StringImportFile(rows), job);

            assertFailedWith(outcome, tuple(null, null, ErrorCode.LIMIT_EXCEEDED));
            assertThat(running).as("lookups still running").hasValue(0);
            assertThat(made).as("lookups made").hasPositiveValue();
        }

        /** Stopped at a row, the rows before it are validated on their lookups, which have all finished. */
        @Test
        void run_fileStoppedAtARowByTheScan_rowsBeforeValidatedAndNoLookupRunsOnAfter() throws IOException {
            var outcome = slowLookups.run(new StringImportFile(rows + "\"unterminated,1\n"), job);

            assertThat(outcome).isInstanceOf(ImportOutcome.Failed.class);
            assertThat(job.reportedErrors()).extracting(ImportError::row, ImportError::code)
                    .startsWith(tuple(2_002, ErrorCode.MALFORMED_CSV), tuple(3, ErrorCode.NOT_FOUND));
            assertThat(job.errors().total()).as("a NOT_FOUND for each of the 1,000 updates, and the stop").isEqualTo(1_001);
            assertThat(store.writes()).isEmpty();
            assertThat(running).as("lookups still running").hasValue(0);
        }

        @Test
        void run_fileUnreadableMidScan_throwsAndNoLookupRunsOnAfterIt() {
            var failure = new IOException("connection reset");
            ImportFile breaksOff = () -> new SequenceInputStream(
                    new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)), new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw failure;
                        }
                    });

            assertThatThrownBy(() -> slowLookups.run(breaksOff, job)).isSameAs(failure);
            assertThat(running).as("lookups still running").hasValue(0);
            assertThat(made).as("lookups made").hasPositiveValue();
        }

        private static String rows() {
            var csv = new StringBuilder("id,part_number,revision,serial_number,quantity\n");
            for (int i = 0; i < 2_000; i++) {
                csv.append(i % 2 == 0 ? ",WIDGET-A,B,SN-" + i + ",1\n" : (5_000 + i) + ",,,,5\n");
            }
            return csv.toString();
        }

        private <T> T slowly(long millis, Supplier<T> lookup) {
            running.incrementAndGet();
            try {
                Thread.sleep(millis);
                return lookup.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                made.incrementAndGet();
                running.decrementAndGet();
            }
        }

        private final class SlowInventory implements InventoryStore {
            @Override
            public Map<Long, Stamped<InventoryRecord>> findByIds(String org, Collection<Long> ids) {
                return slowly(50, () -> store.findByIds(org, ids));
            }

            @Override
            public List<Long> idsInstalledIn(String org, long parentId) {
                return store.idsInstalledIn(org, parentId);
            }

            @Override
            public Map<Long, List<Long>> installedIds(String org) {
                return store.installedIds(org);
            }
        }
    }

    /** Review of the Part Inventory rules against SPEC §5/§6: edge cases the tests above miss. */
    @Nested
    class SerialsAndValuesFoundByReview {

        private PartInventoryImporter importerWith(dev.intake.core.catalog.Catalog catalog) {
            return new PartInventoryImporter(new InMemoryCatalogStore(catalog, TestCatalog.of(GLOBEX)), store, store.serials(),
                    orders, new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS,
                    new CsvFileReader(CsvLimits.DEFAULT));
        }

        /**
         * Found by review "attrs" on 6 December 2026: an attribute keyed "Size (L;W;H)", a
         * comma-separated update file of an id and that column, as a user cuts an export down
         * (docs/export.md). A header with more semicolons than commas was WRONG_DELIMITER, told to
         * save as comma-separated CSV, which it was: only a header the importer cannot resolve is.
         */
        @Test
        void run_commaFileWhoseAttributeKeyHoldsSemicolons_imports() throws IOException {
            var acme = TestCatalog.acme();
            var attributes = new java.util.ArrayList<>(acme.attributes());
            attributes.add(new dev.intake.core.catalog.AttributeDef("Size (L;W;H)", dev.intake.core.catalog.AttributeEntity.INVENTORY,
                    dev.intake.core.catalog.AttributeType.TEXT));
            var catalog = new dev.intake.core.catalog.Catalog(acme.org(), acme.locations(), acme.suppliers(), acme.unitsOfMeasure(),
                    acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(), acme.requirementsByTitle(),
                    acme.defaultTermsAndConditions(), attributes, acme.parts());
            file = new StringImportFile("""
                    id,Size (L;W;H)
                    1003,10;20;30
                    """);

            var outcome = importerWith(catalog).run(file, job);

            assertThat(outcome).as(String.valueOf(job.reportedErrors())).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1003).attributes()).containsEntry("Size (L;W;H)", new CustomValue.Text("10;20;30"));
        }

        /** SPEC §5: part numbers match case-insensitively; §6: a serial is unique per part number, across revisions. */
        @Test
        void run_serialHeldByARevisionSpelledInAnotherCase_duplicateSerial() throws IOException {
            var catalog = TestCatalog.withRevision(TestCatalog.acme(), new dev.intake.core.catalog.PartRef("Widget-A", "C"),
                    dev.intake.core.catalog.TrackingType.SERIAL, "each");
            file = new StringImportFile("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,C,SN-1,1
                    """);
            var outcome = importerWith(catalog).run(file, job);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /** The catalog reloaded with the same revision spelled "widget-a" (catalog.md: loading merges, updated by key). */
        @Test
        void run_serialOfItemStoredBeforeThePartWasRespelled_duplicateSerial() throws IOException {
            var acme = TestCatalog.acme();
            var respelled = new dev.intake.core.catalog.Catalog(acme.org(), acme.locations(), acme.suppliers(),
                    acme.unitsOfMeasure(), acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(),
                    acme.requirementsByTitle(), acme.defaultTermsAndConditions(), acme.attributes(),
                    dev.intake.core.catalog.PartIndex.of(List.of(
                            new dev.intake.core.catalog.Part("widget-a", "A", dev.intake.core.catalog.TrackingType.SERIAL, "each", null, List.of()),
                            new dev.intake.core.catalog.Part("widget-a", "B", dev.intake.core.catalog.TrackingType.SERIAL, "each", null, List.of()))));
            file = new StringImportFile("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,B,SN-1,1
                    """);
            var outcome = importerWith(respelled).run(file, job);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * "MASSE-1" and "MAßE-1" are two part numbers to the catalog (their lower cases differ:
         * NameIndex.key), so each may hold SN-1. SerialKey's first canonical form, the upper case,
         * made both "MASSE-1" ('ß' upper-cases to "SS"), and a serial of one was taken for the other
         * (found by review).
         */
        @Test
        void run_sameSerialOnTwoPartNumbersTheCatalogKeepsApart_accepted() throws IOException {
            var catalog = TestCatalog.withRevision(TestCatalog.withRevision(TestCatalog.acme(),
                    new dev.intake.core.catalog.PartRef("MASSE-1", "A"), dev.intake.core.catalog.TrackingType.SERIAL, "each"),
                    new dev.intake.core.catalog.PartRef("MA\u00dfE-1", "A"), dev.intake.core.catalog.TrackingType.SERIAL, "each");
            assertThat(catalog.parts().revisions("MASSE-1")).hasSize(1); // two part numbers to the catalog
            file = new StringImportFile("""
                    part_number,revision,serial_number,quantity
                    MASSE-1,A,SN-1,1
                    MA\u00dfE-1,A,SN-1,1
                    """);
            var outcome = importerWith(catalog).run(file, job);

            assertThat(outcome).as(String.valueOf(job.reportedErrors())).isInstanceOf(ImportOutcome.Committed.class);
        }

        /**
         * Since 4 December 2026 the catalog takes a part number in either Unicode form as one
         * (NameIndex.key, NFC; csv-format.md): "BÜGEL-1" composed in one revision and decomposed
         * (U, combining diaeresis) in another are revisions of one part, and a serial is unique per
         * part number across revisions (SPEC §6). SerialKey keys them apart (found by review).
         */
        @Test
        void run_serialTwiceInFileOnRevisionsSpelledInAnotherUnicodeForm_duplicateSerial() throws IOException {
            var composed = "B\u00dcGEL-1";
            var decomposed = "BU\u0308GEL-1";
            var catalog = TestCatalog.withRevision(TestCatalog.withRevision(TestCatalog.acme(),
                            new dev.intake.core.catalog.PartRef(composed, "A"), dev.intake.core.catalog.TrackingType.SERIAL, "each"),
                    new dev.intake.core.catalog.PartRef(decomposed, "B"), dev.intake.core.catalog.TrackingType.SERIAL, "each");
            assertThat(catalog.parts().revisions(composed)).as("one part number, two revisions").hasSize(2);
            file = new StringImportFile("part_number,revision,serial_number,quantity\n"
                    + composed + ",A,SN-71,1\n"
                    + composed + ",B,SN-71,1\n");
            var outcome = importerWith(catalog).run(file, job);

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_serialTwiceInFileOnRevisionsSpelledInAnotherCase_duplicateSerial() throws IOException {
            var catalog = TestCatalog.withRevision(TestCatalog.acme(), new dev.intake.core.catalog.PartRef("Widget-A", "C"),
                    dev.intake.core.catalog.TrackingType.SERIAL, "each");
            file = new StringImportFile("""
                    part_number,revision,serial_number,quantity
                    WIDGET-A,B,SN-70,1
                    widget-a,C,SN-70,1
                    """);
            var outcome = importerWith(catalog).run(file, job);

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * part-inventory.md, On Order inventory: a cell equal to the stored value, compared by
         * meaning (`stockroom a` is `Stockroom A`), is no change, so an export imports back. A
         * catalog reload spelled the location "RECEIVING"; the On Order item keeps "Receiving".
         */
        @Test
        void run_onOrderItemsLocationAfterAReloadRespelledIt_noChangeSoNoOnOrderManaged() throws IOException {
            orders.seed(ACME, TestPurchaseOrders.po(30, "PO-1001").build(),
                    TestPurchaseOrders.line(30, 2).part(WIDGET_A_REV_B).quantity("3").inventory(1007L).build());
            store.seed(ACME, TestPurchaseOrders.onOrder(1007, WIDGET_A_REV_B, "1", "each", "30#2", "Receiving", "Acme Metals"));
            var acme = TestCatalog.acme();
            var respelled = new dev.intake.core.catalog.Catalog(acme.org(),
                    dev.intake.core.catalog.NameIndex.of(List.of("Stockroom A", "RECEIVING", "Line 2")), acme.suppliers(),
                    acme.unitsOfMeasure(), acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(),
                    acme.requirementsByTitle(), acme.defaultTermsAndConditions(), acme.attributes(), acme.parts());
            file = new StringImportFile("""
                    id,location,serial_number
                    1007,Receiving,SN-300
                    """);

            var outcome = importerWith(respelled).run(file, job);

            assertThat(outcome).as("%s", job.reportedErrors()).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1007).serialNumber()).isEqualTo("SN-300");
        }

        @Test
        void run_serialClearedByAnEarlierRow_freeForALaterCreate() throws IOException {
            store.seed(ACME, item(1010, BOLT).serial("B-1").quantity("1").build());
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1010,,,1
                    ,BOLT-M3,B-1,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1010).serialNumber()).isNull();
            assertThat(store.get(ACME, 5000).serialNumber()).isEqualTo("B-1");
        }

        @Test
        void run_serialGivenToUntrackedItemOfQuantityFifty_serialQuantity() throws IOException {
            var outcome = run("""
                    id,serial_number
                    1003,B-9
                    """);

            // the file has no quantity column: the serial it gives is what is wrong (review of 5 December 2026)
            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.SERIAL_QUANTITY));
        }

        @Test
        void run_sameIdWithLeadingZeros_duplicateId() throws IOException {
            var outcome = run("""
                    id,quantity
                    1003,4
                    01003,5
                    """);

            assertFailedWith(outcome, tuple(3, "id", ErrorCode.DUPLICATE_ID));
        }

        @Test
        void run_serialChainThroughThreeRows_accepted() throws IOException {
            store.seed(ACME, item(1004, WIDGET_A_REV_B).serial("SN-2").quantity("1").build());
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1004,,SN-X,1
                    1001,,SN-2,1
                    ,WIDGET-A,SN-1,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.serials().claims(ACME))
                    .containsEntry(new SerialKey("WIDGET-A", "SN-X"), 1004L)
                    .containsEntry(new SerialKey("WIDGET-A", "SN-2"), 1001L)
                    .containsEntry(new SerialKey("WIDGET-A", "SN-1"), 5000L);
        }

        @Test
        void run_scrappedOnlyOnUpdate_checkedAgainstStoredQuantity() throws IOException {
            var outcome = run("""
                    id,quantity_scrapped
                    1003,51
                    """);

            assertFailedWith(outcome, tuple(2, "quantity_scrapped", ErrorCode.SCRAPPED_EXCEEDS_QUANTITY));
        }

        @Test
        void run_autogenerateSerialOnUntrackedPartWithQuantityFive_serialQuantity() throws IOException {
            var outcome = run("""
                    part_number,autogenerate_serial,quantity
                    BOLT-M3,true,5
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.SERIAL_QUANTITY));
        }

        @Test
        void run_updateOfLotItemWithoutLotColumn_keepsLot() throws IOException {
            var outcome = run("""
                    id,quantity
                    1002,3
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1002).lotNumber()).isEqualTo("L-9");
        }

        @Test
        void run_datesOfEveryFormInSpec_accepted() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,2026-01-31
                    BOLT-M3,2026-01-31T10:00:00
                    BOLT-M3,1/31/2026
                    BOLT-M3,31-Jan-2026
                    BOLT-M3,"Jan 31, 2026"
                    BOLT-M3,January 31 2026
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            for (long id = 5000; id < 5006; id++) {
                assertThat(store.get(ACME, id).attributes()).containsEntry("Expires", new CustomValue.Day(LocalDate.of(2026, 1, 31)));
            }
        }

        @Test
        void run_booleansOfEveryFormInSpec_accepted() throws IOException {
            var outcome = run("""
                    part_number,Inspected
                    BOLT-M3,TRUE
                    BOLT-M3,Yes
                    BOLT-M3,Y
                    BOLT-M3,t
                    BOLT-M3,1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @Test
        void run_numbersNotPlain_invalidNumber() throws IOException {
            var outcome = run("""
                    part_number,quantity,Weight
                    BOLT-M3,1e3,NaN
                    BOLT-M3,Infinity,"1,5"
                    """);

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER), tuple(2, "Weight", ErrorCode.INVALID_NUMBER),
                    tuple(3, "quantity", ErrorCode.INVALID_NUMBER), tuple(3, "Weight", ErrorCode.INVALID_NUMBER));
        }
    }

    @Nested
    class OnOrderFoundByReview {

        @BeforeEach
        void seedOnOrderItems() {
            orders.seed(ACME, TestPurchaseOrders.po(30, "PO-1001").build(),
                    TestPurchaseOrders.line(30, 2).part(WIDGET_A_REV_B).quantity("2").inventory(1007L, 1008L).build());
            store.seed(ACME, TestPurchaseOrders.onOrder(1007, WIDGET_A_REV_B, "1", "each", "30#2", "Receiving", "Acme Metals"));
            var withSerial = TestPurchaseOrders.onOrder(1008, WIDGET_A_REV_B, "1", "each", "30#2", "Receiving", "Acme Metals");
            store.seed(ACME, withSerial.withTracking(withSerial.tracking().withSerialNumber("SN-OO")));
        }

        @Test
        void run_onOrderValuesEqualByMeaning_accepted() throws IOException {
            var outcome = run("""
                    id,quantity,quantity_scrapped,location,supplier,unit_of_measure,intent_option
                    1007,1.0,0,receiving,ACME METALS,,
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @Test
        void run_onOrderSerialTrackedWithoutSerial_attributeAccepted() throws IOException {
            var outcome = run("""
                    id,BatchID
                    1007,B-1
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
        }

        @Test
        void run_onOrderLocationCleared_onOrderManaged() throws IOException {
            var outcome = run("""
                    id,location
                    1007,
                    """);

            assertFailedWith(outcome, tuple(2, "location", ErrorCode.ON_ORDER_MANAGED));
        }

        @Test
        void run_serialOfOnOrderItem_takenForACreate() throws IOException {
            var outcome = run("""
                    part_number,serial_number,quantity
                    WIDGET-A,SN-OO,1
                    """);

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_serialGivenToOnOrderItemThenCreated_duplicateOnLaterRow() throws IOException {
            var outcome = run("""
                    id,part_number,serial_number,quantity
                    1007,,SN-55,1
                    ,WIDGET-A,SN-55,1
                    """);

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        @Test
        void run_serialMovedBetweenOnOrderItemsInFileOrder_accepted() throws IOException {
            var outcome = run("""
                    id,serial_number
                    1008,SN-OP
                    1007,SN-OO
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1007).serialNumber()).isEqualTo("SN-OO");
        }

        @Test
        void run_autogenerateOnOnOrderUpdate_autogenerateOnUpdate() throws IOException {
            var outcome = run("""
                    id,autogenerate_serial
                    1007,true
                    """);

            assertFailedWith(outcome, tuple(2, "autogenerate_serial", ErrorCode.AUTOGENERATE_ON_UPDATE));
        }
    }

    /** SPEC §6 (any inventory with a serial has quantity 0 or 1) across §7 (On Order inventory follows its DRAFT line). */
    @Nested
    class OnOrderAcrossImporters {

        private ImportOutcome runPo(String csv) throws IOException {
            return runPo(TestCatalog.acme(), csv);
        }

        @Test
        void run_serialGivenToOnOrderItemThenLineQuantityRaised_serialQuantityOnThePoRow() throws IOException {
            assertThat(runPo("""
                    po_number,supplier,part_number,quantity
                    PO-7,Acme Metals,BOLT-M3,1
                    """)).isInstanceOf(ImportOutcome.Committed.class);
            var onOrder = store.records(ACME).values().stream().filter(r -> r.purchaseOrderLine() != null).toList();
            assertThat(onOrder).hasSize(1);
            long id = onOrder.getFirst().id();

            job = FakeImportJob.commit(ACME);
            assertThat(run("id,serial_number\n" + id + ",B-77\n")).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, id).serialNumber()).isEqualTo("B-77");

            var outcome = runPo("""
                    po_number,supplier,part_number,quantity
                    PO-7,Acme Metals,BOLT-M3,5
                    """);

            assertThat(outcome).isInstanceOf(ImportOutcome.Failed.class);
            assertThat(job.reportedErrors()).extracting(ImportError::row, ImportError::column, ImportError::code)
                    .containsExactly(tuple(2, "quantity", ErrorCode.SERIAL_QUANTITY));
            var record = store.get(ACME, id);
            assertThat(record.serialNumber()).isEqualTo("B-77");
            assertThat(record.quantity()).isEqualByComparingTo(BigDecimal.ONE);
        }

        /** SPEC §6: creating inventory of a part that has a BOM creates its as-built BOM; §7: a PO line creates On Order inventory. */
        @Test
        void run_poLineOfAPartWithABom_onOrderItemGetsOneEmptySlotPerBomLine() throws IOException {
            assertThat(runPo("""
                    po_number,supplier,part_number,quantity
                    PO-9,Acme Metals,ASSY-1,1
                    """)).isInstanceOf(ImportOutcome.Committed.class);

            var onOrder = store.records(ACME).values().stream().filter(r -> r.purchaseOrderLine() != null).toList();
            assertThat(onOrder).singleElement().satisfies(record -> assertThat(record.abom()).containsExactly(
                    new AbomSlot("BOLT-M3", "A", new BigDecimal("4"), null),
                    new AbomSlot("BRACKET", "A", new BigDecimal("2"), null)));
        }

        private ImportOutcome runPo(dev.intake.core.catalog.Catalog catalog, String csv) throws IOException {
            var po = new dev.intake.core.purchasing.PurchaseOrderImporter(
                    new InMemoryCatalogStore(catalog, TestCatalog.of(GLOBEX)), orders, store,
                    new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));
            var poJob = FakeImportJob.commit(ACME).firstId("purchase-order", 700).firstId("inventory", 6000);
            var outcome = po.run(new StringImportFile(csv), poJob);
            job = poJob;
            return outcome;
        }

        /**
         * WIDGET-A rev B was serial-tracked (three On Order records, the second given serial W-2),
         * then the catalog makes it untracked: the line keeps one record, its first (no serial),
         * and deletes the others (OnOrderInventory.sync), so quantity 3 stands. The check used to
         * look at every record of the line, and W-2, on a record about to go, refused it (found by review).
         */
        @Test
        void run_serialOnARecordTheLineDropsOnceThePartIsUntracked_notRefused() throws IOException {
            assertThat(runPo("""
                    po_number,supplier,part_number,revision,quantity
                    PO-8,Acme Metals,WIDGET-A,B,3
                    """)).isInstanceOf(ImportOutcome.Committed.class);
            var ids = store.records(ACME).values().stream().filter(r -> r.purchaseOrderLine() != null)
                    .map(InventoryRecord::id).sorted().toList();
            assertThat(ids).hasSize(3);
            job = FakeImportJob.commit(ACME);
            assertThat(run("id,serial_number,quantity\n" + ids.get(1) + ",W-2,1\n")).isInstanceOf(ImportOutcome.Committed.class);
            var acme = TestCatalog.acme();
            var parts = new java.util.ArrayList<dev.intake.core.catalog.Part>();
            acme.parts().revisionsByNumber().values().forEach(revisions -> revisions.forEach(p -> parts.add(
                    p.ref().equals(WIDGET_A_REV_B) ? new dev.intake.core.catalog.Part(p.partNumber(), p.revision(),
                            dev.intake.core.catalog.TrackingType.NONE, p.unitOfMeasure(), null, List.of()) : p)));
            var untracked = new dev.intake.core.catalog.Catalog(acme.org(), acme.locations(), acme.suppliers(),
                    acme.unitsOfMeasure(), acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(),
                    acme.requirementsByTitle(), acme.defaultTermsAndConditions(), acme.attributes(),
                    dev.intake.core.catalog.PartIndex.of(parts));
            assertThat(untracked.parts().find("WIDGET-A", "B").orElseThrow().trackingType())
                    .isEqualTo(dev.intake.core.catalog.TrackingType.NONE);

            var outcome = runPo(untracked, """
                    po_number,supplier,part_number,revision,quantity
                    PO-8,Acme Metals,WIDGET-A,B,3
                    """);

            assertThat(outcome).as(String.valueOf(job.reportedErrors())).isInstanceOf(ImportOutcome.Committed.class);
        }

        /**
         * A serialled item holds 0 or 1 only (SPEC §6, InventoryRules.checkSerialQuantity), so a
         * line lowered to 0.5 is refused too: the check's first form refused only quantities
         * above 1, and 0.5 went onto the record beside its serial (found by review).
         */
        @Test
        void run_serialGivenToOnOrderItemThenLineQuantityHalved_serialQuantityOnThePoRow() throws IOException {
            assertThat(runPo("""
                    po_number,supplier,part_number,quantity
                    PO-7,Acme Metals,BOLT-M3,1
                    """)).isInstanceOf(ImportOutcome.Committed.class);
            long id = store.records(ACME).values().stream().filter(r -> r.purchaseOrderLine() != null).toList().getFirst().id();
            job = FakeImportJob.commit(ACME);
            assertThat(run("id,serial_number\n" + id + ",B-77\n")).isInstanceOf(ImportOutcome.Committed.class);

            var outcome = runPo("""
                    po_number,supplier,part_number,quantity
                    PO-7,Acme Metals,BOLT-M3,0.5
                    """);

            assertThat(store.get(ACME, id).quantity()).as("quantity beside serial B-77").isIn(BigDecimal.ZERO, BigDecimal.ONE);
            assertThat(outcome).isInstanceOf(ImportOutcome.Failed.class);
        }
    }

    /** PartInventoryImporter.run: another import took the ids validation assumed, so SN-<id> differs (untested path). */
    @Nested
    class IdsTakenMeanwhile {

        private dev.intake.core.imports.ImportJob peekingBehind(FakeImportJob fake, long peeked) {
            return (dev.intake.core.imports.ImportJob) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {dev.intake.core.imports.ImportJob.class}, (proxy, method, args) -> {
                        if (method.getName().equals("peekIds")) {
                            return peeked;
                        }
                        try {
                            return method.invoke(fake, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Test
        void run_autogeneratedSerialTakenUnderTheReservedIds_duplicateSerial() throws IOException {
            store.seed(ACME, item(1005, WIDGET_A_REV_B).serial("SN-5000").quantity("1").build());
            file = new StringImportFile("""
                    part_number,autogenerate_serial,quantity
                    WIDGET-A,true,1
                    """);

            var outcome = importer.run(file, peekingBehind(job, 4990));

            assertFailedWith(outcome, tuple(2, "autogenerate_serial", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * Found by review (5 Dec 2026): the installation trees are now read once, before the check
         * on unfinished writers, and kept through the path where another import took the ids
         * validation assumed: that path checks the file again and reads its records again ("it
         * read the records again"), but not the trees. Another import that took the ids and
         * changed an item installed under an assembly this file moves (2003, in 2002 under 2001)
         * leaves the commit a stale before-state for that item: its move is refused as a
         * concurrent change and the whole file undone, where until 5 December 2026 the trees were
         * read at the commit, after the ids were reserved, and the file went through.
         */
        @Test
        void run_idsTakenByAnImportThatChangedAnItemInAMovedTree_treesReadAgainAndCommitted() throws IOException {
            store.seed(ACME,
                    item(2001, ASSY).location("Stockroom A").build(),
                    item(2002, BRACKET).location("Stockroom A").installedIn(2001).build(),
                    item(2003, BOLT).location("Stockroom A").installedIn(2002).build());
            file = new StringImportFile("""
                    id,part_number,autogenerate_serial,quantity,location
                    2001,,,1,Receiving
                    ,WIDGET-A,true,1,Receiving
                    """);
            var behind = peekingBehind(job, 4990);
            var takingIds = (dev.intake.core.imports.ImportJob) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {dev.intake.core.imports.ImportJob.class}, (proxy, method, args) -> {
                        if (method.getName().equals("reserveIds")) {
                            // the import that took ids 4990..4999 also changed 2003 (and finished)
                            store.changedByAnotherImport(ACME, 2003);
                        }
                        try {
                            return method.invoke(behind, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });

            var outcome = importer.run(file, takingIds);

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(java.util.stream.LongStream.of(2001, 2002, 2003).mapToObj(id -> store.get(ACME, id).location()))
                    .containsOnly("Receiving");
        }

        @Test
        void run_autogeneratedSerialsUnderTheReservedIds_written() throws IOException {
            file = new StringImportFile("""
                    part_number,autogenerate_serial,quantity
                    WIDGET-A,true,1
                    """);

            var outcome = importer.run(file, peekingBehind(job, 4990));

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 5000).serialNumber()).isEqualTo("SN-5000");
        }
    }

    /**
     * An import holds the stored records it updates from its scan until each is written: past what
     * it may hold (a share of the JVM's heap, CommitSettings; here about 1,000 such records' worth) it fails as a file,
     * saying how to split it, having written nothing. Found by review on 6 December 2026: a million
     * updates of records with twenty custom attributes ran the function out of memory at 2,048 MB,
     * with no report, and every retry again.
     */
    @Nested
    class HeldRecordsBudget {

        /** 2,000 stored records of ten custom attributes of 50 characters each, none repeated: about 1,600 bytes each as held. */
        private String updatesOfLargeRecords() {
            var csv = new StringBuilder("id,quantity\n");
            for (long id = 50_000; id < 52_000; id++) {
                var record = item(id, TestCatalog.BOLT).quantity("1").location("Stockroom A");
                for (int i = 0; i < 10; i++) {
                    record.attribute("Note" + i, new CustomValue.Text(id + "-" + i + "-" + "x".repeat(40)));
                }
                store.seed(ACME, record.build());
                csv.append(id).append(",2\n");
            }
            return csv.toString();
        }

        private PartInventoryImporter holdingAtMost(long bytes) {
            return new PartInventoryImporter(new InMemoryCatalogStore(TestCatalog.acme()), store, store.serials(), orders,
                    new InMemoryCommitStore(store, orders),
                    new CommitSettings(InMemoryCommitStore.SETTINGS.executor(), CommitSettings.DEFAULT_MAX_IN_FLIGHT, bytes),
                    new CsvFileReader(CsvLimits.DEFAULT));
        }

        @Test
        void run_updatesOfMoreStoredDataThanItMayHold_failsAsAFileSayingHowToSplitIt() throws IOException {
            var outcome = holdingAtMost(1_700_000).run(new StringImportFile(updatesOfLargeRecords()), job);

            assertFailedWith(outcome, tuple(null, null, ErrorCode.LIMIT_EXCEEDED));
            assertThat(job.reportedErrors().getFirst().message())
                    .startsWith("the stored records this file updates take more memory than an import may hold: past 800 of them, about 1")
                    .contains("bytes each as held (custom attributes and as-built BOMs count), the 1.6 MB it may hold were used up")
                    .contains("Split the file into files that update at most about ")
                    .endsWith(" of them, or give the function more memory (MemorySize)");
        }

        @Test
        void run_dryRunOfUpdatesOfMoreStoredDataThanItMayHold_failsAlike() throws IOException {
            job = FakeImportJob.validate(ACME);

            var outcome = holdingAtMost(1_700_000).run(new StringImportFile(updatesOfLargeRecords()), job);

            assertFailedWith(outcome, tuple(null, null, ErrorCode.LIMIT_EXCEEDED));
        }

        @Test
        void run_updatesWithinWhatItMayHold_areWritten() throws IOException {
            var outcome = holdingAtMost(10_000_000).run(new StringImportFile(updatesOfLargeRecords()), job);

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 51_999).quantity().toString()).isEqualTo("2");
        }

        /**
         * Found by review on 6 December 2026 (review "held"): a number attribute is held as a
         * BigDecimal in a CustomValue.Number with its slots, some 64 bytes however short its text,
         * and the estimate took it for two bytes a character. Forty of them were estimated at 1,170
         * B a record against 2,950 measured, and 600,000 such updates, within the bound, ran out of
         * memory at the template's heap.
         */
        @Test
        void heldBytes_ofARecordWithFortyNumberAttributes_isAtLeastWhatTheyHold() {
            var record = item(50_000, TestCatalog.BOLT).quantity("1").location("Stockroom A");
            for (int i = 1; i <= 40; i++) {
                record.attribute(String.format("dim_%02d", i), new CustomValue.Number(new BigDecimal("12.5")));
            }

            assertThat(InventoryRecords.heldBytes(record.build())).isGreaterThanOrEqualTo(40 * 64);
        }
    }

    /** The records as another import's change of {@code id} leaves them. */
    private java.util.Map<Long, InventoryRecord> changedBehind(java.util.Map<Long, InventoryRecord> before, long id) {
        var after = new java.util.TreeMap<>(before);
        after.put(id, store.get(ACME, id));
        return after;
    }

    private ImportOutcome run(String csv) throws IOException {
        file = new StringImportFile(csv);
        return importer.run(file, job);
    }

    /** The import failed with exactly these (row, column, code) errors, in order, and wrote nothing. */
    private void assertFailedWith(ImportOutcome outcome, Tuple... errors) {
        assertThat(outcome).isInstanceOf(ImportOutcome.Failed.class);
        assertThat(job.reportedErrors())
                .extracting(ImportError::row, ImportError::column, ImportError::code)
                .containsExactly(errors);
        assertThat(store.writes()).isEmpty();
        assertThat(job.beginWritesCalls()).isZero();
    }

    /**
     * Files as spreadsheets save them, against this stop's rules for them (a day-first file's dates
     * that read either way, formula errors, labels joined with commas): found by review "own53c"
     * on 7 December 2026, where they are marked so, else pinned by it.
     */
    @Nested
    class SavedBySpreadsheets {

        /** A part number that is a formula's error: SPREADSHEET_ERROR alone, not also "no such part". */
        @ParameterizedTest
        @ValueSource(strings = {"#NAME?", "#NV", "Err:502"})
        void run_partNumberAsAFormulaError_oneSpreadsheetError(String part) throws IOException {
            var outcome = run("part_number,quantity\n" + part + ",5\n");

            assertThat(job.reportedErrors()).singleElement().satisfies(error -> assertThat(error.message()).contains("formula"));
            assertFailedWith(outcome, tuple(2, "part_number", ErrorCode.SPREADSHEET_ERROR));
        }

        /** A date-time with a lower-case t, read month first as 2027-03-04, in a day-first file: refused as 03/04/2027 14:30 is. */
        @ParameterizedTest
        @ValueSource(strings = {"03/04/2027 14:30", "03/04/2027t14:30"})
        void run_dateTimeReadingEitherWayInADayFirstFile_refused(String date) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3,15/01/2027\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE));
        }

        /** A day-first date-time with a lower-case t (accepted forms take t in either case) is told it looks day first, not "no month 15". */
        @Test
        void run_dayFirstDateTimeWithALowerCaseT_messageSaysDayFirst() throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3,15/01/2027t14:30\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).contains("2027-01-15").doesNotContain("there is no month 15");
        }

        /** An update giving a stored date back day first in a day-first file: one error on the cell, naming the stored date. */
        @Test
        void run_storedDateGivenBackDayFirstInADayFirstFile_oneErrorNamingIt() throws IOException {
            store.seed(ACME, item(1008, BOLT).quantity("1").location("Receiving")
                    .attribute("Expires", new CustomValue.Day(LocalDate.of(2027, 4, 3))).build());

            var outcome = run("""
                    id,Expires
                    1008,03/04/2027
                    1001,30/06/2027
                    """);

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE), tuple(3, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).contains("2027-04-03");
        }

        /** A US file's unambiguous month-first dates and a same-day date with a day-first date elsewhere: only that one refused. */
        @Test
        void run_dayFirstFilesUnambiguousMonthFirstDate_notRefused() throws IOException {
            var outcome = run("""
                    part_number,Expires
                    BOLT-M3,12/30/2027
                    BOLT-M3,15/01/2027
                    """);

            assertFailedWith(outcome, tuple(3, "Expires", ErrorCode.INVALID_DATE));
        }
        // found by review "own53d" on 7 December 2026


        /** Dotted dates and date-times as German spreadsheets write them: told the day year first. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"28.11.2026 14:30:15|2026-11-28", "28.11.2026t14:30|2026-11-28", "3.4.2026|2026-04-03"})
        void run_dottedDate_toldYearFirst(String date, String told) throws IOException {
            var outcome = run("part_number,Expires\nBOLT-M3," + date + "\n");

            assertFailedWith(outcome, tuple(2, "Expires", ErrorCode.INVALID_DATE));
            assertThat(job.reportedErrors().getFirst().message()).contains(told);
        }

        /** Scientific notation and accounting negatives in a quantity: told to format the column as Number. */
        @ParameterizedTest
        @ValueSource(strings = {"1,23E+15", "2e3", "(5)", "(1 234,50)"})
        void run_quantityAsASpreadsheetShowsIt_toldNumber(String quantity) throws IOException {
            var outcome = run("part_number,quantity\nBOLT-M3,\"" + quantity + "\"\n");

            assertFailedWith(outcome, tuple(2, "quantity", ErrorCode.INVALID_NUMBER));
            assertThat(job.reportedErrors().getFirst().message()).contains("format the column as Number");
        }

        /** A catalog location named "#N/A" is read, not refused. */
        @Test
        void run_catalogLocationNamedAsAFormulaError_read() throws IOException {
            var acme = TestCatalog.acme();
            var withNa = new dev.intake.core.catalog.Catalog(ACME,
                    dev.intake.core.catalog.NameIndex.of(List.of("Stockroom A", "#N/A")), acme.suppliers(), acme.unitsOfMeasure(),
                    acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(), acme.requirementsByTitle(),
                    acme.defaultTermsAndConditions(), acme.attributes(), acme.parts());
            var importer = new PartInventoryImporter(new InMemoryCatalogStore(withNa), store, store.serials(), orders,
                    new InMemoryCommitStore(store, orders), InMemoryCommitStore.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));

            var outcome = importer.run(new StringImportFile("part_number,quantity,location\nBOLT-M3,5,#n/a\n"), job);

            assertThat(job.reportedErrors()).isEmpty();
            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
    }
    
    }

    /** Files made on a Mac (TextEdit, Finder names, Numbers): written by review "numbersmac" on 7 December 2026. */
    @Nested
    class MadeOnAMac {

        /**
         * A serial typed or pasted on a Mac from a Finder file name (a scanned certificate
         * "SN-Zürich-1.pdf") is decomposed (NFD: "u" and a combining diaeresis); the same serial
         * typed elsewhere is composed (NFC). Serials match exactly, so the second row creates a
         * second WIDGET-A whose serial reads SN-Zürich-1 in every screen, report and export: the
         * per-part uniqueness of SPEC section 6 is defeated without a word, as the zero-width space
         * did before it was trimmed. Catalog names already match in either form.
         */
        @Test
        void run_serialOfAnotherRowDecomposedAsMacOsWritesIt_isNotALookAlikeDuplicate() throws IOException {
            var composed = java.text.Normalizer.normalize("SN-Zürich-1", java.text.Normalizer.Form.NFC);
            var decomposed = java.text.Normalizer.normalize("SN-Zürich-1", java.text.Normalizer.Form.NFD);

            var outcome = run("part_number,revision,serial_number,quantity\nWIDGET-A,B," + composed + ",1\nWIDGET-A,B,"
                    + decomposed + ",1\n");

            assertFailedWith(outcome, tuple(3, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * TextEdit, the Mac's text editor, turns typed straight quotes into curly ones (Edit,
         * Substitutions, Smart Quotes, on by default). A user adding a row to a CSV there types
         * "L-7, drum 2" and the file holds \u201CL-7, drum 2\u201D: no CSV quote, so the comma splits
         * the cell. With the row's last cell blank the cell count still fits the header, and the
         * row imports with lot_number \u201CL-7 and BatchID drum 2\u201D, silently wrong. Expected:
         * refused, naming the curly quotes (a cell that opens with \u201C and a later one that closes
         * with \u201D), as a cell after a closing quote is (MALFORMED_CSV).
         */
        @Test
        void run_cellInCurlyQuotesAsTextEditTypesThem_notSplitIntoTheNextColumn() throws IOException {
            var outcome = run("part_number,revision,quantity,lot_number,BatchID\nRESIN,1,5,\u201CL-7, drum 2\u201D,\n");

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.MALFORMED_CSV));
            assertThat(job.reportedErrors().getFirst().message()).contains("cell 4 opens a curly quote (\u201C)",
                    "cell 5 closes it", "straight double quotes");
        }

        /**
         * TextEdit opens a new document as rich text; a user who pastes rows there and saves as
         * "stock.csv" (TextEdit asks "Use .csv?") uploads RTF. The report says the header lacks
         * part_number and to "delete any title lines above it", and names the column
         * "{\\rtf1\\ansi...": deleting the first lines leaves "\\f0\\fs24 \\cf0 part_number,..." and rows
         * ending in a backslash. As a PDF or a workbook renamed .csv is (FileSignature), the file
         * should be told it is rich text, file-level, with what to do (Format, Make Plain Text).
         */
        @Test
        void run_richTextSavedByTextEditAsCsv_fileLevelErrorSayingItIsRtf() throws IOException {
            var outcome = run("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2822\n"
                    + "\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
                    + "{\\colortbl;\\red255\\green255\\blue255;}\n"
                    + "\\pard\\tx566\\pardirnatural\\partightenfactor0\n\n"
                    + "\\f0\\fs24 \\cf0 part_number,quantity\\\nBOLT-M3,1}");

            assertFailedWith(outcome, tuple(null, null, ErrorCode.MALFORMED_CSV));
            assertThat(job.reportedErrors().getFirst().message()).containsIgnoringCase("rich text");
        }

        private static final String ZURICH_NFD = java.text.Normalizer.normalize("SN-Zürich-1", java.text.Normalizer.Form.NFD);
        private static final String ZURICH_NFC = java.text.Normalizer.normalize("SN-Zürich-1", java.text.Normalizer.Form.NFC);

        /**
         * Found by review "own55e" on 7 December 2026: Smart Quotes in a cell whose curly quotes do not open it, a batch typed
         * Drum \u201CL-7, blue\u201D: the comma splits the cell as in the refused case, and with the
         * row's last cell blank the row imports BatchID "Drum \u201CL-7" and lot_number " blue\u201D".
         * Expected: refused as a cell opening with the quote is (MALFORMED_CSV on the first half).
         */
        @Test
        void run_curlyQuotesInsideACellSplitByItsComma_refused() throws IOException {
            var outcome = run("part_number,revision,quantity,BatchID,lot_number\nRESIN,1,5,Drum \u201CL-7, blue\u201D,\n");

            assertFailedWith(outcome, tuple(2, "BatchID", ErrorCode.MALFORMED_CSV));
        }

        /**
         * Found by review "own55e" on 7 December 2026: Smart Quotes type the quotes of the Mac's language (System Settings,
         * Keyboard, Text, "for double quotes"): German and Swiss users get \u201EL-7, Trommel 2\u201C,
         * Swedish and Finnish \u201DL-7, trumma 2\u201D, French \u00ABL-7, f\u00FBt 2\u00BB. The comma
         * splits the cell as with English quotes, and with the row's last cell blank the row imports
         * its halves in two columns. Expected: refused as the English quotes are.
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"\u201E|\u201C", "\u201D|\u201D", "\u00AB|\u00BB"})
        void run_cellInTheSmartQuotesOfAnotherLanguage_notSplitIntoTheNextColumn(String opening, String closing) throws IOException {
            var outcome = run("part_number,revision,quantity,lot_number,BatchID\nRESIN,1,5," + opening + "L-7, drum 2" + closing + ",\n");

            assertFailedWith(outcome, tuple(2, "lot_number", ErrorCode.MALFORMED_CSV));
        }

        /** The same unit's export imported back, serial as stored (decomposed) or typed composed: nothing changes. */
        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void run_storedDecomposedSerialUpdatedByIdWithItsSerial_recordAndClaimKept(boolean typedComposed) throws IOException {
            store.seed(ACME, item(1020, WIDGET_A_REV_B).serial(ZURICH_NFD).location("Receiving").build());

            var outcome = run("id,serial_number,location\n1020," + (typedComposed ? ZURICH_NFC : ZURICH_NFD) + ",Stockroom A\n");

            assertThat(outcome).isInstanceOf(ImportOutcome.Committed.class);
            var serial = store.get(ACME, 1020).serialNumber();
            assertThat(store.serials().claims(ACME)).containsEntry(new SerialKey("WIDGET-A", serial), 1020L);
            assertThat(store.serials().claims(ACME).values()).containsOnlyOnce(1020L);
        }

        /**
         * Found by review "own55f" on 7 December 2026: Smart Quotes around the start of a cell's
         * text, the closing quote not at its end: a batch typed \u201CL-7, blue\u201D drum. The comma
         * splits the cell, and with the row's last cell blank the row imports BatchID "\u201CL-7" and
         * lot_number "blue\u201D drum", silently wrong: the check looks only at cells that end with
         * the closing quote. Expected: refused as Drum \u201CL-7, blue\u201D is (MALFORMED_CSV).
         */
        @Test
        void run_curlyQuotesClosingInsideTheSecondHalfOfASplitCell_refused() throws IOException {
            var outcome = run("part_number,revision,quantity,BatchID,lot_number\nRESIN,1,5,\u201CL-7, blue\u201D drum,\n");

            assertFailedWith(outcome, tuple(2, "BatchID", ErrorCode.MALFORMED_CSV));
        }

        /**
         * Found by review "own55e" on 7 December 2026: a unit stored with "SN-Zürich-1"
         * decomposed (imported before 7 December 2026); a later file creates another WIDGET-A with the serial typed on a keyboard (composed). The file's
         * serial is read composed, its claim's key is composed, the stored claim's is decomposed:
         * no holder is found, and a second unit with a serial that looks the same is created, the
         * very duplicate CellTypes.SERIAL was written to stop. Expected: DUPLICATE_SERIAL.
         */
        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void run_unitGivenTheComposedFormOfAStoredDecomposedSerial_duplicateSerial(boolean update) throws IOException {
            store.seed(ACME, item(1020, WIDGET_A_REV_B).serial(ZURICH_NFD).build());

            var outcome = run(update ? "id,serial_number\n1001," + ZURICH_NFC + "\n"
                    : "part_number,revision,serial_number,quantity\nWIDGET-A,B," + ZURICH_NFC + ",1\n");

            assertFailedWith(outcome, tuple(2, "serial_number", ErrorCode.DUPLICATE_SERIAL));
        }

        /**
         * Found by review "own56c" on 7 December 2026: unit 1020 was stored with SN-Zürich-1
         * decomposed (before 7 December 2026); a file moves 1020 to SN-Zürich-1-OLD and, on a later
         * row, creates the real SN-Zürich-1 typed on a keyboard. In file order the serial is free
         * (run_serialFreedByAnEarlierRow_takenByALaterCreate), and it is when 1020's serial was
         * stored composed; but the earlier row frees only the decomposed key, while the composed
         * one still names 1020 as its stored holder: DUPLICATE_SERIAL "already used by inventory
         * 1020", for a unit the file has just taken it off. Expected: both rows applied.
         */
        @Test
        void run_storedDecomposedSerialFreedByAnEarlierRow_takenByALaterCreateTypedComposed() throws IOException {
            store.seed(ACME, item(1020, WIDGET_A_REV_B).serial(ZURICH_NFD).build());

            var outcome = run("id,part_number,serial_number,quantity\n1020,,SN-Zürich-1-OLD,1\n,WIDGET-A," + ZURICH_NFC + ",1\n");

            assertThat(outcome).as(() -> job.reportedErrors().toString()).isInstanceOf(ImportOutcome.Committed.class);
            assertThat(store.get(ACME, 1020).serialNumber()).isEqualTo("SN-Zürich-1-OLD");
            assertThat(store.get(ACME, 5000).serialNumber()).isEqualTo(ZURICH_NFC);
        }
    }
}
