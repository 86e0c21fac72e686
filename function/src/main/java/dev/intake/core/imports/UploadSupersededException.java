package dev.intake.core.imports;

/**
 * A later upload of the import's key was taken while this import validated: it must not begin
 * writing, which would put the older file over the later one. The import has ended SUPERSEDED.
 */
public final class UploadSupersededException extends RuntimeException {

    private final String laterSequencer;

    public UploadSupersededException(String importId, String laterSequencer) {
        super("import " + importId + " was superseded by a later upload of its key (sequencer " + laterSequencer + ")");
        this.laterSequencer = laterSequencer;
    }

    public String laterSequencer() {
        return laterSequencer;
    }
}
