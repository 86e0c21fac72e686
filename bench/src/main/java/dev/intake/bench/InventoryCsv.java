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

    /** The file as a stream that makes each row when it is read ({@link GeneratedCsv}). */
    static InputStream stream(int rows) {
        return GeneratedCsv.stream(HEADER, rows, InventoryCsv::row);
    }

    /**
     * A file of updates of records 1 to {@code rows} (quantity and location), as a stream; the
     * store of {@link BenchStores.MadeUpInventory} holds them.
     */
    static InputStream updates(int rows) {
        return GeneratedCsv.stream("id,quantity,location\n", rows,
                i -> (i + 1) + "," + (i % 7) + "," + LOCATIONS[i % LOCATIONS.length] + "\n");
    }
}
