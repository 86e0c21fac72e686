package dev.intake.local;

import dev.intake.IntakeConfig;
import dev.intake.aws.OrgScans;
import dev.intake.aws.DynamoBatches;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.SerialItems;
import dev.intake.core.commit.LeaseFence;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Claims the serials of an org's stored inventory in SerialsTable, for tables that held inventory
 * before serials were claimed (docs/deploy.md, "Updating"), or whose serials table was restored
 * to another moment than the inventory table ("Restoring tables"): imports look serials up there
 * only. Each claim is put where the serial is free, beside a check that its record still holds
 * it, so it may run while imports go on; two items with one serial (possible before claims
 * existed) are reported, for someone to resolve by hand. A claim already in place is left as it
 * is. A stale claim, whose record is gone or holds another serial, and whose writer has
 * finished, is taken over by the record that holds the serial, or released where none does.
 */
final class SerialBackfill {

    /**
     * Claims written, claims that were there already, records an import changed meanwhile, stale
     * claims taken over and released, and serials held by two items.
     */
    record Result(String org, int claimed, int alreadyClaimed, int changedMeanwhile, int takenOver, int released,
                  List<String> duplicates) {
        @Override
        public String toString() {
            return "Claimed the serials of " + org + ": " + claimed + " new, " + alreadyClaimed + " already claimed"
                    + (takenOver == 0 ? "" : ", " + takenOver + " taken over from a record that no longer holds the serial")
                    + (released == 0 ? "" : ", " + released + " released (no record holds the serial)")
                    + (changedMeanwhile == 0 ? "" : ", " + changedMeanwhile + " left alone (an import changed the record"
                    + " while this ran, or has not finished with the claim, and claims what it writes itself)")
                    + (duplicates.isEmpty() ? "" : ", " + duplicates.size() + " held by two items:\n  "
                    + String.join("\n  ", duplicates));
        }
    }

    /** What became of one record's claim. */
    private sealed interface Claim {
        record Taken() implements Claim {}
        record AlreadyItsOwn() implements Claim {}
        /** The claim named a record that no longer holds the serial: it is this record's now. */
        record TakenOver() implements Claim {}
        /** The record no longer holds the serial it was read with (an import changed it, or deleted it), or an unfinished import wrote the claim. */
        record RecordChanged() implements Claim {}
        /** Another item holds the serial; -1 when DynamoDB did not say which. */
        record HeldByAnother(long holder) implements Claim {}
    }

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final DynamoImportLedger ledger;
    private final DynamoInventoryStore inventory;
    private final IntakeConfig config;

