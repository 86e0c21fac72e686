package dev.intake.core.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A digest of what a commit reads from the catalog: the parts it writes on (those its file names,
 * those of the records it updates, those of the stored POs' lines), names, users, requirements,
 * attributes, default terms (labels apart: a Purchase Orders commit adds its own as it ends).
 * Parts the import does not touch are left out: an import reads only its own on demand, and a
 * resume is not undone for a change to another part. A resumed commit does not validate again;
 * where the catalog changed since the import began writing, the rest of the file would be written
 * on other parts than it was validated on, so the import is undone instead (docs/lifecycle.md,
 * "Resuming a commit").
 */
public final class CatalogFingerprint {

    /**
     * Begins every fingerprint of this form: those over the whole catalog had none, and those of
     * "p:" (6 December 2026, until the evening) covered every stored line a Purchase Orders file
     * named, where this form covers only the lines it may write on.
     */
    private static final String FORM = "p2:";

    private CatalogFingerprint() {}

    /** The digest over the parts numbered {@code partNumbers} (any case) and every list. */
    public static String of(Catalog catalog, Collection<String> partNumbers) {
        var canonical = new StringBuilder();
        Stream.of(catalog.locations(), catalog.suppliers(), catalog.unitsOfMeasure(), catalog.intentOptions(),
                catalog.currencies()).forEach(names -> canonical.append(names == null ? "" : sorted(names.byLowerCase())).append('\n'));
        canonical.append(sorted(catalog.usersByEmail())).append('\n')
                .append(sorted(catalog.requirementsByTitle())).append('\n')
                .append(catalog.defaultTermsAndConditions()).append('\n')
                .append(catalog.attributes()).append('\n')
                .append(parts(catalog.parts(), partNumbers));
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return FORM + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Whether {@code recorded} was taken by an earlier Intake, over other parts ({@link #FORM}): a
     * resume across that update cannot compare it, and is undone as for a change, with its own
     * reason (found by review "upgrade": the report said the catalog had changed).
     */
    public static boolean takenByAnEarlierIntake(Optional<String> recorded) {
        return recorded.map(fingerprint -> !fingerprint.startsWith(FORM)).orElse(false);
    }

    /** Whether {@code now} differs from the catalog an import began writing on ({@code recorded}; none for an import begun before fingerprints). */
    public static boolean changedSince(Optional<String> recorded, Catalog now, Collection<String> partNumbers) {
        return recorded.map(fingerprint -> !fingerprint.equals(of(now, partNumbers))).orElse(false);
    }

    private static Map<String, List<Part>> parts(PartIndex index, Collection<String> partNumbers) {
        var parts = new TreeMap<String, List<Part>>();
        if (index != null) {
            partNumbers.forEach(number -> parts.put(NameIndex.key(number), index.revisions(number)));
        }
        return parts;
    }

    /** Map.copyOf iterates in an order that differs between JVMs: sorted, two deliveries agree. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return new TreeMap<>(map);
    }
}
