package dev.intake.core.imports;

import dev.intake.core.report.ImportError;
import java.util.Set;

/**
 * What validation read was last written by imports that have not finished: they may still change
 * it, or undo it. Thrown before anything of the file is written ({@link CommitRun#requireNoUnfinishedWriters}).
 * Time can cure it, so it is not the file's error yet: where one of those imports is another upload
 * of the same key, the runner waits for it, or gives the import back for Lambda's retry, and
 * validates the file again (ImportRunner); otherwise the import ends FAILED with {@link #error()}.
 */
public final class UnfinishedWritersException extends RuntimeException {

    private final Set<String> writers;
    private final transient ImportError error;

    public UnfinishedWritersException(Set<String> writers, ImportError error) {
        super(error.message(), null, false, false);
        this.writers = Set.copyOf(writers);
        this.error = error;
    }

    /** The imports that had not finished. */
    public Set<String> writers() {
        return writers;
    }

    /** The file's error, should they not finish in time: {@code CONCURRENT_CHANGE}, naming the items and the imports. */
    public ImportError error() {
        return error;
    }
}
