package dev.intake.aws;

import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/** A single conditional write whose refusal is an answer, not a failure. */
final class ConditionalWrite {

    private ConditionalWrite() {}

    /**
     * Sends {@code write}: true where it was applied, false where its condition did not hold.
     * Another request's transaction holding the item for a moment (TransactionConflictException,
     * which the SDK does not retry and DynamoDB Local never gives) is waited out, as {@link
     * DynamoBatches#transact} waits out a TransactionConflict: an undo's plain writes meet one
     * exactly when another import writes the same items.
     */
    static boolean applied(Runnable write) {
        return applied(write, conditionNotMet -> false);
    }

    /** As {@link #applied(Runnable)}, where its condition did not hold answering what {@code refused} makes of it. */
    static boolean applied(Runnable write, Predicate<ConditionalCheckFailedException> refused) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return true;
            } catch (ConditionalCheckFailedException conditionNotMet) {
                return refused.test(conditionNotMet);
            } catch (TransactionConflictException held) {
                if (attempt >= DynamoBatches.TRANSACTION_CONFLICT_ATTEMPTS) {
                    throw held;
                }
                DynamoBatches.backOff(attempt + 1);
            }
        }
    }
}
