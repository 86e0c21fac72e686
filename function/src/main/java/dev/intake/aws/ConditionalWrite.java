package dev.intake.aws;

import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** A single conditional write whose refusal is an answer, not a failure. */
final class ConditionalWrite {

    private ConditionalWrite() {}

    /** Sends {@code write}: true where it was applied, false where its condition did not hold. */
    static boolean applied(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException conditionNotMet) {
            return false;
        }
    }
}
