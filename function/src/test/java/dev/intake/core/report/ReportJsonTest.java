package dev.intake.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final SourceObject SOURCE =
            new SourceObject("intake-bucket", "acme/part-inventory/stock.csv", "v1", "etag1", "seq1", 1234);
    private static final Instant STARTED = Instant.parse("2026-01-31T10:00:00Z");
    private static final Instant FINISHED = Instant.parse("2026-01-31T10:00:02.500Z");

    @Test
    void render_succeededReport_documentedShape() {
        var report = report(ImportStatus.SUCCEEDED, new Counts(2, 1, 1, 0), List.of(), false,
                List.of(new CreatedRun(2, 1042L, 1)));

        assertThat(ReportJson.render(report)).isEqualTo("{"
                + "\"importId\":\"abc123\",\"org\":\"acme\",\"importer\":\"part-inventory\",\"mode\":\"commit\","
                + "\"status\":\"SUCCEEDED\","
                + "\"source\":{\"bucket\":\"intake-bucket\",\"key\":\"acme/part-inventory/stock.csv\","
                + "\"versionId\":\"v1\",\"eTag\":\"etag1\",\"size\":1234},"
                + "\"startedAt\":\"2026-01-31T10:00:00.000000000Z\",\"finishedAt\":\"2026-01-31T10:00:02.500000000Z\","
                + "\"counts\":{\"rows\":2,\"created\":1,\"updated\":1,\"errors\":0},"
                + "\"errors\":[],"
                + "\"created\":[{\"row\":2,\"id\":1042,\"count\":1}],"
                + "\"createdLabels\":[]}");
    }

    @Test
    void render_rowError_rowColumnValueCodeMessage() {
        var error = ImportError.row(4, "quantity", "-2", ErrorCode.NEGATIVE_NUMBER, "quantity must be zero or more, got -2");

        var json = ReportJson.render(report(ImportStatus.FAILED, new Counts(3, 0, 0, 1), List.of(error), false, List.of()));

        assertThat(json).contains("\"errors\":[{\"row\":4,\"column\":\"quantity\",\"value\":\"-2\","
                + "\"code\":\"NEGATIVE_NUMBER\",\"message\":\"quantity must be zero or more, got -2\"}]");
        assertThat(json).contains("\"status\":\"FAILED\"").doesNotContain("truncated").doesNotContain("\"rows\":[");
    }

    @Test
    void render_fileError_nullRowAndColumn() {
        var error = ImportError.file(ErrorCode.EMPTY_FILE, null, "the file is empty");

        var json = ReportJson.render(report(ImportStatus.FAILED, new Counts(0, 0, 0, 1), List.of(error), false, List.of()));

        assertThat(json).contains("{\"row\":null,\"column\":null,\"value\":null,\"code\":\"EMPTY_FILE\","
                + "\"message\":\"the file is empty\"}");
    }

    @Test
    void render_multiRowError_listsRows() {
        var error = ImportError.rows(List.of(3, 5, 9), "supplier", ErrorCode.HEADER_CONFLICT, "PO-1: supplier differs");

        var json = ReportJson.render(report(ImportStatus.FAILED, new Counts(9, 0, 0, 1), List.of(error), false, List.of()));

        assertThat(json).contains("{\"row\":3,\"column\":\"supplier\",\"value\":null,\"code\":\"HEADER_CONFLICT\","
                + "\"message\":\"PO-1: supplier differs\",\"rows\":[3,5,9]}");
    }

    @Test
    void render_truncated_flagAfterErrors() {
        var error = ImportError.row(2, "quantity", "x", ErrorCode.INVALID_NUMBER, "bad");

        var json = ReportJson.render(report(ImportStatus.FAILED, new Counts(2000, 0, 0, 2000), List.of(error), true, List.of()));

        assertThat(json).contains("\"errors\":[{\"row\":2,").contains("}],\"truncated\":true,\"created\":[]");
        assertThat(json).contains("\"counts\":{\"rows\":2000,\"created\":0,\"updated\":0,\"errors\":2000}");
    }

    @Test
    void render_unversionedSourceAndNoImporter_nullsKept() {
        var source = new SourceObject("b", "stray.csv", null, "e", "s", 0);
        var report = new ImportReport("id1", new ImportReport.Origin(null, null, "validate", source), ImportStatus.VALIDATED,
                STARTED, FINISHED, new Counts(0, 0, 0, 0), ImportReport.Problems.NONE,
                new ImportReport.Results(CreatedSummary.NONE, CreatedLabels.of(List.of("urgent")), null));

        var json = ReportJson.render(report);

        assertThat(json).startsWith("{\"importId\":\"id1\",\"org\":null,\"importer\":null,\"mode\":\"validate\","
                + "\"status\":\"VALIDATED\",\"source\":{\"bucket\":\"b\",\"key\":\"stray.csv\",\"versionId\":null,");
        assertThat(json).endsWith("\"createdLabels\":[\"urgent\"]}");
    }

    /** Found by review: a file may create any number of labels, and the report listed every one. */
    @Test
    void render_moreLabelsThanTheCap_firstThousandAndTruncated() {
        var labels = java.util.stream.IntStream.rangeClosed(1, 1_500).mapToObj(i -> "WO-" + i).toList();
        var source = new SourceObject("b", "acme/purchase-orders/po.csv", null, "e", "s", 0);
        var report = new ImportReport("id1", new ImportReport.Origin("acme", "purchase-orders", "commit", source),
                ImportStatus.SUCCEEDED, STARTED, FINISHED, new Counts(1, 0, 0, 0), ImportReport.Problems.NONE,
                new ImportReport.Results(CreatedSummary.NONE, CreatedLabels.of(labels), null));

        var json = ReportJson.render(report);

        assertThat(json).contains("\"WO-1000\"").doesNotContain("\"WO-1001\"").endsWith(",\"createdLabelsTruncated\":true}");
    }

    @Test
    void createdLabels_longLabels_cutAtTheByteBudget() {
        var label = "L".repeat(999);
        var labels = java.util.stream.IntStream.range(0, 450).mapToObj(i -> i + label).toList();

        var kept = CreatedLabels.of(labels);

        assertThat(kept.truncated()).isTrue();
        assertThat(kept.shown()).hasSizeLessThan(101).isEqualTo(labels.subList(0, kept.shown().size()));
        assertThat(String.join("", kept.shown()).length()).isLessThanOrEqualTo(CreatedLabels.MAX_BYTES);
        assertThat(CreatedLabels.of(labels.subList(0, 3))).isEqualTo(new CreatedLabels(labels.subList(0, 3), false));
    }

    @Test
    void render_messageWithSpecialCharacters_escaped() {
        var error = ImportError.row(2, "note", "a\"b\\c\nd", ErrorCode.REQUIRED, "bad \"value\"\t");

        var json = ReportJson.render(report(ImportStatus.FAILED, new Counts(1, 0, 0, 1), List.of(error), false, List.of()));

        assertThat(json).contains("\"value\":\"a\\\"b\\\\c\\nd\"").contains("\"message\":\"bad \\\"value\\\"\\t\"");
    }

    private static ImportReport report(ImportStatus status, Counts counts, List<ImportError> errors, boolean truncated,
                                       List<CreatedRun> created) {
        var runs = new CreatedSummary(created, created.stream().mapToInt(CreatedRun::count).sum(), false);
        return new ImportReport("abc123", new ImportReport.Origin("acme", "part-inventory", "commit", SOURCE), status,
                STARTED, FINISHED, counts, new ImportReport.Problems(errors, truncated), new ImportReport.Results(runs, CreatedLabels.NONE, null));
    }
}
