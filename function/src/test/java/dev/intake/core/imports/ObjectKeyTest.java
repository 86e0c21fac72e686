package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {

    @Test
    void parse_orgImporterName_commitUpload() {
        var key = ObjectKey.parse("acme/part-inventory/stock.csv");

        assertThat(key).isEqualTo(new ObjectKey.Upload("acme/part-inventory/stock.csv", "acme", "part-inventory", ImportMode.COMMIT));
    }

    @Test
    void parse_underValidate_validateUpload() {
        var key = ObjectKey.parse("acme/purchase-orders/validate/pos.csv");

        assertThat(key).isEqualTo(new ObjectKey.Upload("acme/purchase-orders/validate/pos.csv", "acme", "purchase-orders",
                ImportMode.VALIDATE));
    }

    @Test
    void parse_unknownImporterSegment_stillUpload() {
        assertThat(ObjectKey.parse("acme/widgets/w.csv"))
                .isInstanceOfSatisfying(ObjectKey.Upload.class, upload -> assertThat(upload.importer()).isEqualTo("widgets"));
    }

    @Test
    void reportKeyAndErrorsKey_upload_nextToSource() {
        var upload = (ObjectKey.Upload) ObjectKey.parse("acme/part-inventory/validate/stock.csv");

        assertThat(upload.reportKey()).isEqualTo("acme/part-inventory/validate/stock.csv.report.json");
        assertThat(upload.errorsKey()).isEqualTo("acme/part-inventory/validate/stock.csv.errors.CSV");
    }

    @Test
    void parse_spacesAndUnicode_keptInKeyAndName() {
        var key = ObjectKey.parse("müller gmbh/part-inventory/Stock Count 東京 (2).csv");

        assertThat(key).isEqualTo(new ObjectKey.Upload("müller gmbh/part-inventory/Stock Count 東京 (2).csv", "müller gmbh",
                "part-inventory", ImportMode.COMMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "acme/part-inventory/stock.csv.report.json",
        "acme/part-inventory/stock.csv.errors.csv",
        "acme/part-inventory/stock.csv.errors.CSV",
        "acme/part-inventory/validate/stock.csv.report.json",
        "acme/part-inventory/validate/stock.csv.errors.csv",
        "acme/part-inventory/stock.xlsx",
        "acme/part-inventory/stock.txt",
        "acme/part-inventory/",
        "acme/part-inventory/stock.CSV.errors.CSV",
        "acme/part-inventory/stock.CSV.report.json",
    })
    void parse_outputOrNotCsv_ignored(String key) {
        assertThat(ObjectKey.parse(key)).isEqualTo(new ObjectKey.Ignored(key));
    }

    /** Used to be ignored without a word, as "not a CSV" (found by review): ERP exports are often named so. */
    @ParameterizedTest
    @ValueSource(strings = {"acme/part-inventory/STOCK.CSV", "acme/part-inventory/stock.Csv"})
    void parse_csvSuffixInAnotherCase_isAnUpload(String key) {
        assertThat(ObjectKey.parse(key)).isEqualTo(new ObjectKey.Upload(key, "acme", "part-inventory", ImportMode.COMMIT));
    }

    @Test
    void parse_upperCaseCsvWithoutAName_misplaced() {
        assertThat(ObjectKey.parse("acme/part-inventory/.CSV")).isInstanceOf(ObjectKey.Misplaced.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "stock.csv",
        "acme/stock.csv",
        "acme/part-inventory/archive/stock.csv",
        "acme/part-inventory/validate/deeper/stock.csv",
        "/part-inventory/stock.csv",
        "acme//stock.csv",
        "acme/part-inventory/.csv",
        "acme/part-inventory/validate/.csv",
        " /part-inventory/stock.csv",
    })
    void parse_outsideLayout_misplacedWithReason(String key) {
        assertThat(ObjectKey.parse(key)).isInstanceOfSatisfying(ObjectKey.Misplaced.class, misplaced -> {
            assertThat(misplaced.key()).isEqualTo(key);
            assertThat(misplaced.reason()).isNotBlank();
            assertThat(misplaced.reportKey()).isEqualTo(key + ".report.json");
        });
    }

    /** S3 keys take at most 1,024 bytes: the report's key adds 12 to the upload's. */
    @Test
    void parse_keyLeavingNoRoomForItsReportKey_tooLong() {
        var longest = "acme/part-inventory/" + "部".repeat(329) + "n.csv"; // 20 + 987 + 5 = 1,012 bytes
        var tooLong = "acme/part-inventory/" + "部".repeat(329) + "nn.csv";

        assertThat(ObjectKey.parse(longest)).isInstanceOf(ObjectKey.Upload.class);
        assertThat(ObjectKey.parse(tooLong)).isEqualTo(new ObjectKey.TooLong(tooLong));
        assertThat(ObjectKey.parse("acme/" + "x".repeat(1_020) + ".csv")).isInstanceOf(ObjectKey.TooLong.class);
        assertThat(ObjectKey.parse("acme/" + "x".repeat(1_020) + ".txt")).isInstanceOf(ObjectKey.Ignored.class);
    }

    @Test
    void parse_subfolderOtherThanValidate_reasonNamesValidate() {
        var key = (ObjectKey.Misplaced) ObjectKey.parse("acme/part-inventory/archive/stock.csv");

        assertThat(key.reason()).contains("validate/");
    }

    /**
     * Found by review (5 Dec 2026): "acme /" (a typo in an {@code aws s3 cp} target) was an org of
     * its own, whose catalog no load could make (the loader trimmed it to acme's): every row failed
     * UNKNOWN_REFERENCE for each part and location, and nothing named the org.
     */
    @Test
    void parse_orgWithASpaceAtAnEnd_misplacedSayingSo() {
        var key = (ObjectKey.Misplaced) ObjectKey.parse("acme /part-inventory/stock.csv");

        assertThat(key.reason()).isEqualTo("an org name may not begin or end with a space; expected <org>/<importer>/<name>.csv");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "acme/part-inventory/archive/stock.csv, acme, part-inventory",
        "acme/stock.csv, acme, -",
        "acme//stock.csv, acme, -",
        "acme/part-inventory/.csv, acme, part-inventory",
        "stock.csv, -, -",
        "/part-inventory/stock.csv, -, -",
        "a#b/part-inventory/stock.csv, -, -",
        "'acme /part-inventory/stock.csv', -, -",
        "' acme/part-inventory/stock.csv', -, -",
        "acme\u00a0/part-inventory/stock.csv, -, -",
    })
    void parse_outsideLayout_orgAndImporterTheKeyNames(String key, String org, String importer) {
        var misplaced = (ObjectKey.Misplaced) ObjectKey.parse(key);

        assertThat(misplaced.org()).isEqualTo(org);
        assertThat(misplaced.importer()).isEqualTo(importer);
    }
}
