package dev.intake.core.commit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

/**
 * The commit as a bulk loader. An importer hands it its writes in file-row order; it packs them
 * into units (creates in bulk, conditional writes in transactions of at most
 * {@link CommitStore#TRANSACTION_UNIT} writes and {@link CommitStore#TRANSACTION_BYTES}), runs them on the executor with
 * at most {@code maxInFlight} slots taken (a unit takes one per hundred writes), and makes the
 * importer wait when all are taken (backpressure: reading the file overlaps writing, and memory
 * stays flat).
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>writes to one item ({@link Stored#identity()}) land in the order they were made;</li>
 *   <li>a write's before-state is journaled before the write is sent (creates are undone by
 *       their reserved id range instead), so an undo can always put things back;</li>
 *   <li>{@link ResumePoint}s are recorded so that a retry after a crash skips what landed and
 *       re-sends only what may not have: no write past {@code startedThrough} is ever sent
 *       before that mark is stored;</li>
 *   <li>a conflict (another import changed or took an item), or a write the store refuses,
 *       stops the commit: no new unit is sent, the ones out settle, and
 *       {@link CommitRejectedException} names every failed and refused write.</li>
 * </ul>
 * Used by one importer thread; the units run on the executor's threads.
 */
public final class CommitPipeline implements Writes {

    /** Rows the started mark runs ahead of what is sent: one ledger write per this many rows. */
    static final int STARTED_LEAP = 5_000;

    private final CommitStore store;
    private final CommitStore.Scope scope;
    private final CommitLog log;
    private final Executor executor;
    /** One per {@link CommitStore#TRANSACTION_UNIT} writes out: a unit of 300 creates holds three. */
    private final Semaphore slots;
    private final int maxInFlight;
    private final ResumePoint resume;
    private final Set<String> journaled = new HashSet<>();
    /**
     * Items with a journal entry that is not read-only ({@link JournalEntry#mayBeGone}): the
     * deletes this delivery journaled and, in a resumed commit, whatever the attempt it resumes
     * journaled ahead of a write. A delete of one is not journaled again. Not everything journaled
     * up front (read-only), which an import of updates holds for every record it reads.
     */
    private final Set<String> journaledMayBeGone = new HashSet<>();
    /**
     * Deletes an interrupted attempt journaled without a trace to tell (an Intake from before
     * deletes were traced): the read-only journal entry of {@link #unlanded} is still all the
     * undo goes by for them.
     */
    private final Set<String> journaledUntraced = new HashSet<>();
    /** Imports that wrote items this commit read and have ended: each is asked about once. */
    private final Set<String> endedWriters = new HashSet<>();
    private final Map<String, CompletableFuture<Void>> inFlightByIdentity = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    /** Rows with writes not yet acknowledged, and how many each has. */
    private final TreeMap<Integer, Integer> unacknowledged = new TreeMap<>();
    /** Writes whose condition failed, and (below) writes the store refused; both guarded by {@code conflicts}. */
    private final List<Write> conflicts = new ArrayList<>();
    private final List<RefusedWrite> refusals = new ArrayList<>();
    /** Writes not sent: what they replace or delete an unfinished import wrote. Guarded by {@code conflicts}. */
    private final List<Write> onUnfinished = new ArrayList<>();
    /** Untraced deletes that certainly did not land: journaled again, read-only, when the commit stops on a rejection. */
    private final Set<Write.Delete> unlandedDeletes = ConcurrentHashMap.newKeySet();
    private volatile Throwable failure;
    private Unit openCreates = Unit.creates(false);
    private Unit openUncertainCreates = Unit.creates(true);
    private Unit openTransaction = Unit.transaction();
    private int latestRow;
    private int startedThrough;
    /** The last row {@link #finish} recorded as done (it may be called again after more writes). */
    private int recordedDone;

    public CommitPipeline(CommitStore store, CommitStore.Scope scope, CommitLog log, Executor executor, int maxInFlight,
                          ResumePoint resume) {
        this.store = store;
        this.scope = scope;
        this.log = log;
        this.executor = executor;
        this.slots = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.resume = resume;
        this.startedThrough = resume.startedThrough();
    }

