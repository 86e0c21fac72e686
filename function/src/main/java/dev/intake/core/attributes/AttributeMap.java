package dev.intake.core.attributes;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A record's custom attributes, unmodifiable, in their given order, held in two arrays. A file of
 * updates keeps every record it names until its commit, and a {@code LinkedHashMap} of ten
 * attributes took some 1,000 bytes more a record than their keys and values: an entry object
 * each, a table, and a wrapper per text value. Here a text value is its string; {@link #get}
 * wraps it again. Attributes are few, so a look-up walks the keys; past {@link #SCANNED} an index
 * of their hashes finds them.
 */
final class AttributeMap extends AbstractMap<String, CustomValue> {

    /** Up to this many keys a look-up compares them one by one: cheaper than hashing for a few. */
    static final int SCANNED = 12;

    private final String[] keys;
    private final Object[] values; // a Text's String, or the CustomValue itself
    private final int[] slots; // null up to SCANNED keys; else open addressing, index + 1 of a key

    AttributeMap(Map<String, CustomValue> attributes) {
        int size = attributes.size();
        keys = new String[size];
        values = new Object[size];
        int i = 0;
        for (var entry : attributes.entrySet()) {
            keys[i] = Objects.requireNonNull(entry.getKey(), "attribute key");
            values[i] = entry.getValue() instanceof CustomValue.Text text ? text.value() : entry.getValue();
            i++;
        }
        slots = size > SCANNED ? indexOf(keys) : null;
    }

    private static int[] indexOf(String[] keys) {
        var slots = new int[Integer.highestOneBit(keys.length) << 2];
        for (int i = 0; i < keys.length; i++) {
            int slot = keys[i].hashCode() & (slots.length - 1);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = i + 1;
        }
        return slots;
    }

    private int indexOf(Object key) {
        if (slots == null) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        if (key == null) {
            return -1;
        }
        for (int slot = key.hashCode() & (slots.length - 1); slots[slot] != 0; slot = (slot + 1) & (slots.length - 1)) {
            if (keys[slots[slot] - 1].equals(key)) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    private CustomValue value(int i) {
        return values[i] instanceof String text ? new CustomValue.Text(text) : (CustomValue) values[i];
    }

    @Override
    public CustomValue get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    @Override
    public CustomValue getOrDefault(Object key, CustomValue defaultValue) {
        int i = indexOf(key);
        return i < 0 ? defaultValue : value(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super CustomValue> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], value(i));
        }
    }

    @Override
    public Set<Entry<String, CustomValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, CustomValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, CustomValue> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        var entry = new SimpleImmutableEntry<>(keys[next], value(next));
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
