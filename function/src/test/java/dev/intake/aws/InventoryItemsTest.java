package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.inventory.InventoryRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class InventoryItemsTest {

    @Test
    void read_twoItemsThroughOnePool_shareTheirRepeatedValuesButNotTheirSerials() {
        var pool = new StringPool();

        var first = InventoryItems.read(item(1, "SN-1"), pool);
        var second = InventoryItems.read(item(2, "SN-2"), pool);

        var a = first.item();
        var b = second.item();
        assertThat(b.part().partNumber()).isEqualTo("PCB-410").isSameAs(a.part().partNumber());
        assertThat(b.part().revision()).isSameAs(a.part().revision());
        assertThat(b.tracking().lotNumber()).isEqualTo("LOT-7").isSameAs(a.tracking().lotNumber());
        assertThat(b.placement().location()).isEqualTo("Stockroom A").isSameAs(a.placement().location());
        assertThat(b.placement().supplier()).isSameAs(a.placement().supplier());
        assertThat(b.placement().unitOfMeasure()).isSameAs(a.placement().unitOfMeasure());
        assertThat(((ItemStamp) second.stamp()).writtenBy()).isEqualTo("import-1")
                .isSameAs(((ItemStamp) first.stamp()).writtenBy());
        assertThat(((ItemStamp) second.stamp()).version()).isEqualTo(3);
        assertThat(b.tracking().serialNumber()).isEqualTo("SN-2");
    }

    /** A file of updates holds every record it names: their attributes' names and repeated texts are shared too. */
    @Test
    void read_twoItemsThroughOnePool_shareTheirAttributeNamesRepeatedTextsAndBomParts() {
        var pool = new StringPool();

        var a = InventoryItems.read(item(1, "SN-1"), pool).item();
        var b = InventoryItems.read(item(2, "SN-2"), pool).item();

        var namesOfA = new ArrayList<>(a.attributes().keySet());
        b.attributes().keySet().forEach(name -> assertThat(name).isSameAs(namesOfA.get(namesOfA.indexOf(name))));
        assertThat(text(b, "finish")).isEqualTo("anodized").isSameAs(text(a, "finish"));
        assertThat(text(b, "inspected by")).isEqualTo("inspector 2");
        assertThat(b.attributes().get("rated")).isEqualTo(new CustomValue.Number(new BigDecimal("1.5")));
        assertThat(b.abom().getFirst().partNumber()).isEqualTo("FST-M3-10").isSameAs(a.abom().getFirst().partNumber());
        assertThat(b.abom().getFirst().revision()).isSameAs(a.abom().getFirst().revision());
    }

    private static String text(InventoryRecord record, String name) {
        return ((CustomValue.Text) record.attributes().get(name)).value();
    }

    @Test
    void read_throughAPool_readsTheSameRecordAsWithout() {
        var item = item(1, "SN-1");

        assertThat(InventoryItems.read(item, new StringPool())).isEqualTo(InventoryItems.read(item));
    }

    @Test
    void of_pastItsBound_returnsTheValueUnshared() {
        var pool = new StringPool();
        for (int i = 0; i < StringPool.MAX_STRINGS; i++) {
            pool.of("value-" + i);
        }

        var late = new String("late");

        assertThat(pool.of(late)).isSameAs(late);
        assertThat(pool.of(new String("late"))).isNotSameAs(late);
        assertThat(pool.of(new String("value-1"))).isEqualTo("value-1");
    }

    @Test
    void of_none_sharesNothing() {
        var first = new String("Stockroom A");
        var second = new String("Stockroom A");

        assertThat(StringPool.NONE.of(first)).isSameAs(first);
        assertThat(StringPool.NONE.of(second)).isSameAs(second);
    }

    /** An inventory item as the SDK hands it over: every value its own String instance. */
    private static Map<String, AttributeValue> item(long id, String serial) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", AttributeValue.fromN(Long.toString(id)));
        item.put("partNumber", s("PCB-410"));
        item.put("revision", s("A"));
        item.put("serialNumber", s(serial));
        item.put("lotNumber", s("LOT-7"));
        item.put("quantity", AttributeValue.fromN("1"));
        item.put("location", s("Stockroom A"));
        item.put("supplier", s("Acme Metals"));
        item.put("unitOfMeasure", s("each"));
        item.put("attributes", AttributeValue.fromM(Map.of(new String("finish"), s("anodized"),
                new String("inspected by"), s("inspector " + id), new String("rated"), AttributeValue.fromN("1.5"))));
        item.put("abom", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                "partNumber", s("FST-M3-10"), "revision", s("A"), "quantity", AttributeValue.fromN("4"))))));
        item.put("version", AttributeValue.fromN("3"));
        item.put("importId", s("import-1"));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(new String(value));
    }
}
