package dev.intake.core.purchasing;

import dev.intake.core.commit.Write;
import dev.intake.core.commit.Writes;
import java.util.TreeMap;

/**
 * One PO's lines on their way to the table, written a {@link PoLinePage page} at a time. A new PO's
 * lines come in line order, so each page is written (a create) as soon as its last line has gone
 * by: at most {@code SIZE - 1} lines wait. A stored PO's rows may match its lines in any order, so
 * its changed and added lines wait for the PO's last row; then each page they change is replaced,
 * conditional on the version read, or inserted where no page was. A PO still stored as line
 * items is rewritten in pages then, its line items deleted in the same commit.
 */
final class PagedLines {

    private final long poId;
    private final StoredPurchaseOrder stored;
    private final TreeMap<Integer, PoLine> pending = new TreeMap<>();

    /** {@code stored} null: a PO this import creates. */
    PagedLines(long poId, StoredPurchaseOrder stored) {
        this.poId = poId;
        this.stored = stored;
    }

    /** A line the file's row {@code row} adds or changes. */
    void add(int row, PoLine line, Writes writes) {
        pending.put(line.line(), line);
        if (stored == null && line.line() % PoLinePage.SIZE == 0) {
            writeNewPages(row, writes);
        }
    }

    /** On the PO's last row: writes what waits. Returns whether it wrote anything. */
    boolean finish(int row, Writes writes) {
        return stored == null ? writeNewPages(row, writes) : writeChangedPages(row, writes);
    }

    private boolean writeNewPages(int row, Writes writes) {
        var pages = PoLinePage.paged(poId, pending.values());
        for (var page : pages) {
            writes.write(new Write.Create(row, page));
        }
        pending.clear();
        return !pages.isEmpty();
    }

    /**
     * Each page that the file's lines change or add, with the rest of its lines as stored. A PO
     * stored as line items is written in pages whole, and its line items deleted (so are line
     * items left beside pages: {@link StoredPurchaseOrder}).
     */
    private boolean writeChangedPages(int row, Writes writes) {
        boolean wrote = !stored.lineItems().isEmpty();
        stored.lineItems().forEach(item -> writes.write(new Write.Delete(row, item)));
        var lines = new TreeMap<Integer, PoLine>();
        stored.lines().forEach(line -> lines.put(line.line(), line));
        lines.putAll(pending);
        for (var page : PoLinePage.paged(poId, lines.values())) {
            var before = stored.page(page.page());
            if (before == null) {
                writes.write(new Write.Insert(row, page));
                wrote = true;
            } else if (!before.item().equals(page)) {
                writes.write(new Write.Replace(row, before, page));
                wrote = true;
            }
        }
        pending.clear();
        return wrote;
    }
}
