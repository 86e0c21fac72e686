package dev.intake.core.imports;

/**
 * What this upload validated on was written by an earlier upload of the same key that has not
 * finished, and waiting for it in this delivery did not see it end (its delivery died or stopped
 * at its deadline, and Lambda's retry may be minutes away; or it outlasted the wait). Refusing
 * would not do: that import's report, coming later, would replace the refusal at the key, and the
 * upload would never be imported. So this delivery gives the
 * import back, nothing written, and Lambda's retry validates it again, after the earlier one.
 */
public final class EarlierUploadUnfinishedException extends RuntimeException {

    private final String importId;
    private final String earlier;

    public EarlierUploadUnfinishedException(String importId, String earlier) {
        super("import " + importId + " builds on what import " + earlier + ", an earlier upload of its key, wrote and has"
                + " not finished: nothing written, the import given back for Lambda's retry to validate again once that"
                + " one has ended");
        this.importId = importId;
        this.earlier = earlier;
    }

    /** The import given back. */
    public String importId() {
        return importId;
    }

    /** The earlier upload's import it builds on. */
    public String earlier() {
        return earlier;
    }
}
