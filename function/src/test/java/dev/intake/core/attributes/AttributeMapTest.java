package dev.intake.core.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMapTest {

    private static Map<String, CustomValue> given(int size) {
        var attributes = new LinkedHashMap<String, CustomValue>();
        for (int i = size; i > 0; i--) { // not in sorted order: the order given is kept
            attributes.put("attribute " + i, switch (i % 4) {
                case 0 -> new CustomValue.Text("text " + i);
                case 1 -> new CustomValue.Number(BigDecimal.valueOf(i));
                case 2 -> new CustomValue.Flag(i % 3 == 0);
                default -> new CustomValue.Day(LocalDate.of(2026, 1, i % 28 + 1));
            });
        }
        return attributes;
    }

    @Test
    void holdsEveryValueOfEveryTypeInTheGivenOrder() {
        for (int size : List.of(1, AttributeMap.SCANNED, AttributeMap.SCANNED + 1, 200)) {
            var given = given(size);
            var copy = Attributed.copyOf(given);
            assertEquals(given, copy, size + " attributes");
            assertEquals(given.hashCode(), copy.hashCode());
            assertEquals(new ArrayList<>(given.keySet()), new ArrayList<>(copy.keySet()));
            var seen = new LinkedHashMap<String, CustomValue>();
            copy.forEach(seen::put);
            assertEquals(given.toString(), seen.toString());
            given.forEach((key, value) -> {
                assertEquals(value, copy.get(key), key);
                assertTrue(copy.containsKey(key), key);
            });
        }
    }

    @Test
    void findsNothingForAKeyItDoesNotHave() {
        for (int size : List.of(3, 40)) {
            var copy = Attributed.copyOf(given(size));
            assertNull(copy.get("attribute 0"));
            assertNull(copy.get(null));
            assertNull(copy.get(7));
            assertFalse(copy.containsKey("Attribute 1"), "keys are exact");
            var blank = new CustomValue.Text("");
            assertSame(blank, copy.getOrDefault("attribute 0", blank));
        }
    }

    @Test
    void cannotBeChangedAndIsNotCopiedAgain() {
        var copy = Attributed.copyOf(given(5));
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", new CustomValue.Flag(true)));
        assertThrows(UnsupportedOperationException.class, () -> copy.remove("attribute 1"));
        assertThrows(UnsupportedOperationException.class, copy::clear);
        assertSame(copy, Attributed.copyOf(copy));
        assertSame(Map.of(), Attributed.copyOf(new LinkedHashMap<>()));
    }
}
