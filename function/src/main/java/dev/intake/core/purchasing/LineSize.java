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
 * most {@link #MAX_BYTES} compressed: its cells and the ids of its On Order records (one a unit of
 * a serial-tracked part, so up to 10,000). Ordinary lines take a few hundred bytes and are never
 * compressed here; only a line longer than that uncompressed is measured the way a page stores it.
 * Past the limit the row fails (LIMIT_EXCEEDED) on its longest line cell, and nothing is written:
 * without this check, DynamoDB would refuse the page mid-commit. Until 6 December 2026 the ids
 * were left out: ten lines of 2,700 units with long descriptions validated, and their commit was
 * refused and undone (found by review "limits").
 */
final class LineSize {

    /** Ten of these and the page's keys stay under DynamoDB's 400 KB. */
    static final int MAX_BYTES = 36_000;
    /**
     * An On Order id packed, uncompressed: a tag, a length and its digits, some 8 bytes (ids
     * compress to about 3): the quick look that spares ordinary rows the measuring.
     */
    private static final int PACKED_ID_BYTES = 8;
    /**
     * The ids a row's new units get are reserved after validation, a block at a time: measured as
     * consecutive ids of ten digits, longer than an org's ids for a long time.
     */
    private static final long NEW_ID_FORM = 1_000_000_000L;

    private final List<Column<?, ?>> columns;

    /** {@code columns}: the file's line columns, as its layout has them. */
    LineSize(List<Column<?, ?>> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Checks the row's line, which will list {@code storedIds} and {@code newIds} more On Order ids. */
    void check(RowCells cells, List<Long> storedIds, int newIds) {
        int ids = storedIds.size() + newIds;
        if (!cells.mayTakeMoreThan(MAX_BYTES - ids * PACKED_ID_BYTES)) {
            return;
        }
        var text = new ByteArrayOutputStream();
        for (var column : columns) {
            text.writeBytes(cells.raw(column).getBytes(StandardCharsets.UTF_8));
            text.write(0);
        }
        storedIds.forEach(id -> writeId(text, id));
        for (long id = NEW_ID_FORM; id < NEW_ID_FORM + newIds; id++) {
            writeId(text, id);
        }
        var bytes = text.toByteArray();
        if (bytes.length <= MAX_BYTES) {
            return;
        }
        int compressed = compressedLength(bytes);
        if (compressed > MAX_BYTES) {
            var longest = cells.longest(columns).name();
            // the ids only where there are units to split: one record's id is no advice (review "docs46")
            boolean units = ids > 1;
            cells.fail(longest, null, ErrorCode.LIMIT_EXCEEDED, "this line's cells" + (units ? " and the ids of its "
                    + ids + " On Order records (one a unit of a serial-tracked part)" : "") + " take " + compressed
                    + " bytes even compressed, and a PO line may take at most " + MAX_BYTES + " (ten lines are stored"
                    + " together as one DynamoDB item, of at most 400 KB); shorten " + longest
                    + " or the line's other long cells" + (units ? ", or split its units over more lines" : ""));
        }
    }

    /** An id as a page packs it: a tag, a length and its digits (PackedAttributes, in the adapter). */
    private static void writeId(ByteArrayOutputStream out, long id) {
        var digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        out.write('n');
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(digits.length);
        out.writeBytes(digits);
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
