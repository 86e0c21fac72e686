package dev.intake.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.imports.ObjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the {@code .csv} objects that appeared in a bucket since it last looked, by listing it
 * (ListObjectsV2): S3Proxy sends no notifications. An object counts as new when its key is new, or
 * when its eTag, size or modification time changed (an upload over an existing key). What the
 * bucket held when the watcher started is not new (S3 notifies of uploads, not of contents), but
 * for the {@code .csv} objects that no import has taken and whose report, if any, is not later: uploads
 * no serve was watching for (one landed while the last serve was stopping), which used to stay
 * unimported for good.
 */
final class BucketWatcher {

    private record Version(String eTag, long size, Instant lastModified) {
        static Version of(S3Object object) {
            return new Version(object.eTag(), object.size() == null ? 0 : object.size(), object.lastModified());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final Map<String, Version> seen = new HashMap<>();

    /** {@code taken}: whether an import has taken an object (one the caller resumes included). */
    BucketWatcher(S3Client s3, String bucket, Predicate<S3Object> taken) {
        this.s3 = s3;
        this.bucket = bucket;
        var objects = list();
        var modified = new HashMap<String, Instant>();
        objects.forEach(object -> modified.put(object.key(), object.lastModified()));
        for (var object : objects) {
            if (taken.test(object) || !missed(object, modified.get(object.key() + ObjectKey.REPORT_SUFFIX))
                    && reportIsOf(object)) {
                seen.put(object.key(), Version.of(object));
            }
        }
    }

    /**
     * Whether the report beside {@code object} is of this upload: of these bytes, by an import that
     * began once they were there. A file uploaded again while a stopping serve finished the import
     * of the one before got that import's report after it, later than itself, and no serve imported
     * it; so did the same bytes uploaded again, waiting their
     * turn when serve stopped. Read only for uploads no import is
     * known to have taken, so a serve's start reads few reports.
     */
    private boolean reportIsOf(S3Object object) {
        try (var stream = s3.getObject(b -> b.bucket(bucket).key(object.key() + ObjectKey.REPORT_SUFFIX))) {
            var report = JSON.readTree(stream);
            var source = report.path("source");
            if (!source.path("eTag").isTextual()) {
                return true; // a report without its source says nothing against the time it was written
            }
            var eTag = object.eTag() == null ? "" : object.eTag().replace("\"", "");
            return eTag.equals(source.path("eTag").asText()) && source.path("size").asLong(-1) == object.size()
                    && !startedBefore(report.path("startedAt").asText(""), object.lastModified());
        } catch (java.io.IOException | RuntimeException unreadable) {
            return true; // nor does one that cannot be read
        }
    }

    /** Whether a report's import began before the upload landed (S3's whole second of it); false where it does not say. */
    private static boolean startedBefore(String startedAt, Instant landed) {
        try {
            return Instant.parse(startedAt).isBefore(landed);
        } catch (java.time.format.DateTimeParseException unsaid) {
            return false;
        }
    }

    /**
     * A {@code .csv} (not an errors file of old) with no report later than itself: an upload with
     * a report of its own is done even where no import took it (a key outside the layout). S3's
     * times are whole seconds: a report of the same second may be an older upload's, so it does
     * not count.
     */
    private static boolean missed(S3Object object, Instant reported) {
        var key = object.key();
        // an errors file of old is <upload>.csv.errors.csv; a user's own q4.errors.csv is an upload
        return key.endsWith(".csv") && !key.endsWith(".csv" + ObjectKey.LEGACY_ERRORS_SUFFIX)
                && (reported == null || !reported.isAfter(object.lastModified()));
    }

    /** The {@code .csv} objects uploaded since the last call, oldest first. */
    synchronized List<S3Object> newObjects() {
        var found = new ArrayList<S3Object>();
        var present = new HashMap<String, Version>();
        for (var object : list()) {
            var version = Version.of(object);
            present.put(object.key(), version);
            if (object.key().endsWith(".csv") && !version.equals(seen.get(object.key()))) {
                found.add(object);
            }
        }
        // Deleted keys are forgotten, so the same bytes uploaded again are new again.
        seen.clear();
        seen.putAll(present);
        found.sort(java.util.Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key));
        return found;
    }

    /**
     * Listed URL-encoded, which the SDK decodes: XML 1.0 cannot carry a key holding ESC or BEL, so
     * a plain listing fails whole on one such upload and the serve would import nothing more.
     */
    private List<S3Object> list() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).encodingType(EncodingType.URL))
                .contents().stream().toList();
    }
}
