package dev.intake.core.commit;

import java.util.Objects;

/** An item as a store read it, with the {@link StorageStamp} of that read. */
public record Stamped<T extends Stored>(T item, StorageStamp stamp) {

    public Stamped {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(stamp, "stamp");
    }

    /** An item no store holds yet. */
    public static <T extends Stored> Stamped<T> unstored(T item) {
        return new Stamped<>(item, StorageStamp.NONE);
    }
}
