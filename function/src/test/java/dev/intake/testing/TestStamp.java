package dev.intake.testing;

import dev.intake.core.commit.StorageStamp;

/**
 * The in-memory stores' storage stamp, with the meaning of the DynamoDB store's: the version an
 * item was read at and the import that wrote it last (null when seeded).
 */
record TestStamp(long version, String writtenBy) implements StorageStamp {

    static final TestStamp SEEDED = new TestStamp(0, null);

    static long versionOf(StorageStamp stamp) {
        return stamp instanceof TestStamp test ? test.version() : 0;
    }
}
