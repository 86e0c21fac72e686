package dev.intake.testing;

import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import dev.intake.core.commit.Write;
import dev.intake.core.commit.WriteConflictException;
import dev.intake.core.imports.CommitSettings;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PurchaseOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;

/**
 * A {@link CommitStore} over the in-memory stores, with the conditions of the DynamoDB one (see
 * {@code DynamoCommitStore}): versioned items are written at the version read plus one and stamped
 * with the import; claims hold the record or PO that took them. A transaction checks every
 * condition before it applies anything. Each call is one "write call" of the stores it touches,
 * so their {@code failWrite} can fail it.
 */
public final class InMemoryCommitStore implements CommitStore {

    /** Commits in unit tests: a few threads, as in the function. */
    public static final CommitSettings SETTINGS = new CommitSettings(Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "test-writer");
        thread.setDaemon(true);
        return thread;
    }), 4);

    /**
     * One unit out at a time, on the same threads: for tests that count exactly which writes
     * landed before a scripted crash (with several out, a later unit may land before an earlier
     * one fails).
     */
    public static final CommitSettings ONE_AT_A_TIME = new CommitSettings(SETTINGS.executor(), 1);

    private final InMemoryInventoryStore inventory;
    private final InMemoryPurchaseOrderStore orders;
    /** The traces of traced deletes that removed their item: {@code <importId>/<identity>}. */
    private final Set<String> traces = new HashSet<>();

    public InMemoryCommitStore(InMemoryInventoryStore inventory, InMemoryPurchaseOrderStore orders) {
        this.inventory = inventory;
        this.orders = orders;
    }

    public InMemoryCommitStore(InMemoryInventoryStore inventory) {
        this(inventory, new InMemoryPurchaseOrderStore());
    }

    @Override
    public synchronized void create(Scope scope, List<Write.Create> creates) {
        inventory.beforeCall();
        beforeWrite(scope, creates.stream().map(Write::item).toList());
        creates.forEach(create -> put(scope, create.item(), 1));
    }

    @Override
    public synchronized void createIfAbsent(Scope scope, List<Write.Create> creates) {
        inventory.beforeCall();
        var absent = creates.stream().map(Write::item).filter(item -> current(scope.org(), item) == null).toList();
        beforeWrite(scope, absent);
        absent.forEach(item -> put(scope, item, 1));
    }

    /** As DynamoCommitStore: a claim whose record does not hold its serial now is left out. */
    @Override
    public synchronized void claimHeld(Scope scope, List<Write.Insert> claims) {
        var held = claims.stream().filter(claim -> {
            var record = inventory.stamped(scope.org(), ((SerialClaim) claim.item()).id());
            return record != null && ((SerialClaim) claim.item()).key().equals(SerialKey.of(record.item()));
        }).<Write>map(claim -> claim).toList();
        if (!held.isEmpty()) {
            transact(scope, held);
        }
    }

    @Override
    public synchronized void transact(Scope scope, List<Write> writes) {
        inventory.beforeCall();
        if (writes.stream().anyMatch(w -> w.item() instanceof NumberClaim)) {
            orders.beforeClaims();
        }
        var failed = writes.stream().filter(write -> !holds(scope, write)).toList();
        writes.stream().filter(write -> write.item() instanceof NumberClaim claim).forEach(write -> {
            var claim = (NumberClaim) write.item();
            orders.recordNumberCall(scope.org(), claim.poId(), claim.poNumber(), !(write instanceof Write.Delete),
                    !failed.contains(write));
        });
        if (!failed.isEmpty()) {
            throw new WriteConflictException(failed);
        }
        beforeWrite(scope, writes.stream().map(Write::item).toList());
        for (var write : writes) {
            switch (write) {
                case Write.Insert insert -> put(scope, insert.item(), 1);
                case Write.Replace replace -> {
                    if (current(scope.org(), replace.item()) != null) {
                        put(scope, replace.after(), base(replace.before(), scope.importId()) + 1);
                    }
                }
                case Write.Delete delete -> {
                    if (delete.traced() && current(scope.org(), delete.item()) != null) {
                        traces.add(scope.importId() + "/" + delete.item().identity());
                    }
                    // as DynamoCommitStore: a claim given up becomes a trace of this import
                    switch (delete.item()) {
                        case SerialClaim claim -> { // where the record's, or absent
                            if (heldBy(scope, claim) || inventory.serials().absent(scope.org(), claim.key())) {
                                inventory.serials().giveUp(scope.org(), claim.key(), scope.importId());
                            }
                        }
                        case NumberClaim claim -> { // only while its PO holds it, and the header does not carry it again
                            if (current(scope.org(), claim) instanceof Stamped<?> held && ((NumberClaim) held.item()).poId() == claim.poId()
                                    && !(orders.header(scope.org(), claim.poId()) instanceof Stamped<?> header
                                            && claim.poNumber().equals(((PurchaseOrder) header.item()).poNumber()))) {
                                orders.giveUpNumber(scope.org(), claim.poNumber(), scope.importId());
                            }
                        }
                        default -> remove(scope.org(), delete.before().item());
                    }
                }
                case Write.Create create -> throw new IllegalArgumentException("creates are not transactional");
            }
        }
    }

    @Override
    public synchronized void undo(Scope scope, List<JournalEntry> journal, List<CreatedRange> created, UndoProgress told) {
        // In DynamoUndo's order: what the import created, the journaled items (a record whose
        // serial it gave up only with that serial's claim), the serials, the PO numbers.
        for (var range : created) {
            for (long id = range.first(); id < range.first() + range.count(); id++) {
                switch (range.kind()) {
                    case INVENTORY -> removeCreatedInventory(scope, id);
                    case PURCHASE_ORDERS -> removeCreatedPo(scope, id);
                }
            }
        }
        var seen = new HashSet<String>();
        // as DynamoUndo.deletedHere: a traced delete is this import's only where its trace is
        var mayBeGone = new HashSet<>(JournalEntry.mayBeGone(journal));
        JournalEntry.tracedDeletes(journal).stream()
                .filter(identity -> !traces.contains(scope.importId() + "/" + identity)).forEach(mayBeGone::remove);
        var numberClaims = new ArrayList<JournalEntry>();
        var withSerials = new ArrayList<JournalEntry>();
        var serials = new LinkedHashMap<SerialKey, TreeSet<Long>>();
        var gaveUp = new HashMap<Long, SerialKey>();
        for (var entry : journal) {
            if (entry.item() instanceof SerialClaim claim) {
                serials.computeIfAbsent(claim.key(), key -> new TreeSet<>()).add(claim.id());
            }
            if (!seen.add(entry.item().identity())) {
                continue;
            }
            switch (entry.item()) {
                case NumberClaim claim -> numberClaims.add(entry);
                case SerialClaim claim -> {
                    if (entry.existed()) {
                        gaveUp.putIfAbsent(claim.id(), claim.key());
                    }
                }
                default -> { }
            }
        }
        seen.clear();
        for (var entry : journal) {
            if (!seen.add(entry.item().identity()) || entry.item() instanceof NumberClaim || entry.item() instanceof SerialClaim) {
                continue;
            }
            if (entry.existed() && entry.item() instanceof InventoryRecord record && gaveUp.containsKey(record.id())) {
                withSerials.add(entry);
            } else {
                restore(scope, entry, mayBeGone);
            }
        }
        // in rounds, as DynamoUndo: a serial this import gave another record is free once that one is undone
        java.util.function.Function<JournalEntry, SerialKey> serialOf = entry -> gaveUp.get(((InventoryRecord) entry.item()).id());
        var pending = withSerials.stream().filter(entry -> !restoreWithItsSerial(scope, entry, serialOf.apply(entry), mayBeGone)).toList();
        while (!pending.isEmpty()) {
            pending.forEach(entry -> settleSerial(scope, serialOf.apply(entry), serials.get(serialOf.apply(entry))));
            var still = pending.stream().filter(entry -> !restoreWithItsSerial(scope, entry, serialOf.apply(entry), mayBeGone)).toList();
            boolean progress = still.size() < pending.size();
            pending = still;
            if (!progress) {
                break;
            }
        }
        pending.forEach(entry -> keepTheSerialItHas(scope, entry, mayBeGone));
        serials.forEach((key, ids) -> settleSerial(scope, key, ids));
        // PO numbers last, each to the PO whose header carries it now.
        for (var entry : numberClaims) {
            var claim = (NumberClaim) entry.item();
            var header = orders.header(scope.org(), claim.poId());
            if (entry.existed() == (header != null && claim.poNumber().equals(header.item().poNumber()))) {
                restore(scope, entry, mayBeGone);
            }
        }
    }

    /**
     * As DynamoUndo: the serial comes back with its claim, or the record keeps the one it has;
     * false, doing nothing, where this import's own claim holds the serial for another record.
     */
    private boolean restoreWithItsSerial(Scope scope, JournalEntry entry, SerialKey serial, Set<String> mayBeGone) {
        var record = (InventoryRecord) entry.item();
        var claim = inventory.serials().get(scope.org(), serial);
        if (claim == null || claim.id() == record.id()) {
            inventory.serials().put(scope.org(), serial, new InMemorySerials.Claim(record.id(), null));
            restore(scope, entry, mayBeGone);
            return true;
        }
        var holder = inventory.stamped(scope.org(), claim.id());
        if (scope.importId().equals(claim.importId()) || holder == null
                || scope.importId().equals(holder.stamp().writtenBy()) || !serial.equals(SerialKey.of(holder.item()))) {
            return false; // as DynamoUndo.mayBeFreedHere
        }
        keepTheSerialItHas(scope, entry, mayBeGone);
        return true;
    }

    /** As DynamoUndo: back with the serial it has now, or without one where this import deleted it. */
    private void keepTheSerialItHas(Scope scope, JournalEntry entry, Set<String> mayBeGone) {
        var record = (InventoryRecord) entry.item();
        var now = inventory.stamped(scope.org(), record.id());
        boolean gone = now == null && mayBeGone.contains(record.identity());
        if (gone || now != null && scope.importId().equals(now.stamp().writtenBy())) {
            var kept = record.withTracking(record.tracking().withSerialNumber(now == null ? null : now.item().serialNumber()));
            inventory.put(scope.org(), new Stamped<>(kept, entry.state().stamp()));
        }
    }

    /** As DynamoUndo: a claim stays only with a record that holds its serial; a named record holding it unclaimed gets it. */
    private void settleSerial(Scope scope, SerialKey serial, TreeSet<Long> ids) {
        var claim = inventory.serials().get(scope.org(), serial);
        if (claim != null && holds(scope, claim.id(), serial)) {
            return;
        }
        inventory.serials().remove(scope.org(), serial);
        ids.stream().filter(id -> holds(scope, id, serial)).findFirst().ifPresent(id ->
                inventory.serials().put(scope.org(), serial, new InMemorySerials.Claim(id, null)));
    }

    private boolean heldBy(Scope scope, SerialClaim claim) {
        var current = inventory.serials().get(scope.org(), claim.key());
        return current != null && current.id() == claim.id();
    }

    private boolean holds(Scope scope, long id, SerialKey serial) {
        var record = inventory.stamped(scope.org(), id);
        return record != null && serial.equals(SerialKey.of(record.item()));
    }

    /** Puts a before-state back where this import wrote the item last or deleted it; removes what it inserted. */
    private void restore(Scope scope, JournalEntry entry, Set<String> mayBeGone) {
        var current = current(scope.org(), entry.item());
        boolean mine = current != null && scope.importId().equals(writer(scope.org(), current));
        // as DynamoDB's put on "absent or this import's": a number's trace left by another import is neither
        boolean gone = current == null && mayBeGone.contains(entry.item().identity())
                && !(entry.item() instanceof NumberClaim claim && orders.givenUpByAnother(scope.org(), claim.poNumber(), scope.importId()));
        if (entry.existed() && (gone || mine)) {
            restore(scope.org(), entry.state());
        } else if (!entry.existed() && mine) {
            remove(scope.org(), current.item());
        }
    }

    private void removeCreatedInventory(Scope scope, long id) {
        var read = inventory.stamped(scope.org(), id);
        if (read == null || !scope.importId().equals(read.stamp().writtenBy())) {
            return;
        }
        var record = read.item();
        inventory.remove(scope.org(), id);
        if (record.serialNumber() != null) {
            var key = new dev.intake.core.inventory.SerialKey(record.part().partNumber(), record.serialNumber());
            var claim = inventory.serials().get(scope.org(), key);
            if (claim != null && claim.id() == id) {
                inventory.serials().remove(scope.org(), key);
            }
        }
    }

    private void removeCreatedPo(Scope scope, long poId) {
        var header = orders.header(scope.org(), poId);
        if (header != null && scope.importId().equals(header.stamp().writtenBy())) {
            orders.removeHeader(scope.org(), poId);
        }
        for (var page : orders.pagesOf(scope.org(), poId)) {
            if (scope.importId().equals(page.stamp().writtenBy())) {
                orders.removePage(scope.org(), poId, page.item().page());
            }
        }
    }

    private boolean holds(Scope scope, Write write) {
        var current = current(scope.org(), write.item());
        return switch (write) {
            case Write.Insert insert -> switch (insert.item()) {
                case SerialClaim claim -> current == null || ((SerialClaim) current.item()).id() == claim.id();
                case NumberClaim claim -> current == null || ((NumberClaim) current.item()).poId() == claim.poId();
                default -> current == null || scope.importId().equals(writer(scope.org(), current));
            };
            case Write.Replace replace -> {
                long base = base(replace.before(), scope.importId());
                // gone with this import's trace: it deleted the item after this write (DynamoCommitStore.doneAlready)
                yield current == null ? traces.contains(scope.importId() + "/" + replace.item().identity())
                        : version(current) == base
                        || scope.importId().equals(writer(scope.org(), current)) && version(current) == base + 1;
            }
            case Write.Delete delete -> switch (delete.before().item()) {
                // held by another record or none: given up already (DynamoCommitStore.releasedAlready;
                // here no other import is ever in progress)
                case SerialClaim claim -> true;
                // gone or another PO's: given up already (DynamoCommitStore.doneAlready), and left as it is
                case NumberClaim claim -> true;
                default -> {
                    long base = base(delete.before(), scope.importId());
                    yield current == null || version(current) == base
                            || scope.importId().equals(writer(scope.org(), current)) && version(current) == base + 1;
                }
            };
            case Write.Create create -> true;
        };
    }

    private void beforeWrite(Scope scope, List<Stored> items) {
        var records = items.stream().filter(InventoryRecord.class::isInstance).map(InventoryRecord.class::cast).toList();
        var headers = items.stream().filter(PurchaseOrder.class::isInstance).map(PurchaseOrder.class::cast).toList();
        var pages = items.stream().filter(PoLinePage.class::isInstance).map(PoLinePage.class::cast).toList();
        if (!records.isEmpty()) {
            inventory.beforeWrite(scope.org(), records, scope.importId());
        }
        if (!headers.isEmpty() || !pages.isEmpty()) {
            orders.beforeWrite(scope.org(), headers, pages);
        }
    }

    private void put(Scope scope, Stored item, long version) {
        var org = scope.org();
        var stamp = new TestStamp(version, scope.importId());
        switch (item) {
            case InventoryRecord r -> inventory.put(org, new Stamped<>(r, stamp));
            case PurchaseOrder h -> orders.put(org, new Stamped<>(h, stamp));
            case PoLinePage p -> orders.put(org, new Stamped<>(p, stamp));
            case NumberClaim c -> orders.putNumber(org, c.poNumber(), c.poId(), scope.importId());
            case SerialClaim c -> inventory.serials().put(org, c.key(), new InMemorySerials.Claim(c.id(), scope.importId()));
            default -> throw new IllegalArgumentException(item.toString());
        }
    }

    /** Puts a before-state back exactly as it was read, stamp included. */
    @SuppressWarnings("unchecked")
    private void restore(String org, Stamped<?> read) {
        switch (read.item()) {
            case InventoryRecord r -> inventory.put(org, (Stamped<InventoryRecord>) read);
            case PurchaseOrder h -> orders.put(org, read);
            case PoLinePage p -> orders.put(org, read);
            case NumberClaim c -> orders.putNumber(org, c.poNumber(), c.poId(), null);
            case SerialClaim c -> inventory.serials().put(org, c.key(), new InMemorySerials.Claim(c.id(), null));
            default -> throw new IllegalArgumentException(read.item().toString());
        }
    }

    private void remove(String org, Stored item) {
        switch (item) {
            case InventoryRecord r -> inventory.remove(org, r.id());
            case PurchaseOrder h -> orders.removeHeader(org, h.poId());
            case PoLinePage p -> orders.removePage(org, p.poId(), p.page());
            case NumberClaim c -> orders.removeNumber(org, c.poNumber());
            case SerialClaim c -> inventory.serials().remove(org, c.key());
            default -> throw new IllegalArgumentException(item.toString());
        }
    }

    /** What is stored under the item's key now, with its stamp (a claim as the claim it is), or null. */
    private Stamped<?> current(String org, Stored item) {
        return switch (item) {
            case InventoryRecord r -> inventory.stamped(org, r.id());
            case PurchaseOrder h -> orders.header(org, h.poId());
            case PoLinePage p -> orders.page(org, p.poId(), p.page());
            case NumberClaim c -> {
                var owner = orders.numberOwner(org, c.poNumber());
                yield owner == null ? null : Stamped.unstored(new NumberClaim(c.poNumber(), owner));
            }
            case SerialClaim c -> {
                var claim = inventory.serials().get(org, c.key());
                yield claim == null ? null : Stamped.unstored(new SerialClaim(c.key(), claim.id()));
            }
            default -> throw new IllegalArgumentException(item.toString());
        };
    }

    private String writer(String org, Stamped<?> current) {
        return switch (current.item()) {
            case NumberClaim c -> orders.numberWriter(org, c.poNumber());
            case SerialClaim c -> {
                var claim = inventory.serials().get(org, c.key());
                yield claim == null ? null : claim.importId();
            }
            default -> current.stamp().writtenBy();
        };
    }

    private static long version(Stamped<?> read) {
        return TestStamp.versionOf(read.stamp());
    }

    private static long base(Stamped<?> before, String importId) {
        return Objects.equals(importId, before.stamp().writtenBy()) ? version(before) - 1 : version(before);
    }

}
