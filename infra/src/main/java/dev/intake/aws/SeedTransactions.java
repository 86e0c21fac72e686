package dev.intake.aws;

import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.LeaseFence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A catalog load's writes packed into transactions: members next to each other in the load (its
 * records, its purchase orders), a member's writes never split, up to
 * {@link CommitStore#TRANSACTION_UNIT} writes and {@link CommitStore#TRANSACTION_BYTES} a group.
 * Sent a request a write, a load spent its time on the server's cost of a request, not of an
 * item (docs/benchmarks.md, "A catalog load's inventory"). A transaction costs each item two write
 * units on DynamoDB, where a plain put costs one; a load is rare, and its time is an operator's.
 */
final class SeedTransactions {

    private SeedTransactions() {}

    /** Members next to each other in a load, and all their writes, which go in as one transaction. */
    record Group<T>(List<T> members, List<TransactWriteItem> writes) {

        /**
         * Whether the writes fit one transaction. Only a group of one member can fail to: a member
         * whose own writes are too many for one (a purchase order of many pages) is a group alone.
         */
        boolean fitsOneTransaction() {
            return writes.size() <= CommitStore.TRANSACTION_UNIT && bytes(writes) <= CommitStore.TRANSACTION_BYTES;
        }
    }

    /**
     * {@code members} in groups, in order. {@code exclusive} names what no two writes of one
     * transaction may touch beyond their own items (a serial's claim: DynamoDB refuses a
     * transaction that writes an item twice); a member sharing one with the group starts another.
     */
    static <T> List<Group<T>> pack(List<T> members, Function<T, List<TransactWriteItem>> writesOf,
                                   Function<T, Collection<?>> exclusive) {
        var groups = new ArrayList<Group<T>>();
        var grouped = new ArrayList<T>();
        var writes = new ArrayList<TransactWriteItem>();
        var held = new HashSet<Object>();
        long bytes = 0;
        for (var member : members) {
            var own = writesOf.apply(member);
            long ownBytes = bytes(own);
            var ownHeld = exclusive.apply(member);
            if (!grouped.isEmpty() && (writes.size() + own.size() > CommitStore.TRANSACTION_UNIT
                    || bytes + ownBytes > CommitStore.TRANSACTION_BYTES || ownHeld.stream().anyMatch(held::contains))) {
                groups.add(new Group<>(List.copyOf(grouped), List.copyOf(writes)));
                grouped.clear();
                writes.clear();
                held.clear();
                bytes = 0;
            }
            grouped.add(member);
            writes.addAll(own);
            held.addAll(ownHeld);
            bytes += ownBytes;
        }
        if (!grouped.isEmpty()) {
            groups.add(new Group<>(List.copyOf(grouped), List.copyOf(writes)));
        }
        return groups;
    }

    /** What writes weigh toward a transaction's limit: their items, or a delete's key. */
    private static long bytes(List<TransactWriteItem> writes) {
        return writes.stream().mapToLong(write -> ItemSize.of(write.put() != null ? write.put().item() : write.delete().key())).sum();
    }

    /**
     * Sends the group's writes as one transaction: false, nothing written, where a condition
     * failed, or another transaction on one of its items outlasted the retries (sent member by
     * member then, each waits only on its own).
     */
    static boolean landedWhole(DynamoBatches batches, Group<?> group) {
        try {
            return batches.transact(LeaseFence.NONE, group.writes(), cancelled -> { }).isEmpty();
        } catch (TransactionCanceledException busy) {
            return false;
        }
    }

    /** Sends a transaction's put as a plain put, half the write units: false where its condition failed. */
    static boolean putAlone(DynamoDbClient dynamo, Put put) {
        return ConditionalWrite.applied(() -> dynamo.putItem(b -> b.tableName(put.tableName()).item(put.item())
                .conditionExpression(put.conditionExpression()).expressionAttributeNames(put.expressionAttributeNames())
                .expressionAttributeValues(put.expressionAttributeValues())));
    }
}
