package dev.intake.core.commit;

import java.util.List;

/**
 * The store refused writes for what they hold, not because of another import: an item past
 * DynamoDB's 400 KB, a value it cannot store. Validation keeps such rows out, so this is the
 * net under it, for a refusal nobody foresaw.
 * Thrown by a {@link CommitStore}; nothing of the refused request was written, and no retry can
 * help: the import must be undone, and fail naming the rows.
 */
public final class WriteRefusedException extends RuntimeException {

    private final List<RefusedWrite> refused;

    public WriteRefusedException(List<RefusedWrite> refused) {
        super("writes refused: " + refused.stream().map(r -> r.write().item().describe() + ": " + r.reason()).toList());
        this.refused = List.copyOf(refused);
    }

    public List<RefusedWrite> refused() {
        return refused;
    }
}
