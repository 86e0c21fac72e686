package dev.intake.core.imports;

import java.time.Duration;

/**
 * How far one running import has got: the phase it is in, the rows that phase has done (of
 * {@code rowsTotal}, which is 0 while the first pass is still counting them) and its rate so far.
 * What a progress line shows, in the function's log and on the CLI's stderr.
 */
public record ImportProgress(String importId, String org, String importer, String key, Phase phase, long rowsDone,
                             long rowsTotal, double rowsPerSecond, Duration elapsed) {

    /**
     * The passes of an import, in the order they run (a dry run previews where a commit commits),
     * and the wait for an earlier upload of its key, which comes between validating and the rest.
     */
    public enum Phase {
        SCANNING, VALIDATING, PREVIEWING, COMMITTING, ROLLING_BACK,
        /** Validated, and waiting for an earlier upload of its key, which wrote what it read, to finish, to validate again. */
        WAITING;

        /** Lower case, as logs and the CLI print it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