    /**
     * Before-states of everything the commit may change that validation read, journaled before
     * the first write: a retry then checks every write against the state the file was validated
     * on, and the undo knows it, however far the interrupted attempt got.
     */
    public void journalUpFront(List<Stamped<?>> before) {
        var entries = before.stream().filter(read -> journaled.add(read.item().identity()))
                .map(JournalEntry::read).toList();
        if (!entries.isEmpty()) {
            log.journal(entries);
        }
    }

    /** Marks items as journaled already (by an interrupted attempt whose journal a resumed commit read). */
    public void alreadyJournaled(List<JournalEntry> journal) {
        journal.forEach(entry -> journaled.add(entry.item().identity()));
        journaledMayBeGone.addAll(JournalEntry.mayBeGone(journal));
        journaledUntraced.addAll(JournalEntry.mayBeGone(journal));
        journaledUntraced.removeAll(JournalEntry.tracedDeletes(journal));
    }

    /**
     * The items of {@code reads} that another import wrote last and has not finished with: it may
     * yet write them again, resume, or undo them, so a commit on them would build on what may
     * change or vanish (docs/lifecycle.md). An importer refuses its file on them before it writes
     * anything; a write made later on such an item (one read while the commit runs) stops the
     * commit ({@link CommitRejectedException#onUnfinished()}).
     */
    public List<Stamped<?>> writtenByUnfinishedImports(Collection<? extends Stamped<?>> reads) {
        var unfinished = unfinishedWriters(reads.stream().map(Stamped::stamp).toList());
        return List.copyOf(reads.stream().filter(read -> writtenByOneOf(unfinished, read)).toList());
    }

    /**
     * The writers of {@code stamps} that have not ended, asked of the ledger in one go: all but
     * this import and those known to have ended (an ended import stays ended).
     */
    private Set<String> unfinishedWriters(List<StorageStamp> stamps) {
        var unknown = new HashSet<String>();
        for (var stamp : stamps) {
            if (mayBeUnfinished(stamp.writtenBy())) {
                unknown.add(stamp.writtenBy());
            }
        }
        if (unknown.isEmpty()) {
            return Set.of();
        }
        var unfinished = log.unfinishedImports(unknown);
        unknown.stream().filter(writer -> !unfinished.contains(writer)).forEach(endedWriters::add);
        return unfinished;
    }

    /** Whether {@code writer} may not have ended: it is another import, not known to have ended. */
    private boolean mayBeUnfinished(String writer) {
        return writer != null && !writer.equals(scope.importId()) && !endedWriters.contains(writer);
    }

    /** A replace or a delete of what an unfinished import wrote is not sent: the commit stops, and is undone. */
    private void refuseWritesOnUnfinished(List<Write> writes) {
        var befores = writes.stream().map(Write::before).filter(Objects::nonNull).toList();
        var unfinished = unfinishedWriters(befores.stream().map(Stamped::stamp).toList());
        if (unfinished.isEmpty()) {
            return;
        }
        synchronized (conflicts) {
            writes.stream().filter(write -> write.before() != null && writtenByOneOf(unfinished, write.before()))
                    .forEach(onUnfinished::add);
        }
        settle();
    }

    private static boolean writtenByOneOf(Set<String> imports, Stamped<?> read) {
        var writer = read.stamp().writtenBy();
        return writer != null && imports.contains(writer);
    }

    /**
     * Sends {@code groups} of writes before anything else and waits for all of them (PO number
     * claims: all or none before any record is written). The writes of a group go in one
     * transaction, so they land together or not at all. Not row-ordered, so they do not move the
     * resume point; they are repeatable, so a resumed commit may send them again (it leaves out
     * those of rows done: PurchaseOrderImporter).
     *
     * @throws CommitRejectedException when any of them failed its condition or was refused
     */
    public void writeFirst(List<List<Write>> groups) {
        var writes = groups.stream().flatMap(List::stream).toList();
        refuseWritesOnUnfinished(writes);
        // One journal append for all of them: journaled unit by unit, each unit waited on its own
        // append before going out, and the appends, one after another, were most of the wait.
        journalAhead(writes);
        var unit = Unit.unordered();
        for (var group : groups) {
            var bytes = group.stream().mapToLong(write -> store.transactionBytes(scope, write)).toArray();
            if (!unit.canTake(group, LongStream.of(bytes).sum())) {
                dispatch(unit);
                unit = Unit.unordered();
            }
            for (int i = 0; i < group.size(); i++) {
                unit.add(group.get(i), bytes[i]);
            }
        }
        dispatch(unit);
        settle();
    }

