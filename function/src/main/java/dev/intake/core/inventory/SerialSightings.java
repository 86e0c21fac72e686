package dev.intake.core.inventory;

import dev.intake.core.commit.CommitLog;
import dev.intake.core.commit.FewOfEachWriter;
import dev.intake.core.commit.Stamped;
import dev.intake.core.values.KeyText;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * What the scan learns about the serial numbers a file gives: which of them a stored record holds
 * already (looked up by key, a batch at a time, in parallel with the reading), and which the file
 * may give more than once. It keeps only those two small sets, never every serial of the file, so
 * a million created rows cost the validation no more memory than a few thousand. Of the free
 * serials an import gave up, it keeps a few for each such import: the file is refused if that
 * import has not finished, and the refusal names a few of them. It keeps too the claims that
 * imports which have not finished wrote (their undo would free the serial), asking the ledger
 * once about each writer it meets.
 */
final class SerialSightings {

    /** Lookups out at once: enough to keep up with the reading, few enough to stay polite. */
    private static final int IN_FLIGHT = 16;

    private final RepeatFilter seen = new RepeatFilter();
    private final Set<SerialKey> maybeRepeated = new HashSet<>();
    private final Map<SerialKey, Long> storedHolders = new ConcurrentHashMap<>();
    /**
     * Holders of serials stored decomposed (before 7 December 2026), by the serial composed, as a
     * file's serials are read: a unit typed with the serial a stored one has copied from a macOS
     * file name is a duplicate (review "own55e": its claim key differs, and a second unit that
     * looked the same was created).
     */
    private final Map<SerialKey, Long> decomposedHolders = new ConcurrentHashMap<>();
    /** The stored claims that imports which had not finished wrote: few, and each kept whole. */
    private final Map<SerialKey, Stamped<SerialClaim>> byUnfinished = new ConcurrentHashMap<>();
    /** Whether each writer of a claim seen had not finished: the ledger is asked once a writer. */
    private final Map<String, Boolean> writerUnfinished = new ConcurrentHashMap<>();
    private final FewOfEachWriter<GivenUpSerial> givenUp = new FewOfEachWriter<>();
    private final BackgroundLookups<SerialKey> lookups;
    private final String org;

    /** {@code log} says which imports have not finished. */
    SerialSightings(SerialRegistry registry, String org, Executor executor, CommitLog log) {
        this.org = org;
        this.lookups = new BackgroundLookups<>(SerialRegistry.LOOKUP_UNIT, IN_FLIGHT, executor, keys -> {
            var found = registry.lookUp(org, keys);
            found.holders().forEach((key, claim) -> {
                storedHolders.put(key, claim.item().id());
                var composed = key.composed();
                if (composed != key) {
                    decomposedHolders.put(composed, claim.item().id());
                }
            });
            noteUnfinished(found.holders().values(), log);
            found.givenUp().forEach(givenUp::add);
        });
    }

    /**
     * Keeps the claims of these that imports which have not finished wrote: such an import may yet
     * be undone and free the serial, so a row giving one is no duplicate yet, and the file is
     * refused until that import has finished.
     */
    private void noteUnfinished(Collection<Stamped<SerialClaim>> claims, CommitLog log) {
        var unasked = claims.stream().map(claim -> claim.stamp().writtenBy())
                .filter(writer -> writer != null && !writerUnfinished.containsKey(writer)).distinct().toList();
        if (!unasked.isEmpty()) {
            var unfinished = log.unfinishedImports(unasked);
            unasked.forEach(writer -> writerUnfinished.put(writer, unfinished.contains(writer)));
        }
        for (var claim : claims) {
            var writer = claim.stamp().writtenBy(); // null for a claim a catalog load seeded
            if (writer != null && writerUnfinished.get(writer)) {
                byUnfinished.put(claim.item().key(), claim);
            }
        }
    }

    /** Notes that a row gives {@code key}; one too long to be a key is not looked up (its row fails). */
    void sight(SerialKey key) {
        if (!KeyText.fits(key.serialNumber()) || !key.fitsClaimKeyOf(org)) {
            return;
        }
        if (seen.addAndCheck(key.partNumber() + '\u0000' + key.serialNumber())) {
            maybeRepeated.add(key);
        }
        lookups.add(key);
        var decomposed = key.decomposed();
        if (decomposed != key && decomposed.fitsClaimKeyOf(org) && KeyText.fits(decomposed.serialNumber())) {
            lookups.add(decomposed);
        }
    }

    /** Notes the serials update rows give, now that their records (and so their parts) are loaded. */
    void sightUpdates(java.util.List<InventoryScan.UpdateSerial> serials, Map<Long, Stamped<InventoryRecord>> records) {
        for (var serial : serials) {
            var read = records.get(serial.id());
            if (read != null) {
                sight(new SerialKey(read.item().part().partNumber(), serial.serial()));
            }
        }
    }

    /** For an import that ends before validation: waits for the lookups out, sends no more. */
    void stop() {
        lookups.stop();
    }

    /**
     * The serials the file gives that an import gave up (a few of each such import's), once the
     * lookups are done ({@link #book}): the file builds on that import's change.
     */
    List<Stamped<GivenUpSerial>> givenUp() {
        return givenUp.all();
    }

    /** Waits for the last lookups and hands validation what it needs. */
    SerialBook book() {
        lookups.finish();
        decomposedHolders.forEach(storedHolders::putIfAbsent); // a serial stored in both forms: the composed one's holder
        return new SerialBook(storedHolders, maybeRepeated, byUnfinished);
    }
}
