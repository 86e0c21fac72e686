package dev.intake.core.inventory;

import dev.intake.core.catalog.PartRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: an org's inventory. Every method is scoped to one org, so a file can never read or
 * change another org's records. Reads are batched: one call per import and kind of lookup.
 */
public interface InventoryStore {

    /** The records with these ids that exist in the org (missing ids are simply absent). */
    Map<Long, InventoryRecord> findByIds(String org, Collection<Long> ids);

    /** Serial numbers in use for each part, mapped to the id of the record holding them. */
    Map<PartRef, Map<String, Long>> serialsByPart(String org, Collection<PartRef> parts);

    /** Records installed directly in {@code parentId}. */
    List<InventoryRecord> installedIn(String org, long parentId);

    /** Deletes records by id, in batches (On Order inventory of a line whose quantity went down). */
    void deleteAll(String org, Collection<Long> ids);

    /**
     * Creates or replaces records for an import, in transactional chunks. Each write is
     * conditional on the record still being as it was read ({@link InventoryRecord#version()}),
     * or as this same import last wrote it (a resumed commit).
     *
     * @throws ConcurrentChangeException when some record was changed by someone else
     */
    void putAll(String org, Collection<InventoryRecord> records, String importId);

    /**
     * Undoes an import's writes: puts each journaled record back as it was, deletes the ones it
     * created; each only while the import is still its last writer (a record someone else wrote
     * after it keeps their state). Safe to repeat.
     */
    void restore(String org, List<JournalEntry> journal, String importId);
}
