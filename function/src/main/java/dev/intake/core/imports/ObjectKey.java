package dev.intake.core.imports;

import java.nio.charset.StandardCharsets;

/**
 * The meaning of an S3 key under Intake's layout (SPEC §2):
 * {@code <org>/<importer>/<name>.csv} imports, {@code <org>/<importer>/validate/<name>.csv}
 * validates ({@code .csv} in any case), and Intake's own outputs ({@code .report.json},
 * {@code .errors.CSV}) are ignored.
 *
 * <p>The errors file ends in upper-case {@code .CSV} so that S3's trigger (suffix {@code .csv}, which
 * is case-sensitive) never invokes the function for it; spreadsheet programs open it like any CSV
 * (docs/deploy.md, "Decisions"). Files named the way older versions named them, {@code .csv.errors.csv},
 * do reach the function and are still ignored.
 */
public sealed interface ObjectKey {

    String REPORT_SUFFIX = ".report.json";
    String ERRORS_SUFFIX = ".errors.CSV";
    String LEGACY_ERRORS_SUFFIX = ".errors.csv";

    /** A CSV to import or validate. {@code importer} is not checked here. */
    record Upload(String key, String org, String importer, ImportMode mode) implements ObjectKey {
        public String reportKey() {
            return key + REPORT_SUFFIX;
        }

        public String errorsKey() {
            return key + ERRORS_SUFFIX;
        }
    }

    /**
     * A CSV outside the layout: it still gets a FAILED report so the user learns why, and, when
     * its first segment is a valid org ({@code org} not null), an entry in that org's history.
     * {@code importer} is the second segment of a key that has one after it and whose first segment
     * is a valid org, else null.
     */
    record Misplaced(String key, String reason, String org, String importer) implements ObjectKey {
        public String reportKey() {
            return key + REPORT_SUFFIX;
        }
    }

    /** Not for Intake: not a CSV, or one of Intake's own outputs. */
    record Ignored(String key) implements ObjectKey {}

    /**
     * A CSV whose key leaves no room for its report beside it: S3 keys take at most
     * {@link #MAX_KEY_BYTES}, and the report's adds {@link #REPORT_SUFFIX}. Nothing can tell the
     * uploader why, so it is not imported, and the function logs an error naming it.
     */
    record TooLong(String key) implements ObjectKey {}

    /** The longest S3 key, in bytes of UTF-8. */
    int MAX_KEY_BYTES = 1_024;

    static ObjectKey parse(String key) {
        if (!endsInCsv(key) || key.endsWith(ERRORS_SUFFIX) || key.endsWith(".csv" + LEGACY_ERRORS_SUFFIX)) {
            return new Ignored(key);
        }
        if ((key + REPORT_SUFFIX).getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return new TooLong(key);
        }
        var parts = key.split("/", -1);
        return switch (parts.length) {
            case 3 -> upload(key, parts, ImportMode.COMMIT, parts[2]);
            case 4 -> "validate".equals(parts[2])
                    ? upload(key, parts, ImportMode.VALIDATE, parts[3])
                    : misplaced(key, parts, "a file one folder below <org>/<importer>/ must be in validate/");
            default -> misplaced(key, parts, "expected <org>/<importer>/<name>.csv or <org>/<importer>/validate/<name>.csv");
        };
    }

    private static ObjectKey upload(String key, String[] parts, ImportMode mode, String name) {
        var org = parts[0];
        var importer = parts[1];
        if (org.isBlank() || importer.isBlank() || name.length() == ".csv".length()) {
            return misplaced(key, parts, "expected <org>/<importer>/<name>.csv with a non-empty org, importer and name");
        }
        if (!validOrg(org)) {
            // the key follows the reason (ImportRunner.reject): the org is quoted there
            return misplaced(key, parts, (org.contains("#") ? "an org name may not contain '#'"
                    : "an org name may not begin or end with a space") + "; expected <org>/<importer>/<name>.csv");
        }
        return new Upload(key, org, importer, mode);
    }

    /**
     * {@code .csv} in any case: an export named {@code STOCK.CSV} is a CSV too. S3's trigger sees
     * only lower-case {@code .csv} (its suffix filter is case-sensitive, and Intake's own errors
     * files end in {@code .CSV}), so such a key arrives only by a hand-sent event or a wider
     * trigger; it is imported then, not ignored without a word.
     */
    private static boolean endsInCsv(String key) {
        return key.regionMatches(true, key.length() - ".csv".length(), ".csv", 0, ".csv".length());
    }

    private static Misplaced misplaced(String key, String[] parts, String reason) {
        var org = parts.length > 1 && validOrg(parts[0]) ? parts[0] : null;
        var importer = org != null && parts.length > 2 && !parts[1].isBlank() ? parts[1] : null;
        return new Misplaced(key, reason, org, importer);
    }

    /**
     * '#' separates the parts of the tables' index keys (docs/dynamodb.md), so no org may hold one.
     * Nor may it begin or end with a space: {@code acme /} is a typo for {@code acme/}, and taken
     * as an org of its own it could never have a catalog (found by review on 5 December 2026: the
     * catalog loader trimmed the name, and loaded a catalog for "acme " into acme's). The catalog
     * loader asks too: an org it loaded could otherwise never import.
     */
    public static boolean validOrg(String org) {
        return !org.isBlank() && !org.contains("#") && !isSpace(org.charAt(0)) && !isSpace(org.charAt(org.length() - 1));
    }

    /** A space of any kind, the no-break space of a spreadsheet's cell included. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
