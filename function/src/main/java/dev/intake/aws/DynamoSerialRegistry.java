package dev.intake.aws;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.GivenUpSerial;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.SerialRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link SerialRegistry} on SerialsTable: claims looked up by key, a hundred per BatchGetItem.
 * Reads are eventually consistent, at half the cost of strong ones: validation's view of the
 * claims may be a moment old. A claim found held is read again consistently, for a serial given
 * up in that moment is free. A claim not found is harmless: a serial taken in that moment fails
 * the commit's conditional claim, and the commit is undone. A trace written in that moment is not
 * seen, so the refusal of a serial an unfinished import gave up holds for those given up before
 * the read; one given up within the moment is taken as free, and that import's undo, should it
 * come, meets the claim as docs/lifecycle.md's "One limit of the undo" says. The traces of
 * serials given up ({@link SerialItems}) come back as such, with the import that gave each up.
 */
public final class DynamoSerialRegistry implements SerialRegistry {

    private final DynamoBatches batches;
    private final String table;

    public DynamoSerialRegistry(DynamoDbClient dynamo, String table) {
        this.batches = new DynamoBatches(dynamo);
        this.table = table;
    }

    @Override
    public Lookup lookUp(String org, Collection<SerialKey> keys) {
        return lookUp(org, keys, false);
    }

    /**
     * As {@link #lookUp}, read strongly consistent where {@code consistent}: a catalog load, which
     * undoes nothing, must see a claim an import took a moment before (found by review on 5
     * December 2026: it wrote a second record with that serial).
     */
    public Lookup lookUp(String org, Collection<SerialKey> keys, boolean consistent) {
        var holders = new HashMap<SerialKey, Stamped<SerialClaim>>();
        var givenUp = new ArrayList<Stamped<GivenUpSerial>>();
        var wanted = keys.stream().distinct().map(key -> SerialItems.key(org, key)).toList();
        var items = batches.getAll(table, wanted, consistent);
        for (var item : consistent ? items : heldReadAgain(items)) {
            if (SerialItems.held(item)) {
                var claim = SerialItems.fromItem(item);
                holders.put(claim.key(), new Stamped<>(claim, new ItemStamp(0, SerialItems.writerOf(item))));
            } else {
                givenUp.add(SerialItems.givenUp(item));
            }
        }
        return new Lookup(holders, givenUp);
    }

    /**
     * {@code items} with the claims found held read again, consistently. An eventually consistent
     * read may answer with a claim as it was a moment before: held by a record that gave the serial
     * up since, or by a record an undo deleted. Validation would then refuse a free serial as
     * DUPLICATE_SERIAL, naming a record that holds another (found by review on 6 December 2026;
     * DynamoDB Local always answers as the item is). A file's serials are mostly free, so these
     * reads are few.
     */
    private List<Map<String, AttributeValue>> heldReadAgain(List<Map<String, AttributeValue>> items) {
        var held = items.stream().filter(SerialItems::held)
                .map(item -> Map.of(SerialItems.KEY, item.get(SerialItems.KEY))).toList();
        if (held.isEmpty()) {
            return items;
        }
        var readAgain = new ArrayList<>(items.stream().filter(item -> !SerialItems.held(item)).toList());
        readAgain.addAll(batches.getAll(table, held, true));
        return readAgain;
    }
}
