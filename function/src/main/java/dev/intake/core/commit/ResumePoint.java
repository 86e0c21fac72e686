package dev.intake.core.commit;

/**
 * How far an interrupted commit got, in file rows: every write of rows up to {@code doneThrough}
 * was acknowledged; no write of a row after {@code startedThrough} was ever sent. A resumed commit
 * skips the first, sends creates of the rows in between only where their item is absent (they may
 * have landed, and been changed by another import since), and writes the rest as new.
 */
public record ResumePoint(int doneThrough, int startedThrough) {

    /** A commit that never started. */
    public static final ResumePoint NONE = new ResumePoint(0, 0);

    public ResumePoint {
        if (doneThrough < 0 || startedThrough < doneThrough) {
            throw new IllegalArgumentException("bad resume point " + doneThrough + ".." + startedThrough);
        }
    }

    boolean done(int row) {
        return row <= doneThrough;
    }

    boolean uncertain(int row) {
        return row > doneThrough && row <= startedThrough;
    }
}
