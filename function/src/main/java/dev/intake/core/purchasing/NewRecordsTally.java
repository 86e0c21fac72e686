package dev.intake.core.purchasing;

import dev.intake.core.report.ImportError;

/**
 * The On Order records a file's lines may add, counted as validation meets them, with what a
 * refusal over their number names: the row where the count passed the limit, and the PO that adds
 * the most. A bare total ("up to 40,000, at most 30,000") left the uploader to find which of
 * thousands of lines to move to a second file.
 */
final class NewRecordsTally {

    private final long limit;
    private long total;
    private Integer rowPastTheLimit;
    private String largestPo;
    private long largest;

    NewRecordsTally(long limit) {
        this.limit = limit;
    }

    void add(int row, long records) {
        total += records;
        if (rowPastTheLimit == null && total > limit) {
            rowPastTheLimit = row;
        }
    }

    /** A PO's last row was met, its lines adding {@code records} in all. */
    void poDone(String po, long records) {
        if (records > largest) {
            largest = records;
            largestPo = po;
        }
    }

    long total() {
        return total;
    }

    boolean pastTheLimit() {
        return total > limit;
    }

    /** Says where the limit was passed and which PO adds the most, for the refusal's message. */
    String whereFrom() {
        return "the limit is passed on row " + rowPastTheLimit + "; PO \"" + ImportError.shortened(largestPo) + "\" alone would create " + largest;
    }
}
