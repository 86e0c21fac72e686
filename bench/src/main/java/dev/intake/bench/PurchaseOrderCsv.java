package dev.intake.bench;

import java.io.InputStream;

/**
 * Generated Purchase Orders files of N valid rows, for the catalogs of {@link InventoryCsv} and of
 * the end-to-end benchmark: new POs of a given number of lines, grouped by PO (or interleaved), header columns on
 * every row; lines cycle over a serial part, a lot part, an untracked part and a line with only a
 * description (three On Order records per four lines). {@link #stream} makes the file as it is
 * read, so it takes no heap.
 */
public final class PurchaseOrderCsv {

    public static final String COLUMNS = "po_number,supplier,ship_to_location,currency,part_number,description,quantity,cost";

    private PurchaseOrderCsv() {}

    static InputStream stream(int rows, int linesPerPo) {
        return GeneratedCsv.stream(COLUMNS + "\n", rows, i -> row(i, linesPerPo) + "\n");
    }

    /**
     * The same POs with their rows dealt out in turn (row i belongs to PO i mod the number of
     * POs), so every PO is open from its first row, near the top, to its last, near the end: what
     * an import holds per open PO, held for all of them at once.
     */
    static InputStream streamInterleaved(int rows, int linesPerPo) {
        int pos = (rows + linesPerPo - 1) / linesPerPo;
        return GeneratedCsv.stream(COLUMNS + "\n", rows, i -> row("PO-" + (i % pos), i) + "\n");
    }

    /** Data row {@code i} (0-based), without its line break. */
    public static String row(int i, int linesPerPo) {
        return row("PO-" + (i / linesPerPo), i);
    }

    private static String row(String poNumber, int i) {
        var header = poNumber + ",Acme Metals,Receiving,USD,";
        return header + switch (i % 4) {
            case 0 -> "PCB-410,,1,120";
            case 1 -> "RESIN-7,,5,12.5";
            case 2 -> "FST-M3-10,,100,0.1";
            default -> ",Setup and inspection " + (i % 10) + ",1,250";
        };
    }
}