    /**
     * Sends one write, in file-row order (rows never go back). May block while the maximum of
     * units is out.
     *
     * @throws CommitRejectedException as soon as any unit found a conflict or a refusal (the rest settled)
     */
    @Override
    public void write(Write write) {
        if (!admit(write.row())) {
            return;
        }
        if (write.before() != null && mayBeUnfinished(write.before().stamp().writtenBy())) { // most writes need not ask
            refuseWritesOnUnfinished(List.of(write));
        }
        identities(write).forEach(this::dispatchUnitsTouching);
        var unit = unitFor(write);
        long bytes = write instanceof Write.Create ? 0 : store.transactionBytes(scope, write);
        if (unit.wouldOverflow(write, bytes)) {
            dispatchAndReplace(unit);
            unit = unitFor(write);
        }
        unit.add(write, bytes);
        count(write.row(), +1);
        if (unit.isFull()) {
            dispatchAndReplace(unit);
        }
    }

    /** A row's writes in one transaction ({@link Writes#writeTogether}): none of them is a create. */
    @Override
    public void writeTogether(List<Write> group) {
        if (group.size() == 1) {
            write(group.getFirst());
            return;
        }
        int row = group.getFirst().row();
        if (!admit(row)) {
            return;
        }
        refuseWritesOnUnfinished(group);
        for (var write : group) {
            if (write instanceof Write.Create) {
                throw new IllegalArgumentException("creates are not written together: " + write.item().describe());
            }
            dispatchUnitsTouching(write.item().identity());
        }
        var bytes = group.stream().mapToLong(write -> store.transactionBytes(scope, write)).toArray();
        if (!openTransaction.canTake(group, LongStream.of(bytes).sum())) {
            dispatchAndReplace(openTransaction);
        }
        for (int i = 0; i < group.size(); i++) {
            openTransaction.add(group.get(i), bytes[i]);
            count(row, +1);
        }
        if (openTransaction.isFull()) {
            dispatchAndReplace(openTransaction);
        }
    }

    /**
     * Whether the writes of {@code row} go out: rows come in order, and a resumed commit skips
     * those whose writes all landed. Fails first if the commit is stopping.
     */
    private boolean admit(int row) {
        failFast();
        if (row < latestRow) {
            throw new IllegalArgumentException("row " + row + " after row " + latestRow);
        }
        if (resume.done(row)) {
            return false;
        }
        latestRow = row;
        return true;
    }

    /** Sends any open unit that touches {@code identity}: writes to one item land in the order they were made. */
    private void dispatchUnitsTouching(String identity) {
        for (var other : List.of(openCreates, openUncertainCreates, openTransaction)) {
            if (other.identities.contains(identity)) {
                dispatchAndReplace(other);
            }
        }
    }

    /**
     * Sends what is left and waits for every unit.
     *
     * @throws CommitRejectedException when any write failed its condition or was refused
     */
    public void finish() {
        for (var unit : List.of(openCreates, openUncertainCreates, openTransaction)) {
            dispatchAndReplace(unit);
        }
        settle();
        // Every write landed: a delivery that dies before its report leaves a retry nothing to
        // send again. Without this the retry took every row for uncertain, and made again the
        // creates another file had deleted since.
        if (latestRow > Math.max(resume.doneThrough(), recordedDone)) {
            startedThrough = Math.max(latestRow, startedThrough);
            log.commitProgress(new ResumePoint(latestRow, startedThrough));
            recordedDone = latestRow;
        }
    }

    /**
     * Stops after a failure on the importer's side (its deadline, a lost lease): sends nothing
     * more, waits for the units out, and records how far the commit got so that a retry resumes
     * from there. Not for a crash: a crashed process records nothing, and need not.
     */
    public void stop() {
        awaitInFlight();
        log.commitProgress(new ResumePoint(Math.min(doneThrough(), startedThrough), startedThrough));
    }

    private void failFast() {
        if (failure != null) {
            awaitInFlightUnlessCrashed();
            rethrowFailure();
        }
        if (rejected()) {
            settle();
        }
    }

    private Unit unitFor(Write write) {
        if (write instanceof Write.Create) {
            return resume.uncertain(write.row()) ? openUncertainCreates : openCreates;
        }
        return openTransaction;
    }

