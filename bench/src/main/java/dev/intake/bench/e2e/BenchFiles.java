package dev.intake.bench.e2e;

import dev.intake.bench.PurchaseOrderCsv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files the end-to-end benchmark imports, written to disk once. Their parts, locations and
 * suppliers are those of {@code e2e/catalog.json}; every row is valid.
 */
final class BenchFiles {

    private BenchFiles() {}

    /**
     * Part Inventory creates, cycling over a serial-tracked part (a unique serial per row), a
     * lot-tracked part and an untracked one: a third of the rows take a serial claim.
     */
    static Path creates(Path directory, int rows) throws IOException {
        return write(directory.resolve("creates-" + rows + ".csv"), "part_number,serial_number,lot_number,quantity,location,supplier", rows,
                i -> switch (i % 3) {
                    case 0 -> "PCB-410,SN-" + i + ",,1,Stockroom A,Orbital Electronics";
                    case 1 -> "RESIN-7,,LOT-" + (i / 100) + ",12.5,Receiving,Polymer Co";
                    default -> "FST-M3-10,,,250,Line 2,Acme Metals";
                });
    }

    /** Part Inventory creates of one untracked part: no serial claims, no lots. */
    static Path untracked(Path directory, int rows) throws IOException {
        return write(directory.resolve("untracked-" + rows + ".csv"), "part_number,quantity,location,supplier", rows,
                i -> "FST-M3-10,250,Line 2,Acme Metals");
    }

    /**
     * Updates of the records {@link #creates} made (ids 1 … rows in a fresh org each round): every
     * row changes its quantity (a serial record's from 1 to 0, the others' to 100 + round), so
     * every row writes in every round; the location cycles with {@code round}. Until December
     * 2026 a serial record's quantity cycled too, and in round 3 a third of the rows matched the
     * created records exactly and wrote nothing, which flattered that round.
     */
    static Path updates(Path directory, int rows, int round) throws IOException {
        var locations = new String[] {"Stockroom A", "Receiving", "Line 2"};
        return write(directory.resolve("updates-each-row-writes-" + rows + "-" + round + ".csv"), "id,quantity,location", rows,
                i -> (i + 1) + "," + (i % 3 == 0 ? 0 : 100 + round) + "," + locations[(i + round) % 3]);
    }

    /** Purchase Orders rows: POs of ten lines each ({@link PurchaseOrderCsv}: three On Order items per four lines). */
    static Path purchaseOrders(Path directory, int rows) throws IOException {
        return write(directory.resolve("purchase-orders-" + rows + ".csv"), PurchaseOrderCsv.COLUMNS, rows,
                i -> PurchaseOrderCsv.row(i, 10));
    }

    private static Path write(Path file, String header, int rows, java.util.function.IntFunction<String> row)
            throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                out.write(row.apply(i));
                out.write('\n');
            }
        }
        return Files.move(partial, file);
    }
}
