package dev.intake.core.commit;

/**
 * What a store knows about the state it read an item in: for DynamoDB, the item's version and the
 * import that wrote it last. Opaque to the core, which only carries it from the read to the write
 * that replaces or deletes the item (so the write can be conditional on that state) and into the
 * undo journal (so the item can be put back exactly as read).
 */
public interface StorageStamp {

    /**
     * The import that wrote the item last, or null where none did (a seeded item, one never
     * stored). A commit must not build on what an import that has not finished wrote
     * ({@link CommitPipeline#writtenByUnfinishedImports}).
     */
    default String writtenBy() {
        return null;
    }

    /** The stamp of an item that was never stored: a new one, or one a test builds. */
    StorageStamp NONE = new StorageStamp() {
        @Override
        public String toString() {
            return "never stored";
        }
    };
}
