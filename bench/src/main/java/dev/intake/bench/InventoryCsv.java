package dev.intake.bench;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartIndex;
import dev.intake.core.catalog.TrackingType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Generated Part Inventory files of N valid creates, and the catalog they import against. Rows
 * cycle through a serial-tracked part (unique serials), a lot-tracked part and an untracked one,
 * so every tracking rule runs; locations, suppliers and intents are catalog names in mixed case.
 */
final class InventoryCsv {

    static final String ORG = "bench";
    static final String HEADER = "id,part_number,revision,serial_number,lot_number,quantity,location,supplier,intent_option\n";

    private static final String[] LOCATIONS = {"Stockroom A", "receiving", "LINE 2"};
    private static final String[] SUPPLIERS = {"Acme Metals", "polymer co", ""};
    private static final String[] INTENTS = {"Flight", "development", ""};

    private InventoryCsv() {}

    static Catalog catalog() {
        return new Catalog(ORG,
                NameIndex.of(List.of("Stockroom A", "Receiving", "Line 2")),
                NameIndex.of(List.of("Acme Metals", "Polymer Co")),
                NameIndex.of(List.of("each", "kg")),
                NameIndex.of(List.of("Flight", "Development")),
                NameIndex.of(List.of("USD")),
                Map.of(), NameIndex.EMPTY, Map.of(), null, List.of(),
                PartIndex.of(List.of(
                        new Part("PCB-410", "A", TrackingType.SERIAL, "each", null, List.of()),
                        new Part("RESIN-7", "B", TrackingType.LOT, "kg", null, List.of()),
                        new Part("FST-M3-10", "A", TrackingType.NONE, "each", null, List.of()))));
    }

    /** Data row {@code i} (0-based), with its line break. */
    static String row(int i) {
        var location = LOCATIONS[i % LOCATIONS.length];
        var supplier = SUPPLIERS[(i / 3) % SUPPLIERS.length];
        var intent = INTENTS[(i / 9) % INTENTS.length];
        return switch (i % 3) {
            case 0 -> ",PCB-410,A,SN-" + i + ",,1," + location + "," + supplier + "," + intent + "\n";
            case 1 -> ",resin-7,,,LOT-" + (i / 100) + ",12.5," + location + "," + supplier + "," + intent + "\n";
            default -> ",FST-M3-10,A,,,250," + location + "," + supplier + "," + intent + "\n";
        };
    }

    /** The whole file in memory (benchmarks: its bytes are made once, in the setup). */
    static byte[] bytes(int rows) {
        var out = new ByteArrayOutputStream(rows * 64);
        out.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            out.writeBytes(row(i).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * The file as a stream that generates each row when it is read, so that the file itself takes
     * no heap: what the memory check measures is the importer's, not the test data's.
     */
    static InputStream stream(int rows) {
        return new InputStream() {
            private byte[] chunk = HEADER.getBytes(StandardCharsets.UTF_8);
            private int position;
            private int next;

            @Override
            public int read() {
                if (!fill()) {
                    return -1;
                }
                return chunk[position++] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, buffer, offset, n);
                position += n;
                return n;
            }

            private boolean fill() {
                while (position == chunk.length) {
                    if (next == rows) {
                        return false;
                    }
                    chunk = row(next++).getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                return true;
            }
        };
    }
}
