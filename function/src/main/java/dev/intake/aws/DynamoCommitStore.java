package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.RefusedWrite;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import dev.intake.core.commit.Write;
import dev.intake.core.commit.WriteConflictException;
import dev.intake.core.commit.WriteRefusedException;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.purchasing.NumberClaim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link CommitStore} on DynamoDB. Creates go in {@code BatchWriteItem}s of 25 (no conditions:
 * their keys are reserved for the import); everything conditional goes in one
 * {@code TransactWriteItems} per unit, with a condition per kind of item:
 *
 * <table>
 *   <tr><th>write</th><th>versioned item (inventory, PO header, PO line)</th><th>claim (serial, PO number)</th></tr>
 *   <tr><td>insert</td><td>absent, or already this import's</td><td>free (absent, or a serial's trace), or
 *       already held by the same record</td></tr>
 *   <tr><td>replace</td><td>at the version read (present), or this import's own write of it</td><td>-</td></tr>
 *   <tr><td>delete</td><td>at the version read, or this import's own write of it; with its trace
 *       ({@link DeleteTraces}); absent is done already</td><td>absent or held by the same record (serial,
 *       which becomes a trace of this import: {@link SerialItems#giveUp});
 *       held by the same PO (number: a PO number is given up once)</td></tr>
 * </table>
 *
 * Every item written carries the import's id ({@code importId}); a versioned one its version,
 * bumped once per import. The undo relies on both (docs/lifecycle.md).
 */
public final class DynamoCommitStore implements CommitStore {

    /** A claim and the check on its record are two of a transaction's 100 actions. */
    static final int CLAIMS_PER_TRANSACTION = TRANSACTION_UNIT / 2;

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final StoredItems items;
    private final String inventoryTable;
    private final boolean createInTransactions;
    private final DeleteTraces traces;
    private final DynamoUndo undo;

    /**
     * {@code createInTransactions}: send creates as TransactWriteItems of 100 instead of
     * BatchWriteItems of 25 (for DynamoDB Local on disk; on AWS a transaction costs twice the write units).
     */
    public DynamoCommitStore(DynamoDbClient dynamo, String inventoryTable, String purchaseOrdersTable,
                             String serialsTable, String importsTable, boolean createInTransactions, Executor executor) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo, executor);
        var tables = new StoredItems.CommitTables(inventoryTable, purchaseOrdersTable, serialsTable);
        this.items = new StoredItems(tables);
        this.traces = new DeleteTraces(importsTable);
        this.undo = new DynamoUndo(dynamo, batches, tables, traces, executor);
        this.inventoryTable = inventoryTable;
        this.createInTransactions = createInTransactions;
    }

    @Override
    public void create(Scope scope, List<Write.Create> creates) {
        try {
            createUnconditionally(scope, creates);
        } catch (DynamoDbException e) {
            throw refusedOrRethrow(e, creates, creates.stream()
                    .map(create -> StoredItems.item(scope.org(), create.item(), 1, scope.importId())).toList());
        }
    }

    private void createUnconditionally(Scope scope, List<Write.Create> creates) {
        if (createInTransactions) {
            // Unconditional, so they need not land together: as many transactions as the limits make.
            var puts = new ArrayList<TransactWriteItem>();
            var sent = new ArrayList<Write>();
            long bytes = 0;
            for (var create : creates) {
                var item = StoredItems.item(scope.org(), create.item(), 1, scope.importId());
                long itemBytes = ItemSize.of(item);
                if (puts.size() == TRANSACTION_UNIT || !puts.isEmpty() && bytes + itemBytes > TRANSACTION_BYTES) {
                    sendCreates(scope, puts, sent);
                    bytes = 0;
                }
                puts.add(TransactWriteItem.builder().put(p -> p.tableName(items.table(create.item())).item(item)).build());
                sent.add(create);
                bytes += itemBytes;
            }
            sendCreates(scope, puts, sent);
            return;
        }
        var byTable = new LinkedHashMap<String, List<Map<String, AttributeValue>>>();
        for (var create : creates) {
            byTable.computeIfAbsent(items.table(create.item()), t -> new ArrayList<>())
                    .add(StoredItems.item(scope.org(), create.item(), 1, scope.importId()));
        }
        byTable.forEach((table, items) -> batches.putAll(scope.fence(), table, items));
    }

    /** Sends {@code actions}, the puts of {@code writes}, as one transaction, and empties both lists. */
    private void sendCreates(Scope scope, List<TransactWriteItem> actions, List<Write> writes) {
        if (!actions.isEmpty()) {
            send(scope, List.copyOf(actions), List.copyOf(writes), puts(actions)); // no conditions: none can fail
            actions.clear();
            writes.clear();
        }
    }

    /** An item's size as DynamoDB counts it toward a transaction's 4 MB; a delete counts its key. */
    @Override
    public long transactionBytes(Scope scope, Write write) {
        return switch (write) {
            // a claim's release leaves a trace of about the claim's size: the default below
            case Write.Delete delete when !(delete.item() instanceof SerialClaim || delete.item() instanceof NumberClaim) -> ItemSize.of(StoredItems.key(scope.org(), delete.item()))
                    + (delete.traced() ? DeleteTraces.bytes(scope.importId(), delete.item()) : 0);
            default -> ItemSize.of(StoredItems.item(scope.org(), write.item(), 1, scope.importId())); // a replace's item() is its after
        };
    }

    @Override
    public void createIfAbsent(Scope scope, List<Write.Create> creates) {
        for (var create : creates) {
            var item = StoredItems.item(scope.org(), create.item(), 1, scope.importId());
            try {
                dynamo.putItem(b -> b.tableName(items.table(create.item())).item(item)
                        .overrideConfiguration(LeaseCheck.fenced(scope))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", StoredItems.partitionAttribute(create.item()))));
            } catch (ConditionalCheckFailedException alreadyThere) {
                // landed before the interruption, and maybe changed since by another import: leave it
                // (its claims are taken only where it still holds them: claimHeld)
            } catch (DynamoDbException e) {
                throw refusedOrRethrow(e, List.of(create), List.of(item));
            }
        }
    }

    /**
     * Each claim in a transaction with a check that its record holds the serial now, {@value
     * #CLAIMS_PER_TRANSACTION} to a transaction. A claim whose record does not (another import
     * changed or deleted it in the moment since it landed, and took its own claims) is left out,
     * and the rest go again without it.
     */
    @Override
    public void claimHeld(Scope scope, List<Write.Insert> claims) {
        for (int from = 0; from < claims.size(); from += CLAIMS_PER_TRANSACTION) {
            claimHeldTogether(scope, claims.subList(from, Math.min(claims.size(), from + CLAIMS_PER_TRANSACTION)));
        }
    }

    private void claimHeldTogether(Scope scope, List<Write.Insert> claims) {
        var actions = new ArrayList<TransactWriteItem>();
        var writes = new ArrayList<Write>();
        for (var claim : claims) {
            actions.add(action(scope, claim));
            actions.add(SerialItems.heldByItsRecord(inventoryTable, scope.org(), (SerialClaim) claim.item()));
            writes.add(claim);
            writes.add(claim);
        }
        var reasons = send(scope, actions, writes, puts(actions));
        if (reasons.isEmpty()) {
            return;
        }
        var moved = new ArrayList<Write>();
        var taken = new ArrayList<Write>();
        for (int i = 0; i < claims.size(); i++) {
            var claim = claims.get(i);
            if (DynamoBatches.failedCondition(reasons, 2 * i + 1)) {
                moved.add(claim);
            } else if (DynamoBatches.failedCondition(reasons, 2 * i)) {
                // DynamoDB need not name every failed condition: a taken claim whose check it did
                // not name is read, and left out too where its record moved
                (holdsItsSerial(scope, (SerialClaim) claim.item()) ? taken : moved).add(claim);
            }
        }
        if (!taken.isEmpty()) {
            throw new WriteConflictException(taken);
        }
        var rest = claims.stream().filter(claim -> !moved.contains(claim)).toList();
        if (!rest.isEmpty()) {
            claimHeldTogether(scope, rest);
        }
    }

    /** Whether the record {@code claim} is for holds its serial now (a consistent read). */
    private boolean holdsItsSerial(Scope scope, SerialClaim claim) {
        return InventoryItems.holds(batches.itemAsStored(inventoryTable, InventoryItems.key(scope.org(), claim.id())), claim.key());
    }

    @Override
    public void transact(Scope scope, List<Write> writes) {
        var actions = new ArrayList<TransactWriteItem>();
        writes.forEach(write -> actions.add(action(scope, write)));
        var puts = puts(actions);
        // what goes beside the writes goes after them, a cancelled transaction's reasons then being
        // the writes' by position: a check on the header of each PO whose old number is given up
        // (a header carrying it again was renamed back: nothing to give up), then the traces of deletes
        var releases = writes.stream().filter(write -> write instanceof Write.Delete delete && delete.item() instanceof NumberClaim)
                .toList();
        releases.forEach(release -> actions.add(PurchaseOrderItems.headerCheck(items.table(release.item()), scope.org(),
                (NumberClaim) release.item(), false)));
        writes.stream().filter(write -> write instanceof Write.Delete delete && delete.traced())
                .forEach(delete -> actions.add(traces.put(scope.importId(), delete.item())));
        var reasons = send(scope, actions, writes, puts);
        if (reasons.isEmpty()) {
            return;
        }
        var failed = IntStream.range(0, writes.size()).filter(i -> DynamoBatches.failedCondition(reasons, i)).mapToObj(writes::get).toList();
        var carriedAgain = IntStream.range(0, releases.size())
                .filter(i -> DynamoBatches.failedCondition(reasons, writes.size() + i)).mapToObj(releases::get);
        var done = Stream.concat(failed.stream().filter(write -> doneAlready(scope, write)), carriedAgain).distinct().toList();
        if (failed.stream().anyMatch(write -> !done.contains(write))) {
            throw new WriteConflictException(failed.stream().filter(write -> !done.contains(write)).toList());
        }
        var rest = writes.stream().filter(write -> !done.contains(write)).toList();
        if (!rest.isEmpty()) {
            transact(scope, rest);
        }
    }

    /**
     * Sends {@code actions}, for {@code writes} (one per action), as one transaction: returns
     * nothing when it landed, or the cancellation's reasons when a condition failed. Another
     * transaction holding one of the items for a moment (TransactionConflict) is waited out; a
     * refusal (ValidationError, ValidationException) is thrown as a {@link WriteRefusedException}.
     * {@code items}: what each action puts, or null.
     */
    private List<CancellationReason> send(Scope scope, List<TransactWriteItem> actions, List<? extends Write> writes,
                                          List<Map<String, AttributeValue>> items) {
        try {
            return batches.transact(scope.fence(), actions, cancelled -> throwIfRefused(cancelled, writes));
        } catch (TransactionCanceledException e) {
            throw e;
        } catch (DynamoDbException e) {
            throw refusedOrRethrow(e, writes, items);
        }
    }

    /** What each action puts, or null. */
    private static List<Map<String, AttributeValue>> puts(List<TransactWriteItem> actions) {
        return actions.stream().map(action -> action.put() == null ? null : action.put().item()).toList();
    }

    /**
     * Whether {@code write}, whose condition failed, has nothing left to do. A release of a serial
     * that is a trace already, or that another record holds now: the claim is not the record's any more (a resumed commit
     * meets this where its first attempt's release landed and a later row of the file, or another
     * import, took the serial since; deleting the claim then would take it from its holder: found
     * by review). A rename's release of a PO number that is gone, a trace, or another PO's now: a resumed
     * commit's first attempt gave it up with the header. A traced delete of an item that is gone:
     * deleted by this import's earlier attempt, whose trace says so, or by another import, and
     * then without a trace of this one's.
     * A replace of an item this import deleted (its trace says so): a row that moves a PO's On
     * Order records and deletes one of them, sent again by a resumed commit.
     */
    private boolean doneAlready(Scope scope, Write write) {
        if (write instanceof Write.Replace replace) {
            return gone(scope, replace.item())
                    && !traces.found(batches, scope.importId(), List.of(replace.item().identity())).isEmpty();
        }
        if (!(write instanceof Write.Delete delete)) {
            return false;
        }
        var now = stored(scope, delete.item());
        return switch (delete.item()) {
            case SerialClaim claim -> now != null && !Objects.equals(longValue(now, "id"), claim.id()); // a trace: no id
            case NumberClaim claim -> now == null || !Objects.equals(longValue(now, "poId"), claim.poId()); // a trace: no poId
            default -> StoredItems.versioned(delete.item()) && now == null;
        };
    }

    private boolean gone(Scope scope, Stored stored) {
        return stored(scope, stored) == null;
    }

    /** The item as stored now (a consistent read), or null. */
    private Map<String, AttributeValue> stored(Scope scope, Stored stored) {
        return batches.itemAsStored(items.table(stored), StoredItems.key(scope.org(), stored));
    }

    /**
     * Throws, as a {@link WriteRefusedException}, the writes of a cancelled transaction that
     * DynamoDB refused for what they hold ({@code ValidationError}: no retry can help), if any.
     */
    private static void throwIfRefused(TransactionCanceledException e, List<? extends Write> writes) {
        var reasons = e.cancellationReasons();
        var refused = cancelled(reasons, writes, "ValidationError")
                .mapToObj(i -> new RefusedWrite(writes.get(i), Objects.requireNonNullElse(reasons.get(i).message(),
                        "DynamoDB's ValidationError")))
                .toList();
        if (!refused.isEmpty()) {
            throw new WriteRefusedException(refused);
        }
    }

    /** The positions of the writes a cancelled transaction gives {@code code} as the reason for. */
    private static IntStream cancelled(List<CancellationReason> reasons, List<? extends Write> writes, String code) {
        return IntStream.range(0, Math.min(reasons.size(), writes.size())).filter(i -> code.equals(reasons.get(i).code()));
    }

    /**
     * A {@code ValidationException} is DynamoDB refusing the request for what it holds: no retry
     * can change that, so it becomes a {@link WriteRefusedException} (the import is undone, and
     * fails naming the rows). The request names no item; where some are past 400 KB, those are
     * the ones refused, else all of them. Anything else is thrown on for a retry.
     * {@code items}: what each write puts, or null for a delete.
     */
    private static RuntimeException refusedOrRethrow(DynamoDbException e, List<? extends Write> writes,
                                                     List<Map<String, AttributeValue>> items) {
        var details = e.awsErrorDetails();
        if (e.statusCode() != 400 || details == null || !"ValidationException".equals(details.errorCode())) {
            return e;
        }
        var refused = new ArrayList<RefusedWrite>();
        for (int i = 0; i < writes.size(); i++) {
            long bytes = items.get(i) == null ? 0 : ItemSize.of(items.get(i));
            if (bytes > ItemSize.MAX_BYTES) {
                refused.add(new RefusedWrite(writes.get(i), "it would take about " + bytes + " bytes, more than the "
                        + ItemSize.MAX_BYTES + " (400 KB) DynamoDB holds in one item; shorten its longest values"));
            }
        }
        if (refused.isEmpty()) {
            writes.forEach(write -> refused.add(new RefusedWrite(write, details.errorMessage())));
        }
        return new WriteRefusedException(refused);
    }

    private TransactWriteItem action(Scope scope, Write write) {
        var stored = write.item();
        var table = items.table(stored);
        return switch (write) {
            case Write.Insert insert -> put(table, StoredItems.item(scope.org(), stored, 1, scope.importId()),
                    Condition.ofInsert(scope, stored));
            case Write.Replace replace -> {
                long base = base(replace.before(), scope.importId());
                var item = StoredItems.item(scope.org(), replace.after(), base + 1, scope.importId());
                // An item stored without a version (a catalog's seed) reads at 0; gone, it was deleted
                // since, and a put would bring it back over that delete.
                yield put(table, item, Condition.atVersion(scope, stored, base, base == 0));
            }
            case Write.Delete delete when stored instanceof SerialClaim claim ->
                    SerialItems.giveUp(table, scope.org(), claim, scope.importId());
            case Write.Delete delete when stored instanceof NumberClaim claim ->
                    PurchaseOrderItems.giveUpNumber(table, scope.org(), claim, scope.importId());
            case Write.Delete delete -> { // a versioned item: claims are given up above
                // not where it is gone: its trace would then claim another import's delete
                var condition = Condition.atVersion(scope, stored, base(delete.before(), scope.importId()), false);
                var key = StoredItems.key(scope.org(), stored);
                yield TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)
                        .conditionExpression(condition.expression()).expressionAttributeNames(condition.names())
                        .expressionAttributeValues(condition.values())).build();
            }
            case Write.Create create -> throw new IllegalArgumentException(
                    "creates are sent on their own (batches, or transactions of creates), not with updates: " + stored.describe());
        };
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, Condition condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())).build();
    }

    /** A write's condition, with the names (null when none: DynamoDB refuses an empty map) and values it uses. */
    private record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

        /**
         * An insert's: a claim is taken where it is free (absent, or the trace of a release) or again
         * by the record or PO that holds it; anything else is new, or this import's own.
         */
        static Condition ofInsert(Scope scope, Stored stored) {
            return switch (stored) {
                // absent or a trace (SerialItems): free
                case SerialClaim claim -> new Condition("attribute_not_exists(id) OR id = :id", null,
                        Map.of(":id", n(claim.id())));
                case NumberClaim claim -> new Condition("attribute_not_exists(poId) OR poId = :poId", null,
                        Map.of(":poId", n(claim.poId())));
                default -> new Condition("attribute_not_exists(#pk) OR importId = :me",
                        Map.of("#pk", StoredItems.partitionAttribute(stored)), Map.of(":me", s(scope.importId())));
            };
        }

        /**
         * A replace's or delete's: the item is at {@code base}, the version read, or this import
         * took it to the next one already (a resumed commit). {@code orUnversioned}: or it exists
         * with no version at all.
         */
        static Condition atVersion(Scope scope, Stored stored, long base, boolean orUnversioned) {
            var names = new HashMap<>(Map.of("#v", "version"));
            if (orUnversioned) {
                names.put("#pk", StoredItems.partitionAttribute(stored));
            }
            return new Condition((orUnversioned ? "attribute_exists(#pk) AND attribute_not_exists(#v) OR " : "")
                    + "#v = :base OR (importId = :me AND #v = :next)", names,
                    Map.of(":me", s(scope.importId()), ":base", n(base), ":next", n(base + 1)));
        }
    }

    /** The version a write expects: as read, or (read after this import wrote it) the one before. */
    private static long base(Stamped<?> before, String importId) {
        long version = StoredItems.version(before);
        return importId.equals(StoredItems.writtenBy(before)) ? version - 1 : version;
    }

    /** Undoes the import ({@link DynamoUndo}). */
    @Override
    public void undo(Scope scope, List<JournalEntry> journal, List<CreatedRange> created, UndoProgress progress) {
        undo.run(scope, journal, created, progress);
    }
}
