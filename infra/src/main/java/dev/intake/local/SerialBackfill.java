package dev.intake.local;

import dev.intake.IntakeConfig;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.SerialItems;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Claims the serials of an org's stored inventory in SerialsTable, for tables that held inventory
 * before serials were claimed (docs/deploy.md, "Updating"): imports look serials up there only.
 * Each claim is a conditional put that never takes a serial another item holds; two items with
 * one serial (possible before claims existed) are reported, for someone to resolve by hand.
 */
final class SerialBackfill {

    /** Claims written, claims that were there already, and serials held by two items. */
    record Result(String org, int claimed, int alreadyClaimed, List<String> duplicates) {
        @Override
        public String toString() {
            return "Claimed the serials of " + org + ": " + claimed + " new, " + alreadyClaimed + " already claimed"
                    + (duplicates.isEmpty() ? "" : ", " + duplicates.size() + " held by two items:\n  "
                    + String.join("\n  ", duplicates));
        }
    }

    private final DynamoDbClient dynamo;
    private final IntakeConfig config;

    SerialBackfill(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    Result run(String org) {
        int claimed = 0;
        int alreadyClaimed = 0;
        var duplicates = new ArrayList<String>();
        var records = new DynamoInventoryStore(dynamo, config.inventoryTable()).stream(org)
                .filter(record -> record.serialNumber() != null).iterator();
        while (records.hasNext()) {
            var record = records.next();
            var holder = claim(org, record);
            if (holder == null) {
                claimed++;
            } else if (holder == record.id()) {
                alreadyClaimed++;
            } else {
                duplicates.add("serial " + record.serialNumber() + " of " + record.part().partNumber()
                        + ": items " + holder + " and " + record.id());
            }
        }
        return new Result(org, claimed, alreadyClaimed, duplicates);
    }

    /** Puts the record's claim unless another item holds it; the holder before the put (null: none). */
    private Long claim(String org, InventoryRecord record) {
        var claim = new SerialClaim(new SerialKey(record.part().partNumber(), record.serialNumber()), record.id());
        try {
            var before = dynamo.putItem(b -> b.tableName(config.serialsTable()).item(SerialItems.toItem(org, claim, null))
                    .conditionExpression("attribute_not_exists(id) OR id = :id") // free (absent or a trace), or its own
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromN(Long.toString(record.id()))))
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return SerialItems.held(before) ? record.id() : null;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() ? SerialItems.fromItem(e.item()).id() : -1L;
        }
    }
}
