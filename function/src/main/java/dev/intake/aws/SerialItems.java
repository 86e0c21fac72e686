package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Maps serial claims to SerialsTable items (docs/dynamodb.md): one item per serial number of a
 * part number in an org, keyed {@code <org>#<partNumber>#<serialNumber>} (org names and part
 * numbers never hold '#', so the key is unambiguous), holding the id of the inventory record that
 * has it. Each claim has its own partition key, so claiming many at once spreads over the table.
 */
public final class SerialItems {

    public static final String KEY = "serialKey";

    private SerialItems() {}

    public static Map<String, AttributeValue> key(String org, SerialKey serial) {
        return Map.of(KEY, s(org + "#" + serial.partNumber() + "#" + serial.serialNumber()));
    }

    public static Map<String, AttributeValue> toItem(String org, SerialClaim claim, String importId) {
        var item = new HashMap<>(key(org, claim.key()));
        item.put("org", s(org));
        item.put("partNumber", s(claim.key().partNumber()));
        item.put("serialNumber", s(claim.key().serialNumber()));
        item.put("id", n(claim.id()));
        putIfPresent(item, "importId", importId);
        return item;
    }

    /**
     * A transaction's check that inventory record {@code claim.id()} holds the claimed serial now:
     * put beside a claim, it keeps the claim off a record that another import has changed.
     */
    public static TransactWriteItem heldByItsRecord(String inventoryTable, String org, SerialClaim claim) {
        return checkOnItsRecord(inventoryTable, org, claim, "partNumber = :part AND serialNumber = :serial");
    }

    /**
     * A transaction's check that inventory record {@code claim.id()} does not hold the claimed
     * serial now (or is gone): put beside the delete of a stale claim, it keeps the delete off a
     * claim whose record got the serial back meanwhile.
     */
    public static TransactWriteItem notHeldByItsRecord(String inventoryTable, String org, SerialClaim claim) {
        return checkOnItsRecord(inventoryTable, org, claim, "attribute_not_exists(partNumber)"
                + " OR attribute_not_exists(serialNumber) OR partNumber <> :part OR serialNumber <> :serial");
    }

    /** A condition check on the record {@code claim} is for, with the claimed serial as {@code :part} and {@code :serial}. */
    private static TransactWriteItem checkOnItsRecord(String inventoryTable, String org, SerialClaim claim, String condition) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(inventoryTable)
                .key(InventoryItems.key(org, claim.id())).conditionExpression(condition)
                .expressionAttributeValues(Map.of(":part", s(claim.key().partNumber()),
                        ":serial", s(claim.key().serialNumber())))).build();
    }

    public static SerialClaim fromItem(Map<String, AttributeValue> item) {
        return new SerialClaim(new SerialKey(str(item, "partNumber"), str(item, "serialNumber")), longValue(item, "id"));
    }
}
