package dev.intake.local;

import dev.intake.IntakeConfig;
import dev.intake.aws.DynamoBatches;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.SerialItems;
import dev.intake.core.commit.LeaseFence;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Claims the serials of an org's stored inventory in SerialsTable, for tables that held inventory
 * before serials were claimed (docs/deploy.md, "Updating"): imports look serials up there only.
 * Each claim is put where the serial is free, beside a check that its record still holds it, so
 * it may run while imports go on; two items with one serial (possible before claims existed) are
 * reported, for someone to resolve by hand. A claim already in place is left as it is.
 */
final class SerialBackfill {

    /** Claims written, claims that were there already, records an import changed meanwhile, and serials held by two items. */
    record Result(String org, int claimed, int alreadyClaimed, int changedMeanwhile, List<String> duplicates) {
        @Override
        public String toString() {
            return "Claimed the serials of " + org + ": " + claimed + " new, " + alreadyClaimed + " already claimed"
                    + (changedMeanwhile == 0 ? "" : ", " + changedMeanwhile + " left alone (an import changed the record"
                    + " while this ran, and claims what it writes itself)")
                    + (duplicates.isEmpty() ? "" : ", " + duplicates.size() + " held by two items:\n  "
                    + String.join("\n  ", duplicates));
        }
    }

    /** What became of one record's claim. */
    private sealed interface Claim {
        record Taken() implements Claim {}
        record AlreadyItsOwn() implements Claim {}
        /** The record no longer holds the serial it was read with (an import changed it, or deleted it). */
        record RecordChanged() implements Claim {}
        /** Another item holds the serial; -1 when DynamoDB did not say which. */
        record HeldByAnother(long holder) implements Claim {}
    }

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final IntakeConfig config;

    SerialBackfill(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo);
        this.config = config;
    }

    Result run(String org) {
        int claimed = 0;
        int alreadyClaimed = 0;
        int changedMeanwhile = 0;
        var duplicates = new ArrayList<String>();
        var records = new DynamoInventoryStore(dynamo, config.inventoryTable()).stream(org)
                .filter(record -> record.serialNumber() != null).iterator();
        while (records.hasNext()) {
            var record = records.next();
            switch (claim(org, record)) {
                case Claim.Taken taken -> claimed++;
                case Claim.AlreadyItsOwn own -> alreadyClaimed++;
                case Claim.RecordChanged changed -> changedMeanwhile++;
                case Claim.HeldByAnother another -> duplicates.add("serial " + record.serialNumber() + " of "
                        + record.part().partNumber() + ": items " + another.holder() + " and " + record.id());
            }
        }
        return new Result(org, claimed, alreadyClaimed, changedMeanwhile, duplicates);
    }

    /**
     * Puts the record's claim where the serial is free (absent, or a trace an import left), in one
     * transaction with a check that the record still holds the serial, as a commit puts its own;
     * another transaction on the items is waited out as the commit's are ({@link DynamoBatches#transact}).
     * Found by review on 5 December 2026: a put on the record as read claimed a serial an import had
     * just taken off it, for good; and a claim already the record's was put again without the
     * import that wrote it, which the check on unfinished imports reads.
     */
    private Claim claim(String org, InventoryRecord record) {
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
        var holder = reasons.get(0).hasItem() ? SerialItems.fromItem(reasons.get(0).item()).id() : -1L;
        return holder == record.id() ? new Claim.AlreadyItsOwn() : new Claim.HeldByAnother(holder);
    }
}
