package dev.intake.core.catalog;

/** Port: where an org's reference data lives. */
public interface CatalogStore {

    /** The org's whole catalog, or an empty one when the org has none yet. */
    Catalog load(String org);

    /** Adds labels to the org's catalog (ION creates labels inline, the first time they are used). */
    void addLabels(String org, java.util.List<String> labels);
}
