package dev.intake.core.imports;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.Locale;

/**
 * What an import holds of the stored records it updates, in bytes as estimated, against what it
 * may hold ({@link CommitSettings#heldRecordBytes}). An import reads those records while it scans
 * its file and keeps them until each is written: a file of updates of large records (many custom
 * attributes, an as-built BOM) could run the function out of memory, which ends the invocation
 * with no report and fails every retry the same way. Past the budget the import keeps no more and
 * fails as a file, LIMIT_EXCEEDED, saying how to split it. Thread-safe: lookups run on several
 * threads.
 */
public final class HeldRecords {

    private final long budget;
    private long bytes;
    private long records;
    private boolean exceeded;
    /** What each record of the take that went past the budget would have held, estimated. */
    private long refusedEach;
    /**
     * The bytes of a refused take of no records of its own: more of what the records held already
     * bring (a stored PO's On Order records), which their average each in the advice includes.
     */
    private long refusedExtra;

    public HeldRecords(long budget) {
        this.budget = budget;
    }

    /**
     * What a string of a held record takes: its object and array headers, and a byte a character,
     * two where any is past Latin-1 (the JVM's compact strings). Zero for none.
     */
    public static long stringBytes(String text) {
        if (text == null) {
            return 0;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return 40 + 2L * text.length();
            }
        }
        return 40 + text.length();
    }

    /**
     * What a custom attribute's value takes beside its name (shared across records): its slots,
     * and a text its string, a number or a date its objects; a flag's value is shared.
     */
    public static long attributeBytes(CustomValue value) {
        return switch (value) {
            case CustomValue.Text text -> 16 + stringBytes(text.value());
            case CustomValue.Number number -> 80;
            case CustomValue.Day day -> 80;
            case CustomValue.Flag flag -> 40;
        };
    }

    /** Whether records of these estimated bytes fit; once one does not, none does again. */
    public synchronized boolean take(long recordCount, long estimatedBytes) {
        if (exceeded) {
            return false;
        }
        if (bytes + estimatedBytes > budget) {
            exceeded = true;
            refusedEach = estimatedBytes / Math.max(1, recordCount);
            refusedExtra = recordCount == 0 ? estimatedBytes : 0;
            return false;
        }
        bytes += estimatedBytes;
        records += recordCount;
        return true;
    }

    /**
     * Once a take of no records of its own was refused: what the records held bring beyond it,
     * estimated (those not read yet), which the advice of {@link #error} counts too.
     */
    public synchronized void refusedAlsoBrings(long bytes) {
        if (exceeded) {
            refusedExtra += bytes;
        }
    }

    public synchronized boolean exceeded() {
        return exceeded;
    }

    /** The file's error once {@link #exceeded}: how much was held ({@code whatCounts} toward it), and what to do. */
    public synchronized ImportError error(String whatIsHeld, String whatCounts) {
        long each = Math.max(1, records == 0 ? refusedEach : (bytes + refusedExtra) / records);
        return ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, String.format(Locale.ROOT,
                "the %s this file updates take more memory than an import may hold: past %,d of them, about %,d"
                        + " bytes each as held (%s), the %.1f MB it may hold"
                        + " were used up. Split the file into files that update at most about"
                        + " %,d of them, or give the function more memory (MemorySize)",
                whatIsHeld, records, each, whatCounts, budget / 1_048_576.0, roughly(budget / each)));
    }

    /** Rounded down to two significant digits: the estimate is no more precise. */
    static long roughly(long count) {
        long unit = 1;
        while (count / unit >= 100) {
            unit *= 10;
        }
        return count / unit * unit;
    }
}
