package dev.intake.core.imports;

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

    public HeldRecords(long budget) {
        this.budget = budget;
    }

    /** Whether records of these estimated bytes fit; once one does not, none does again. */
    public synchronized boolean take(long recordCount, long estimatedBytes) {
        if (exceeded || bytes + estimatedBytes > budget) {
            exceeded = true;
            return false;
        }
        bytes += estimatedBytes;
        records += recordCount;
        return true;
    }

    public synchronized boolean exceeded() {
        return exceeded;
    }

    /** The file's error once {@link #exceeded}: how much was held, and what to do. */
    public synchronized ImportError error(String whatIsHeld) {
        long each = records == 0 ? budget : Math.max(1, bytes / records);
        return ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, String.format(Locale.ROOT,
                "the %s this file updates take more memory than an import may hold: past %d of them, about %d"
                        + " bytes each as held (custom attributes and as-built BOMs count), the %.1f MB it may hold"
                        + " (half of the function's heap) were used up. Split the file into files that update at most about"
                        + " %d of them, or give the function more memory (MemorySize)",
                whatIsHeld, records, each, budget / 1_048_576.0, budget / each));
    }
}
