package dev.intake.aws;

import static dev.intake.aws.Attr.n;

import dev.intake.core.commit.Stamped;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition of a write that builds on a read (the catalog's loads): the item is still as the
 * read found it, absent or at the version read. So an import's change between the read and the
 * write is never written over; the write fails instead.
 */
record AsRead(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

    /** {@code before}: the item as read, or null where it was absent; {@code partitionKey}: the table's. */
    static AsRead of(Stamped<?> before, String partitionKey) {
        var names = new HashMap<String, String>();
        var values = new HashMap<String, AttributeValue>();
        if (before == null) {
            names.put("#pk", partitionKey);
            return new AsRead("attribute_not_exists(#pk)", names, values);
        }
        long version = StoredItems.version(before);
        names.put("#v", "version");
        values.put(":read", n(version));
        var expression = "#v = :read";
        if (version == 0) { // seeded and never changed since: stored with version 0, or (older seeds) none
            names.put("#pk", partitionKey);
            expression = "attribute_exists(#pk) AND attribute_not_exists(#v) OR " + expression;
        }
        return new AsRead(expression, names, values);
    }

    /** The values, or null where there are none (DynamoDB refuses an empty map). */
    Map<String, AttributeValue> valuesOrNull() {
        return values.isEmpty() ? null : values;
    }
}
