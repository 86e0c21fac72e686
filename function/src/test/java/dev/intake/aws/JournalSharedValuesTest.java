package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records read back from an import's journal share their repeated values, as the records an
 * import holds do ({@link DynamoInventoryStore#findByIds}: one {@link StringPool} a read). Read
 * apart, the ten-attribute records of docs/configuration.md took 2,608 bytes each read back
 * against 1,767 held, measured by review on 6 December 2026: an undo, which holds them beside the
 * held ones, took more than the bound on held records leaves it.
 */
class JournalSharedValuesTest {

    @Test
    void fromJournal_twoRecordsThroughOnePool_shareTheirPartLocationAndAttributeNames() {
        var pool = new StringPool();

        var first = (InventoryRecord) StoredItems.fromJournal(asDynamoDbHandsItOver(record(1)), pool).item();
        var second = (InventoryRecord) StoredItems.fromJournal(asDynamoDbHandsItOver(record(2)), pool).item();

        assertThat(second.part().partNumber()).isEqualTo("FST-M3-10").isSameAs(first.part().partNumber());
        assertThat(second.location()).isEqualTo("Stockroom A").isSameAs(first.location());
        assertThat(second.attributes().keySet().iterator().next()).isEqualTo("attribute_1")
                .isSameAs(first.attributes().keySet().iterator().next());
        assertThat(second.attributes().get("attribute_1")).isNotEqualTo(first.attributes().get("attribute_1"));
    }

    /** The journal form of the record, packed and unpacked: strings of its own, as DynamoDB hands them over. */
    private static java.util.Map<String, AttributeValue> asDynamoDbHandsItOver(InventoryRecord record) {
        var form = StoredItems.journalForm("acme", Stamped.unstored(record));
        return PackedAttributes.unpack(PackedAttributes.pack(List.of(form))).getFirst().m();
    }

    private static InventoryRecord record(long id) {
        var attributes = new LinkedHashMap<String, CustomValue>();
        for (int i = 1; i <= 3; i++) {
            attributes.put("attribute_" + i, new CustomValue.Text("value " + i + " of item " + id));
        }
        return new InventoryRecord(id, new PartRef("FST-M3-10", "A"), Tracking.NONE, Quantities.of(BigDecimal.valueOf(100)),
                new Placement("Stockroom A", null, "each", null), attributes, new Assembly(null, List.of()), null);
    }
}
