package dev.intake.core.imports;

/**
 * An earlier upload of the same key began writing and has not finished, and waiting for it in
 * this delivery did not see it end (its delivery died or stopped at its deadline, and Lambda's
 * retry may be minutes away; or it outlasted the wait). Importing beside it, or refusing, would
 * not do: that import's report, coming later, would replace this one's at the key, and the file
 * in the bucket would never be imported. So this delivery gives the import back, nothing written,
 * and Lambda's retry validates it again, after the earlier one.
 */
public final class EarlierUploadUnfinishedException extends RuntimeException implements ImportStopped {

    private final String importId;
    private final String earlier;

    public EarlierUploadUnfinishedException(String importId, String earlier) {
        super("import " + importId + " waits for import " + earlier + ", an earlier upload of its key, which began writing"
                + " and has not finished: nothing written, the import given back for Lambda's retry to validate again once"
                + " that one has ended");
        this.importId = importId;
        this.earlier = earlier;
    }

    /** The import given back. */
    @Override
    public String importId() {
        return importId;
    }

    /** The earlier upload's import it waits for. */
    public String earlier() {
        return earlier;
    }
}
