package dev.intake.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryRecordsTest {

    @Test
    void textBytes_longAttributes_countsNamesAndValuesInUtf8() {
        var record = record(Map.of("Note1", new CustomValue.Text("部".repeat(60_000)),
                "Note2", new CustomValue.Text("x".repeat(200_000)), "Weight", new CustomValue.Number(new BigDecimal("12.5"))));

        // 180,000 + 200,000 bytes of values, 5 + 5 + 6 of names, "12.5", and part, serial and placement
        assertThat(InventoryRecords.textBytes(record)).isEqualTo(380_000 + 16 + 4 + "PCB-410A".length()
                + "SN-1".length() + "Stockroom A".length());
    }

    @Test
    void textBytes_shortRecord_farUnderTheLimit() {
        assertThat(InventoryRecords.textBytes(record(Map.of("Note1", new CustomValue.Text("部部"))))).isLessThan(100);
    }

    private static InventoryRecord record(Map<String, CustomValue> attributes) {
        return new InventoryRecord(1020, new PartRef("PCB-410", "A"), new Tracking("SN-1", null), Quantities.of(BigDecimal.ONE),
                new Placement("Stockroom A", null, null, null), attributes, Assembly.NONE, null);
    }
}
