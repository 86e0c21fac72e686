package dev.intake.core.imports;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Port: hears how long imports are getting on. An import reports at most once per
 * {@link #interval()}, so a short import reports nothing and a long one a line every few seconds.
 */
public interface ProgressListener {

    ProgressListener NONE = every(Duration.ofDays(1), progress -> {});

    /** The least time between two reports of one import. */
    Duration interval();

    void progress(ImportProgress progress);

    static ProgressListener every(Duration interval, Consumer<ImportProgress> consumer) {
        return new ProgressListener() {
            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public void progress(ImportProgress progress) {
                consumer.accept(progress);
            }
        };
    }
}
