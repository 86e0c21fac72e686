package dev.intake.core.commit;

import java.util.List;
import java.util.Objects;

/**
 * One change a commit makes, tagged with the file row it comes from. Writes of one import are
 * applied in the order they are made wherever they touch the same {@link Stored#identity()};
 * others may go in parallel. Every write is repeatable: a resumed commit makes the same writes
 * again and they land on the same items.
 */
public sealed interface Write {

    int row();

    /** What the write leaves in place (or, for a delete, what it removes). */
    Stored item();

    /** What the write replaces or deletes, as read; null for a create or an insert, which find nothing there. */
    default Stamped<?> before() {
        return null;
    }

    /** How many of a transaction's items the write takes: a delete takes two ({@link Delete#transactionItems}). */
    default int transactionItems() {
        return 1;
    }

    /**
     * A new item under a key reserved for this import (a new inventory id, a new PO id): nobody
     * else can write it, so it goes unconditionally, in bulk. {@code claims} are the uniqueness
     * claims it makes (its serial number), taken once the item is stored, while it holds them
     * ({@link CommitStore#claimHeld}); a claim another import holds fails the commit.
     */
    record Create(int row, Stored item, List<Stored> claims) implements Write {
        public Create {
            Objects.requireNonNull(item, "item");
            claims = List.copyOf(claims);
        }

        public Create(int row, Stored item) {
            this(row, item, List.of());
        }
    }

    /**
     * A new item under a key others may take too (a new line of an existing PO, a serial or PO
     * number claim): written only if absent, or already this import's (or claimant's) own.
     */
    record Insert(int row, Stored item) implements Write {
        public Insert {
            Objects.requireNonNull(item, "item");
        }
    }

    /** Replaces a stored item, only if it is still as this import read it (or already this import's write). */
    record Replace(int row, Stamped<?> before, Stored after) implements Write {
        public Replace {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        @Override
        public Stored item() {
            return after;
        }
    }

    /** Deletes a stored item, only if it is still as this import read it (gone already is fine). */
    record Delete(int row, Stamped<?> before) implements Write {
        public Delete {
            Objects.requireNonNull(before, "before");
        }

        @Override
        public Stored item() {
            return before.item();
        }

        /**
         * Whether the delete leaves a trace, written in its own transaction and only where it
         * removed the item: the undo puts a gone item back only where it finds its trace, since
         * another import may have deleted it instead (docs/lifecycle.md). A delete of a thing as
         * read (a record, a PO, a page of lines) is traced; a claim's release (a claim this
         * import never read) is not: the undo settles claims by what holds them.
         */
        public boolean traced() {
            return before.stamp() != StorageStamp.NONE;
        }

        /** Two: the store may send something beside it, its trace or a check that it has something to delete. */
        @Override
        public int transactionItems() {
            return 2;
        }
    }
}
