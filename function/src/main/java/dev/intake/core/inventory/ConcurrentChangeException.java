package dev.intake.core.inventory;

import java.util.List;

/**
 * A conditional write found records changed by someone else since this import read them. The
 * import cannot finish as validated: it undoes what it wrote and fails with CONCURRENT_CHANGE.
 */
public final class ConcurrentChangeException extends RuntimeException {

    private final List<Long> ids;

    public ConcurrentChangeException(List<Long> ids) {
        super("inventory changed by another import meanwhile: " + ids);
        this.ids = List.copyOf(ids);
    }

    public List<Long> ids() {
        return ids;
    }
}
