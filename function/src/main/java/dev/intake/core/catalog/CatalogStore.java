package dev.intake.core.catalog;

/** Port: where an org's reference data lives. */
public interface CatalogStore {

    /** The org's whole catalog, or an empty one when the org has none yet. */
    Catalog load(String org);
}
