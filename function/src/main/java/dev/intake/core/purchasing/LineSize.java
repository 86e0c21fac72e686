package dev.intake.core.purchasing;

import dev.intake.core.columns.Column;
import dev.intake.core.columns.RowCells;
import dev.intake.core.report.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * refused and undone.
 */
final class LineSize {

    /** Ten of these and the page's keys stay under DynamoDB's 400 KB. */
    static final int MAX_BYTES = 36_000;
    /**
     * An On Order id as counted where a line has few ({@link #FEW_IDS}), not compressed: a tag, a
     * length and its digits pack to 6 to 15 bytes, and compress to about 3.
     */
    private static final int PACKED_ID_BYTES = 8;
    /**
     * The ids a row's new units get are reserved after validation, a block at a time: measured as
     * consecutive ids of ten digits at the least, or of the org's next id where it is longer (a
     * catalog may seed ids of 17 digits: measured at ten, a page of ten lines of 10,000 units
     * each was 29 KB over, and its commit refused after minutes of writing, where its dry run had
     * said VALIDATED: found by review "numbers" on 7 December 2026).
     */
    private static final long NEW_ID_FORM = 1_000_000_000L;
    /** Ids few enough to count at their packed size without compressing them. */
    private static final int FEW_IDS = 100;

    private final List<Column<?, ?>> columns;
    private final long firstNewId;
    /** {@link #newIdBytes} by number of ids: a file's quantities are few. */
    private final Map<Integer, Long> newIdBytes = new HashMap<>();

    /** {@code columns}: the file's line columns, as its layout has them; {@code nextId}: the org's next inventory id. */
    LineSize(List<Column<?, ?>> columns, long nextId) {
        this.columns = List.copyOf(columns);
        this.firstNewId = Math.max(NEW_ID_FORM, nextId);
    }

    /** Checks the row's line, which will list {@code storedIds} and {@code newIds} more On Order ids. */
    void check(RowCells cells, List<Long> storedIds, int newIds) {
        int ids = storedIds.size() + newIds;
        // the ids measured apart from the cells (compressed apart, they take no less than together)
        long idBytes = storedIdBytes(storedIds) + newIdBytes(newIds);
        if (!cells.mayTakeMoreThan((int) Math.max(0, MAX_BYTES - idBytes))) {
            return;
        }
        var text = new ByteArrayOutputStream();
        for (var column : columns) {
            text.writeBytes(cells.raw(column).getBytes(StandardCharsets.UTF_8));
            text.write(0);
        }
        var bytes = text.toByteArray();
        if (bytes.length + idBytes <= MAX_BYTES) {
            return;
        }
        long compressed = compressedLength(bytes) + idBytes;
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

    /** A stored line's ids, packed and compressed; a few are counted at their packed size, not compressed. */
    private static long storedIdBytes(List<Long> storedIds) {
        if (storedIds.size() <= FEW_IDS) {
            return (long) storedIds.size() * PACKED_ID_BYTES;
        }
        var packed = new ByteArrayOutputStream();
        storedIds.forEach(id -> writeId(packed, id));
        return compressedLength(packed.toByteArray());
    }

    /**
     * {@code count} new ids, packed and compressed: consecutive, so their size depends on their
     * number alone, and is measured once a number. Measured with every row's cells, a file of many
     * lines of 10,000 units each deflated 150 KB a row (its scan took six minutes, not seconds).
     */
    private long newIdBytes(int count) {
        if (count <= FEW_IDS) {
            return (long) count * PACKED_ID_BYTES;
        }
        return newIdBytes.computeIfAbsent(count, n -> {
            var packed = new ByteArrayOutputStream();
            for (long id = firstNewId; id < firstNewId + n; id++) {
                writeId(packed, id);
            }
            return (long) compressedLength(packed.toByteArray());
        });
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
