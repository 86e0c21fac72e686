package dev.intake.aws;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.GivenUpSerial;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.SerialRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link SerialRegistry} on SerialsTable: claims looked up by key, a hundred per BatchGetItem.
 * Reads are eventually consistent, at half the cost of strong ones: validation's view of the
 * claims may be a moment old, which the commit's conditional claims make harmless (a serial taken
 * in that moment fails the commit, which is then undone). The traces of serials given up
 * ({@link SerialItems}) come back as such, with the import that gave each up.
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
        var holders = new HashMap<SerialKey, Stamped<SerialClaim>>();
        var givenUp = new ArrayList<Stamped<GivenUpSerial>>();
        var wanted = keys.stream().distinct().map(key -> SerialItems.key(org, key)).toList();
        for (var item : batches.getAll(table, wanted, false)) {
            if (SerialItems.held(item)) {
                var claim = SerialItems.fromItem(item);
                holders.put(claim.key(), new Stamped<>(claim, new ItemStamp(0, SerialItems.writerOf(item))));
            } else {
                givenUp.add(SerialItems.givenUp(item));
            }
        }
        return new Lookup(holders, givenUp);
    }

    /** Writes claims as given, unconditionally: loading a catalog claims its seeded records' serials. */
    public void seed(String org, Collection<SerialClaim> claims) {
        batches.putAll(table, claims.stream().map(claim -> SerialItems.toItem(org, claim, null)).toList());
    }
}
