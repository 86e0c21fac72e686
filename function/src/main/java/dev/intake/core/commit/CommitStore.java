package dev.intake.core.commit;

import java.util.List;

/**
 * Port: where a commit's writes land. Calls come from many threads at once; each call is one
 * unit of the commit (a few DynamoDB requests at most), so the pipeline decides what runs in
 * parallel and the store only how to send it.
 */
public interface CommitStore {

    /** How many creates one {@link #create} call takes. */
    int CREATE_UNIT = 300;

    /**
     * How many items one {@link #transact} call takes (DynamoDB transactions hold 100 actions), as
     * {@link Write#transactionItems} counts them: a traced delete's trace is one.
     */
    int TRANSACTION_UNIT = 100;

    /**
     * How many bytes of items one {@link #transact} call takes, as {@link #transactionBytes}
     * counts them: DynamoDB refuses a transaction whose items take more than 4 MB, which a
     * hundred large records (up to 400 KB each) can; the rest is margin.
     */
    long TRANSACTION_BYTES = 3_500_000;

    /** Writes new items unconditionally, in bulk, retrying what the store leaves unprocessed. */
    void create(Scope scope, List<Write.Create> creates);

    /**
     * Writes new items where nothing is stored under their key yet; leaves any item that is there
     * (a resumed commit's own earlier write, or that write changed since by another import).
     */
    void createIfAbsent(Scope scope, List<Write.Create> creates);

    /**
     * Takes the claims ({@link Write.Create#claims()}) of items just created, each only while its
     * item still holds what it claims. Another import may have changed or deleted the item in the
     * moment since it landed (or, for a resumed commit, since the first attempt), and taken its
     * own claims: a claim taken then would hold a serial that no item has, and that no item of
     * the part could take again. Such a claim is left out.
     *
     * @throws WriteConflictException naming the claims another item holds
     */
    void claimHeld(Scope scope, List<Write.Insert> claims);

    /**
     * Writes all of {@code writes} in one transaction, each on its condition (see {@link Write}),
     * with the trace of each {@linkplain Write.Delete#traced traced} delete that removes its item
     * (a delete that finds its item gone lands without one).
     *
     * @throws WriteConflictException naming the writes whose condition failed; nothing was written
     */
    void transact(Scope scope, List<Write> writes);

    /**
     * The bytes {@code write} adds to a {@link #transact} call, as the store counts them against
     * its limit ({@link #TRANSACTION_BYTES}); 0 for a store without one.
     */
    default long transactionBytes(Scope scope, Write write) {
        return 0;
    }

    /**
     * Undoes an import: puts journaled items back and removes what it created, where it is still
     * the last writer. A gone item goes back only where the journal says this import deleted it
     * ({@link JournalEntry#mayBeGone}) and, for a traced delete, its trace is there. {@code progress}
     * is told as the undo goes.
     */
    void undo(Scope scope, List<JournalEntry> journal, List<CreatedRange> created, UndoProgress progress);

    /**
     * How far an undo has got: {@code items} undone of {@code of} (the ids it created and the items
     * it journaled). Called from the store's threads, one call at a time.
     */
    @FunctionalInterface
    interface UndoProgress {
        void undone(long items, long of);
    }

    /**
     * Whose writes these are: the org, and the import stamped on every item it writes; and the
     * fence of that import's lease, which the store checks as each of its requests goes out.
     */
    record Scope(String org, String importId, LeaseFence fence) {}
}