    private void dispatchAndReplace(Unit unit) {
        if (unit.writes.isEmpty()) {
            return;
        }
        dispatch(unit);
        if (unit == openCreates) {
            openCreates = Unit.creates(false);
        } else if (unit == openUncertainCreates) {
            openUncertainCreates = Unit.creates(true);
        } else {
            openTransaction = Unit.transaction();
        }
    }

    private void dispatch(Unit unit) {
        if (unit.writes.isEmpty()) {
            return;
        }
        awaitEarlierWritesTo(unit);
        int held = slotsFor(unit);
        takeSlots(held);
        try {
            log.keepAlive(); // the wait may have been long: no unit goes out past the deadline
            journalAhead(unit.writes);
            if (unit.ordered) {
                markStarted(unit.maxRow());
            }
        } catch (RuntimeException e) {
            slots.release(held);
            throw e;
        }
        var future = CompletableFuture.runAsync(() -> run(unit), executor);
        inFlight.add(future);
        for (var identity : unit.identities) {
            inFlightByIdentity.put(identity, future);
        }
        future.whenComplete((ignored, error) -> {
            unit.identities.forEach(identity -> inFlightByIdentity.remove(identity, future));
            // A unit that failed stays unacknowledged: its rows hold the resume point back.
            if (unit.ordered && unit.landed) {
                unit.writes.forEach(write -> count(write.row(), -1));
            }
            inFlight.remove(future);
            slots.release(held);
        });
    }

