package dev.intake.core.inventory;

import dev.intake.core.commit.Stamped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: reading an org's inventory. Every method is scoped to one org, so a file can never read
 * another org's records. Reads are batched: one call per import and kind of lookup. Records come
 * with the stamp of their read, which the commit's conditional writes need. Writes go through the
 * commit ({@link dev.intake.core.commit.CommitStore}).
 */
public interface InventoryStore {

    /** The records with these ids that exist in the org (missing ids are simply absent). */
    Map<Long, Stamped<InventoryRecord>> findByIds(String org, Collection<Long> ids);

    /**
     * The ids of the records installed directly in {@code parentId}, as an index says: it may lag
     * the records, so a caller reads them again by key before relying on them.
     */
    List<Long> idsInstalledIn(String org, long parentId);

    /**
     * Every installation in the org, as ids: what is installed directly in each record, by the
     * record's id. Ids only, so it stays small; for files that move too many records to ask
     * {@link #idsInstalledIn} about each. May lag the records by a moment, like any index.
     */
    Map<Long, List<Long>> installedIds(String org);
}