    SerialBackfill(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo);
        this.ledger = new DynamoImportLedger(dynamo, config.importsTable());
        this.inventory = new DynamoInventoryStore(dynamo, config.inventoryTable());
        this.config = config;
    }

    Result run(String org) {
        int claimed = 0;
        int alreadyClaimed = 0;
        int changedMeanwhile = 0;
        int takenOver = 0;
        var duplicates = new ArrayList<String>();
        var records = OrgScans.inventoryAsRead(inventory, org)
                .filter(read -> read.item().serialNumber() != null).iterator();
        var unfinished = new UnfinishedWriters();
        while (records.hasNext()) {
            var read = records.next();
            var record = read.item();
            // an unfinished import claims the serials it created itself, after the records: a claim
            // put here before its own was taken for a duplicate by other files (DUPLICATE_SERIAL
            // instead of CONCURRENT_CHANGE naming the import; found by review on 6 December 2026)
            var outcome = unfinished.contains(read.stamp().writtenBy()) ? new Claim.RecordChanged() : claim(org, record, unfinished);
            switch (outcome) {
                case Claim.Taken taken -> claimed++;
                case Claim.AlreadyItsOwn own -> alreadyClaimed++;
                case Claim.TakenOver over -> takenOver++;
                case Claim.RecordChanged changed -> changedMeanwhile++;
                case Claim.HeldByAnother another -> duplicates.add("serial " + record.serialNumber() + " of "
                        + record.part().partNumber() + ": items " + another.holder() + " and " + record.id());
            }
        }
        int released = releaseStale(org);
        return new Result(org, claimed, alreadyClaimed, changedMeanwhile, takenOver, released, duplicates);
    }

    /**
     * The imports that last wrote records or claims, asked of the ledger once each in a run: an
     * ended import stays ended, and one unfinished is left its work for the rest of the run (the
     * safe side: a later run claims what it then leaves).
     */
    private final class UnfinishedWriters {
        private final Map<String, Boolean> known = new HashMap<>();

        boolean contains(String writer) {
            return writer != null && known.computeIfAbsent(writer, w -> !ledger.unfinished(List.of(w)).isEmpty());
        }
    }

    /**
     * Puts the record's claim where the serial is free (absent, or a trace an import left), in one
     * transaction with a check that the record still holds the serial, as a commit puts its own;
     * another transaction on the items is waited out as the commit's are ({@link DynamoBatches#transact}).
     * Found by review on 5 December 2026: a put on the record as read claimed a serial an import had
     * just taken off it, for good; and a claim already the record's was put again without the
     * import that wrote it, which the check on unfinished imports reads.
     */
    private Claim claim(String org, InventoryRecord record, UnfinishedWriters unfinished) {
        var claim = new SerialClaim(new SerialKey(record.part().partNumber(), record.serialNumber()), record.id());
        var put = TransactWriteItem.builder().put(p -> p.tableName(config.serialsTable()).item(SerialItems.toItem(org, claim, null))
                .conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        var stillHeld = SerialItems.heldByItsRecord(config.inventoryTable(), org, claim);
        var reasons = batches.transact(LeaseFence.NONE, List.of(put, stillHeld), cancelled -> { });
        if (reasons.isEmpty()) {
            return new Claim.Taken();
        }
        if (DynamoBatches.failedCondition(reasons, 1)) {
            return new Claim.RecordChanged();
        }
        if (!reasons.get(0).hasItem()) {
            return new Claim.HeldByAnother(-1L);
        }
        var held = reasons.get(0).item();
        var holder = SerialItems.fromItem(held);
        return holder.id() == record.id() ? new Claim.AlreadyItsOwn() : takeOver(org, claim, holder, SerialItems.writerOf(held), unfinished);
    }

    /**
     * Gives {@code claim}'s serial to its record where the claim names {@code stale}, a record
     * that no longer holds it (a serials table restored to another moment than the inventory
     * table leaves such claims: found by review on 6 December 2026; before, the serial was
     * reported "held by two items" and the advice renumbered the one record that held it). In one
     * transaction: the claim still names the stale record, which does not hold the serial, and
     * this record does. A claim an unfinished import wrote is left to it (its undo may want it).
     */
    private Claim takeOver(String org, SerialClaim claim, SerialClaim stale, String writer, UnfinishedWriters unfinished) {
        if (unfinished.contains(writer)) {
            return new Claim.RecordChanged();
        }
        var put = TransactWriteItem.builder().put(p -> p.tableName(config.serialsTable()).item(SerialItems.toItem(org, claim, null))
                .conditionExpression("id = :stale")
                .expressionAttributeValues(Map.of(":stale", AttributeValue.fromN(Long.toString(stale.id()))))).build();
        var reasons = batches.transact(LeaseFence.NONE, List.of(put,
                SerialItems.notHeldByItsRecord(config.inventoryTable(), org, stale),
                SerialItems.heldByItsRecord(config.inventoryTable(), org, claim)), cancelled -> { });
        if (reasons.isEmpty()) {
            return new Claim.TakenOver();
        }
        return DynamoBatches.failedCondition(reasons, 1) ? new Claim.HeldByAnother(stale.id()) : new Claim.RecordChanged();
    }

    /**
     * Releases the org's claims whose record is gone or holds another serial, and which no
     * record took over above: no record holds such a serial, and the claim refused it to every
     * file, naming a record that did not hold it. A scan of
     * the serials table (it has no index by org), the records read 100 at a time; each release
     * is a delete on the condition that the claim still names that record and the record does not
     * hold the serial. Claims an unfinished import wrote are left to it. Returns how many.
     */
    private int releaseStale(String org) {
        var claims = dynamo.scanPaginator(b -> b.tableName(config.serialsTable()).consistentRead(true)
                        .filterExpression("org = :org AND attribute_exists(id)")
                        .expressionAttributeValues(Map.of(":org", AttributeValue.fromS(org))))
                .items().iterator();
        int released = 0;
        var some = new ArrayList<Map<String, AttributeValue>>();
        while (claims.hasNext()) { // a hundred at a time: an org may hold millions of serials
            some.add(claims.next());
            if (some.size() == 100 || !claims.hasNext()) {
                released += releaseStale(org, some);
                some.clear();
            }
        }
        return released;
    }

    /** Releases those of {@code claims} whose record does not hold their serial, unless an unfinished import wrote them. */
    private int releaseStale(String org, List<Map<String, AttributeValue>> claims) {
        var records = inventory.findByIds(org, claims.stream().map(item -> SerialItems.fromItem(item).id()).toList());
        var writers = claims.stream().map(SerialItems::writerOf).filter(java.util.Objects::nonNull).toList();
        var unfinished = writers.isEmpty() ? java.util.Set.<String>of() : ledger.unfinished(writers);
        int released = 0;
        for (var item : claims) {
            var claim = SerialItems.fromItem(item);
            var record = records.get(claim.id());
            boolean holds = record != null && claim.key().equals(SerialKey.of(record.item()));
            if (!holds && !unfinished.contains(SerialItems.writerOf(item)) && release(org, claim, item.get(SerialItems.KEY))) {
                released++;
            }
        }
        return released;
    }

    /**
     * Deletes {@code claim} under the key it is stored under: a claim written before 4 December
     * 2026 spells the part number as its record did, not as claims are keyed now, and a delete
     * under today's key left it for good (found by review "serials" on 7 December 2026).
     */
    private boolean release(String org, SerialClaim claim, AttributeValue storedKey) {
        var delete = TransactWriteItem.builder().delete(d -> d.tableName(config.serialsTable()).key(Map.of(SerialItems.KEY, storedKey))
                .conditionExpression("id = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromN(Long.toString(claim.id()))))).build();
        return batches.transact(LeaseFence.NONE, List.of(delete,
                SerialItems.notHeldByItsRecord(config.inventoryTable(), org, claim)), cancelled -> { }).isEmpty();
    }
}
