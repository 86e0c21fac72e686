package dev.intake.core.catalog;

import dev.intake.core.commit.LeaseFence;

/** Port: where an org's reference data lives. */
public interface CatalogStore {

    /** The org's whole catalog, or an empty one when the org has none yet. */
    Catalog load(String org);

    /**
     * The org's catalog as an import reads it: the store may read its parts on demand
     * ({@link PartIndex#onDemand}), each part number when the file first names it. The whole
     * catalog where it does not.
     */
    default Catalog forImport(String org) {
        return load(org);
    }

    /** The org's retyping catalog loads, read consistently ({@link CatalogRetypes}); none where the store keeps no count. */
    default CatalogRetypes retypes(String org) {
        return CatalogRetypes.NONE;
    }

    /**
     * Adds labels to the org's catalog (ION creates labels inline, the first time they are used),
     * as an import's last write: under its lease, as the rest of its commit.
     */
    void addLabels(String org, java.util.List<String> labels, LeaseFence fence);
}
