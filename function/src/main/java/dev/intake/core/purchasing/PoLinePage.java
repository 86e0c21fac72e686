package dev.intake.core.purchasing;

import dev.intake.core.commit.Stored;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Up to {@link #SIZE} lines of one PO stored as one item: lines 1 to 10 are page 0, 11 to 20 page
 * 1, and so on. A line is a small thing, and a PO of a thousand lines written one item per line
 * cost the table nearly as much per line as a whole inventory record; a page of ten costs about
 * what one plain item does (docs/benchmarks.md). The page is what a commit writes, conditionally
 * and versioned, whenever any of its lines changes.
 */
public record PoLinePage(long poId, int page, List<PoLine> lines) implements Stored {

    /** Lines a page holds. Part of the table format: changing it moves every line. */
    public static final int SIZE = 10;

    public PoLinePage {
        lines = List.copyOf(lines);
        for (var line : lines) {
            if (line.poId() != poId || pageOf(line.line()) != page) {
                throw new IllegalArgumentException("line " + line.line() + " of PO id " + line.poId()
                        + " is not on page " + page + " of PO id " + poId);
            }
        }
    }

    /** The page a line number is on. */
    public static int pageOf(int line) {
        return (line - 1) / SIZE;
    }

    /** The lines of one PO in pages, each page's lines in line order. */
    public static List<PoLinePage> paged(long poId, Collection<PoLine> lines) {
        var sorted = lines.stream().sorted(Comparator.comparingInt(PoLine::line)).toList();
        var pages = new ArrayList<PoLinePage>();
        var open = new ArrayList<PoLine>();
        for (var line : sorted) {
            if (!open.isEmpty() && pageOf(line.line()) != pageOf(open.getFirst().line())) {
                pages.add(new PoLinePage(poId, pageOf(open.getFirst().line()), open));
                open.clear();
            }
            open.add(line);
        }
        if (!open.isEmpty()) {
            pages.add(new PoLinePage(poId, pageOf(open.getFirst().line()), open));
        }
        return pages;
    }

    @Override
    public String identity() {
        return "page#" + poId + "#" + page;
    }

    @Override
    public String describe() {
        return "lines " + (page * SIZE + 1) + " to " + (page * SIZE + SIZE) + " of PO id " + poId;
    }
}
