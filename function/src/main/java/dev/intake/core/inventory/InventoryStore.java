package dev.intake.core.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: reading an org's inventory. Every method is scoped to one org, so a file can never read
 * another org's records. Reads are batched: one call per import and kind of lookup. Writes go
 * through the commit ({@link dev.intake.core.commit.CommitStore}).
 */
public interface InventoryStore {

    /** The records with these ids that exist in the org (missing ids are simply absent). */
    Map<Long, InventoryRecord> findByIds(String org, Collection<Long> ids);

    /** Records installed directly in {@code parentId}. */
    List<InventoryRecord> installedIn(String org, long parentId);
}