    /**
     * Waits for {@code held} slots, keeping the import alive meanwhile: on a slow or throttled
     * table every slot is out for seconds, and the deadline must still stop the import (found by
     * review "leasethrottle" on 7 December 2026: it was looked at only after the row's write, and
     * an invocation ran past its timeout).
     */
    private void takeSlots(int held) {
        try {
            while (!slots.tryAcquire(held, WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                log.keepAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write", e);
        }
    }

    /** How often a wait on the writes out looks at the deadline and the lease. */
    static final long WAIT_POLL_MILLIS = 250;

    /**
     * What a unit holds of the maximum out: one slot per hundred writes, so that bigger units of
     * creates keep no more records in memory than units of a hundred did (never more than all).
     */
    private int slotsFor(Unit unit) {
        int hundreds = (unit.writes.size() + CommitStore.TRANSACTION_UNIT - 1) / CommitStore.TRANSACTION_UNIT;
        return Math.min(maxInFlight, hundreds);
    }

    /** A unit may touch an item that a unit still out touches too: that one must land first. */
    private void awaitEarlierWritesTo(Unit unit) {
        var earlier = new LinkedHashSet<CompletableFuture<Void>>();
        for (var identity : unit.identities) {
            var future = inFlightByIdentity.get(identity);
            if (future != null) {
                earlier.add(future);
            }
        }
        earlier.forEach(this::awaitKeepingAlive); // throttled, it may take past the deadline (review "own52")
    }

    /**
     * Journals the before-state of each write not journaled yet, and again that of a delete of
     * something journaled up front: the undo puts back a gone item only where the import's own
     * journal says it deleted it.
     */
    private void journalAhead(List<Write> writes) {
        var entries = new ArrayList<JournalEntry>();
        for (var write : writes) {
            if (write instanceof Write.Create) {
                continue; // before identity(): a create's is a string built for nothing, a million times in a big file
            }
            var identity = write.item().identity();
            boolean deleteNotJournaled = write instanceof Write.Delete && journaledMayBeGone.add(identity);
            if (journaled.add(identity) || deleteNotJournaled) {
                entries.add(JournalEntry.before(write));
            }
        }
        if (!entries.isEmpty()) {
            log.journal(entries);
        }
    }

    /** Write-ahead: the started mark is stored before any write past it is sent. */
    private void markStarted(int row) {
        if (row > startedThrough) {
            startedThrough = row + STARTED_LEAP;
            log.commitProgress(new ResumePoint(Math.min(doneThrough(), startedThrough), startedThrough));
        }
    }

    private void run(Unit unit) {
        if (failure != null || rejected()) {
            unlanded(unit);
            return; // the commit is stopping: send nothing more
        }
        try {
            if (unit.creates) {
                var creates = unit.writes.stream().map(Write.Create.class::cast).toList();
                if (unit.ifAbsent) {
                    store.createIfAbsent(scope, creates);
                } else {
                    store.create(scope, creates);
                }
                var claims = new ArrayList<Write.Insert>();
                creates.forEach(create -> create.claims().forEach(claim -> claims.add(new Write.Insert(create.row(), claim))));
                if (!claims.isEmpty()) {
                    store.claimHeld(scope, claims);
                }
            } else {
                store.transact(scope, unit.writes);
            }
            unit.landed = true;
        } catch (WriteConflictException e) {
            unlanded(unit); // a transaction lands whole or not at all
            synchronized (conflicts) {
                conflicts.addAll(e.failed());
            }
        } catch (WriteRefusedException e) {
            unlanded(unit); // a refused transaction landed nothing; creates that landed are undone by their ids
            synchronized (conflicts) {
                refusals.addAll(e.refused());
            }
        } catch (Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /**
     * A traced delete needs nothing: its trace says whether it landed, in this attempt or an
     * earlier one (whose delete a resumed commit sends again, and which fails when the item is
     * gone: journaled read-only then, the first attempt's delete was not undone; found by review).
     * Unless that earlier attempt journaled it untraced.
     */
    private void unlanded(Unit unit) {
        unit.writes.stream().filter(write -> write instanceof Write.Delete delete
                        && (!delete.traced() || journaledUntraced.contains(delete.item().identity())))
                .map(Write.Delete.class::cast).forEach(unlandedDeletes::add);
    }

    private boolean rejected() {
        synchronized (conflicts) {
            return !conflicts.isEmpty() || !refusals.isEmpty() || !onUnfinished.isEmpty();
        }
    }

    /** Sends the open transaction unit, waits for every unit, and reports how it went. */
    private void settle() {
        dispatchAndReplace(openTransaction);
        awaitInFlightUnlessCrashed();
        rethrowFailure();
        List<Write> failed;
        List<RefusedWrite> refused;
        List<Write> notBuiltOn;
        synchronized (conflicts) {
            failed = List.copyOf(conflicts);
            refused = List.copyOf(refusals);
            notBuiltOn = List.copyOf(onUnfinished);
        }
        if (!failed.isEmpty() || !refused.isEmpty() || !notBuiltOn.isEmpty()) {
            journalUnlandedDeletes();
            throw new CommitRejectedException(failed, refused, notBuiltOn);
        }
    }

    /**
     * The undo comes next: it must not put back what someone else deleted where this import's
     * own delete of it never landed (the delete journaled it as deleted before it was sent).
     */
    private void journalUnlandedDeletes() {
        var entries = unlandedDeletes.stream().map(delete -> JournalEntry.read(delete.before())).toList();
        unlandedDeletes.clear();
        if (!entries.isEmpty()) {
            log.journal(entries);
        }
    }

    /**
     * An Error is taken for a crash (on Lambda an out-of-memory ends the process; the fault tests
     * simulate one so): nothing waits for anything then. Lambda's runtime outlives some Errors; a
     * write still in flight then goes out only under the lease (LeaseCheck), which a crashed
     * delivery does not give back. Otherwise it waits for the units out, keeping the import alive
     * meanwhile ({@link #takeSlots}).
     */
    private void awaitInFlightUnlessCrashed() {
        if (!(failure instanceof Error)) {
            while (!inFlight.isEmpty()) {
                List.copyOf(inFlight).forEach(this::awaitKeepingAlive);
            }
        }
    }

    /**
     * Waits for the units out, as {@link #stop} does: the import is stopping, and after a deadline
     * stop its fence refuses their attempts from a few seconds on (ImportRunner's FENCE_GRACE), so
     * a batch backing off on a throttled table ends then.
     */
    private void awaitInFlight() {
        while (!inFlight.isEmpty()) {
            List.copyOf(inFlight).forEach(CommitPipeline::awaitQuietly);
        }
    }

    /** Waits for {@code future}, looking at the deadline and the lease every {@link #WAIT_POLL_MILLIS}. */
    private void awaitKeepingAlive(CompletableFuture<Void> future) {
        while (true) {
            try {
                future.get(WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillOut) {
                log.keepAlive();
            } catch (ExecutionException | java.util.concurrent.CancellationException settledElsewhere) {
                return; // run() records its own failures; this only waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for writes", e);
            }
        }
    }

    private void rethrowFailure() {
        switch (failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (RuntimeException settledElsewhere) {
            // run() records its own failures; join only waits
        }
    }

    private void count(int row, int delta) {
        synchronized (unacknowledged) {
            unacknowledged.merge(row, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Every write of the rows up to here has been acknowledged, and no more will come for them. */
    private int doneThrough() {
        synchronized (unacknowledged) {
            int firstOpen = unacknowledged.isEmpty() ? Integer.MAX_VALUE : unacknowledged.firstKey();
            // never below what finish recorded: writes sent after it (a PO file's releases) may fail
            return Math.max(Math.max(resume.doneThrough(), recordedDone), Math.min(firstOpen, latestRow) - 1);
        }
    }

    private static List<String> identities(Write write) {
        if (write instanceof Write.Create create && !create.claims().isEmpty()) {
            var all = new ArrayList<String>();
            all.add(create.item().identity());
            create.claims().forEach(claim -> all.add(claim.identity()));
            return all;
        }
        return List.of(write.item().identity());
    }

    /** Writes sent together: creates in one bulk call (plus their claims), or one transaction. */
    private static final class Unit {
        final boolean creates;
        final boolean ifAbsent;
        /** Part of the row-ordered stream (counted for the resume point), not sent ahead of it. */
        final boolean ordered;
        final List<Write> writes = new ArrayList<>();
        final Set<String> identities = new HashSet<>();
        /** Claims that ride along with the creates, taken once they are stored ({@link CommitStore#claimHeld}). */
        int claims;
        /** What a transaction's writes add up to, as the store counts them ({@link CommitStore#transactionBytes}). */
        long bytes;
        /** The transaction's items: a write's own, and a traced delete's trace ({@link Write#transactionItems}). */
        int items;
        /** Set by the thread that sent it, read once it completed. */
        volatile boolean landed;

        private Unit(boolean creates, boolean ifAbsent, boolean ordered) {
            this.creates = creates;
            this.ifAbsent = ifAbsent;
            this.ordered = ordered;
        }

        static Unit creates(boolean ifAbsent) {
            return new Unit(true, ifAbsent, true);
        }

        static Unit transaction() {
            return new Unit(false, false, true);
        }

        static Unit unordered() {
            return new Unit(false, false, false);
        }

        void add(Write write, long writeBytes) {
            writes.add(write);
            bytes += writeBytes;
            items += write.transactionItems();
            identities.addAll(identities(write));
            if (write instanceof Write.Create create) {
                claims += create.claims().size();
            }
        }

        /**
         * A creates unit is full at {@link CommitStore#CREATE_UNIT} creates or at a hundred
         * claims ({@link CommitStore#TRANSACTION_UNIT}), whichever comes first: on DynamoDB Local
         * a transaction costs per request as much as per item, so claims go in transactions as
         * full as the rows allow.
         */
        boolean isFull() {
            if (creates) {
                return writes.size() >= CommitStore.CREATE_UNIT || claims >= CommitStore.TRANSACTION_UNIT;
            }
            return items >= CommitStore.TRANSACTION_UNIT || bytes >= CommitStore.TRANSACTION_BYTES;
        }

        /**
         * Whether {@code group}, of {@code groupBytes}, fits in this transaction beside what it
         * holds: within the store's limits, and touching none of its items.
         */
        boolean canTake(List<Write> group, long groupBytes) {
            return writes.isEmpty() || items + group.stream().mapToInt(Write::transactionItems).sum() <= CommitStore.TRANSACTION_UNIT
                    && bytes + groupBytes <= CommitStore.TRANSACTION_BYTES
                    && group.stream().noneMatch(write -> identities.contains(write.item().identity()));
        }

        /** Whether {@code write}, of {@code writeBytes}, would take this transaction past the store's limits: send it first. */
        boolean wouldOverflow(Write write, long writeBytes) {
            return !creates && !writes.isEmpty() && (bytes + writeBytes > CommitStore.TRANSACTION_BYTES
                    || items + write.transactionItems() > CommitStore.TRANSACTION_UNIT);
        }

        int maxRow() {
            return writes.stream().mapToInt(Write::row).max().orElse(0);
        }
    }
}
