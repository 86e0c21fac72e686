package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.GivenUpSerial;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Maps serial claims to SerialsTable items (docs/dynamodb.md): one item per serial number of a
 * part number in an org, keyed {@code <org>#<partNumber>#<serialNumber>} (org names and part
 * numbers never hold '#', so the key is unambiguous), holding the id of the inventory record that
 * has it. Each claim has its own partition key, so claiming many at once spreads over the table.
 *
 * <p>A commit that gives a serial up leaves the item as a <em>trace</em>: no {@code id}, the id of
 * the import that gave it up, and an expiry. A trace is a free serial to everyone, and tells the
 * unfinished-writer check who freed it: while that import may still be undone (and want the
 * serial back), no other file may take it (docs/lifecycle.md). So "free" is
 * {@code attribute_not_exists(id)} in every condition that takes a claim.
 */
public final class SerialItems {

    public static final String KEY = "serialKey";

    private SerialItems() {}

    /** How long a trace stays: as long as the journal of the import that left it. */
    private static final Duration TRACE_KEPT = Duration.ofDays(DynamoImportLedger.JOURNAL_DAYS);

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
        return checkOnItsRecord(inventoryTable, org, claim, "serialNumber = :serial");
    }

    /**
     * A transaction's check that inventory record {@code claim.id()} does not hold the claimed
     * serial now (or is gone): put beside the delete of a stale claim, it keeps the delete off a
     * claim whose record got the serial back meanwhile.
     */
    public static TransactWriteItem notHeldByItsRecord(String inventoryTable, String org, SerialClaim claim) {
        return checkOnItsRecord(inventoryTable, org, claim, "attribute_not_exists(serialNumber) OR serialNumber <> :serial");
    }

    /**
     * A condition check on the record {@code claim} is for, with the claimed serial as {@code
     * :serial}. On the serial alone: a record's part never changes (an update by id leaves it as
     * it is), and the record keeps its own spelling of the part number, which the claim's key
     * has in canonical form ({@link SerialKey}).
     */
    private static TransactWriteItem checkOnItsRecord(String inventoryTable, String org, SerialClaim claim, String condition) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(inventoryTable)
                .key(InventoryItems.key(org, claim.id())).conditionExpression(condition)
                .expressionAttributeValues(Map.of(":serial", s(claim.key().serialNumber())))).build();
    }

    /**
     * The commit's release of {@code claim}, for its transaction: the claim becomes a trace of
     * {@code importId}, where it is the record's or absent (a serial stored before claims
     * existed, freed by this import, gets a trace too). One held by another record, or a trace
     * already, was given up before: the release fails its condition and is done already.
     */
    public static TransactWriteItem giveUp(String table, String org, SerialClaim claim, String importId) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(org, claim.key()))
                .updateExpression("SET importId = :me, expiresAt = :expires, org = :org, partNumber = :part,"
                        + " serialNumber = :serial REMOVE id")
                .conditionExpression("attribute_not_exists(#pk) OR id = :id")
                .expressionAttributeNames(Map.of("#pk", KEY))
                .expressionAttributeValues(Map.of(":me", s(importId), ":id", n(claim.id()), ":org", s(org),
                        ":part", s(claim.key().partNumber()), ":serial", s(claim.key().serialNumber()),
                        ":expires", n(Instant.now().plus(TRACE_KEPT).getEpochSecond())))).build();
    }

    /** Whether {@code item} (null: absent) is a claim a record holds, not a trace of one given up. */
    public static boolean held(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("id");
    }

    /** {@code item} where it is a held claim; null where it is absent or a trace. */
    public static Map<String, AttributeValue> heldOrNull(Map<String, AttributeValue> item) {
        return held(item) ? item : null;
    }

    /** A trace as read: the serial, stamped with the import that gave it up. */
    public static Stamped<GivenUpSerial> givenUp(Map<String, AttributeValue> trace) {
        var serial = new SerialKey(str(trace, "partNumber"), str(trace, "serialNumber"));
        return new Stamped<>(new GivenUpSerial(serial), new ItemStamp(0, writerOf(trace)));
    }

    /** The import that wrote a claim or a trace last (null for a claim a catalog load seeded). */
    public static String writerOf(Map<String, AttributeValue> item) {
        return str(item, "importId");
    }

    public static SerialClaim fromItem(Map<String, AttributeValue> item) {
        return new SerialClaim(new SerialKey(str(item, "partNumber"), str(item, "serialNumber")), longValue(item, "id"));
    }
}
