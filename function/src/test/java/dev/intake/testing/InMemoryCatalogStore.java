package dev.intake.testing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.NameIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link CatalogStore} over catalogs built in Java; orgs without one get an empty catalog. */
public final class InMemoryCatalogStore implements CatalogStore {

    private final Map<String, Catalog> catalogs = new HashMap<>();

    public InMemoryCatalogStore(Catalog... catalogs) {
        for (var catalog : catalogs) {
            this.catalogs.put(catalog.org(), catalog);
        }
    }

    /** Replaces an org's catalog, as loading a catalog file again does. */
    public void put(Catalog catalog) {
        catalogs.put(catalog.org(), catalog);
    }

    @Override
    public Catalog load(String org) {
        return catalogs.getOrDefault(org, Catalog.empty(org));
    }

    @Override
    public void addLabels(String org, List<String> labels, dev.intake.core.commit.LeaseFence fence) {
        fence.check();
        var c = load(org);
        var all = new ArrayList<>(c.labels().byLowerCase().values());
        all.addAll(labels);
        catalogs.put(org, new Catalog(c.org(), c.locations(), c.suppliers(), c.unitsOfMeasure(), c.intentOptions(),
                c.currencies(), c.usersByEmail(), NameIndex.of(all), c.requirementsByTitle(),
                c.defaultTermsAndConditions(), c.attributes(), c.parts()));
    }
}
