package dev.intake.core.purchasing;

import dev.intake.core.columns.Column;
import dev.intake.core.columns.RowCells;
import dev.intake.core.report.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

/**
 * A PO line must fit a tenth of a DynamoDB item: ten lines are stored together as one
 * {@link PoLinePage page}, compressed, and an item holds at most 400 KB. So a line may take at
 * most {@link #MAX_BYTES} compressed. Ordinary lines take a few hundred bytes and are never
 * compressed here; only a row whose line cells are longer than that in UTF-8 is measured the way
 * a page stores it. Past the limit the row fails (LIMIT_EXCEEDED) on its longest line cell, and
 * nothing is written: without this check, DynamoDB would refuse the page mid-commit.
 */
final class LineSize {

    /** Ten of these and the page's keys stay under DynamoDB's 400 KB. */
    static final int MAX_BYTES = 36_000;

    private final List<Column<?, ?>> columns;

    /** {@code columns}: the file's line columns, as its layout has them. */
    LineSize(List<Column<?, ?>> columns) {
        this.columns = List.copyOf(columns);
    }

    void check(RowCells cells) {
        if (!cells.mayTakeMoreThan(MAX_BYTES)) {
            return;
        }
        var text = new StringBuilder();
        for (var column : columns) {
            text.append(cells.raw(column)).append('\u0000');
        }
        var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return;
        }
        int compressed = compressedLength(bytes);
        if (compressed > MAX_BYTES) {
            var longest = cells.longest(columns).name();
            cells.fail(longest, null, ErrorCode.LIMIT_EXCEEDED, "this line's cells take " + compressed
                    + " bytes even compressed, and a PO line may take at most " + MAX_BYTES + " (ten lines are stored"
                    + " together as one DynamoDB item, of at most 400 KB); shorten " + longest
                    + " or the line's other long cells");
        }
    }

    private static int compressedLength(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 2);
        try (var deflater = new DeflaterOutputStream(out)) {
            deflater.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: does not happen
        }
        return out.size();
    }
}
