package dev.intake.testing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogRetypes;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartIndex;
import dev.intake.core.catalog.PartSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CatalogStore} over catalogs built in Java; orgs without one get an empty catalog. An
 * import reads its parts on demand, as it does from DynamoDB in a large org: each part number from
 * the catalog as it is when the import first names it.
 */
public final class InMemoryCatalogStore implements CatalogStore {

    private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();
    private final java.util.Deque<CatalogRetypes> retypes = new java.util.concurrent.ConcurrentLinkedDeque<>();

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
    public Catalog forImport(String org) {
        var catalog = load(org);
        var parts = new PartSource() {
            @Override
            public List<Part> revisions(String partNumberKey) {
                return load(org).parts().revisions(partNumberKey);
            }

            @Override
            public List<Part> all() {
                return load(org).parts().revisionsByNumber().values().stream().flatMap(List::stream).toList();
            }
        };
        return TestCatalog.withParts(catalog, PartIndex.onDemand(parts, catalog.parts().isEmpty()));
    }

    /** What {@link #retypes} answers, one read after another, the last from then on (none given: none). */
    public void retypesRead(CatalogRetypes... answers) {
        retypes.clear();
        retypes.addAll(List.of(answers));
    }

    @Override
    public CatalogRetypes retypes(String org) {
        var answer = retypes.size() > 1 ? retypes.poll() : retypes.peek();
        return answer == null ? CatalogRetypes.NONE : answer;
    }

    @Override
    public void addLabels(String org, List<String> labels, dev.intake.core.commit.LeaseFence fence) {
        fence.check();
        var c = load(org);
        var all = new ArrayList<>(c.labels().byLowerCase().values());
        // as DynamoDB's conditional puts: a label the catalog has keeps its spelling
        labels.stream().filter(label -> !c.labels().byLowerCase().containsKey(NameIndex.key(label))).forEach(all::add);
        catalogs.put(org, new Catalog(c.org(), c.locations(), c.suppliers(), c.unitsOfMeasure(), c.intentOptions(),
                c.currencies(), c.usersByEmail(), NameIndex.of(all), c.requirementsByTitle(),
                c.defaultTermsAndConditions(), c.attributes(), c.parts()));
    }
}
