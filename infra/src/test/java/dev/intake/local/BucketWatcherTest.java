package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

class BucketWatcherTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @Test
    void newObjects_afterUploads_findsNewAndReplacedCsvsButNotWhatWasThereOrOtherFiles() {
        emulators.put("w1/part-inventory/old.csv", "a");
        emulators.put("w1/part-inventory/old.csv.report.json", "{}");
        emulators.put("w1/part-inventory/again.csv", "a");
        emulators.put("w1/part-inventory/again.csv.report.json", "{}");
        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(), imported -> true);

        emulators.put("w1/part-inventory/new.csv", "b");
        emulators.put("w1/part-inventory/again.csv", "changed");
        emulators.put("w1/part-inventory/new.csv.report.json", "{}");

        assertThat(keys(watcher, "w1/")).containsExactlyInAnyOrder("w1/part-inventory/new.csv", "w1/part-inventory/again.csv");
        assertThat(keys(watcher, "w1/")).as("each upload once").isEmpty();
    }

    @Test
    void newObjects_deletedThenUploadedAgain_isNewAgain() {
        emulators.put("w2/part-inventory/x.csv", "same");
        emulators.put("w2/part-inventory/x.csv.report.json", "{}");
        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(), imported -> true);
        emulators.aws.s3().deleteObject(b -> b.bucket(emulators.aws.bucket()).key("w2/part-inventory/x.csv"));
        assertThat(keys(watcher, "w2/")).isEmpty();

        emulators.put("w2/part-inventory/x.csv", "same");

        assertThat(keys(watcher, "w2/")).containsExactly("w2/part-inventory/x.csv");
    }

    /**
     * Found by review (5 Dec 2026): at start the watcher takes every key ending in {@code .errors.csv}
     * for an errors file of old versions, and never imports it; the handler ignores only
     * {@code .csv.errors.csv} (ObjectKey.LEGACY_ERRORS_SUFFIX after {@code .csv}), and imports a
     * user's {@code q4.errors.csv} as any other upload, as this watcher does once running. So the
     * same upload, landed while serve was stopping, is never imported and never gets a report
     * (docs/serve.md, "What serve imports": a {@code .csv} no import took and with no later report is
     * imported as serve starts), where {@code q4-errors.csv} is.
     */
    @Test
    void newObjects_csvNamedLikeAnErrorsFileNoImportTookAtStart_isNew() throws Exception {
        emulators.put("w9/part-inventory/q4.errors.csv", "a"); // a user's own file: the handler imports it
        emulators.put("w9/part-inventory/old.csv.errors.csv", "a"); // an errors file of old: no upload

        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(), object -> false);

        assertThat(dev.intake.core.imports.ObjectKey.parse("w9/part-inventory/q4.errors.csv"))
                .as("the handler imports it").isInstanceOf(dev.intake.core.imports.ObjectKey.Upload.class);
        assertThat(keys(watcher, "w9/")).containsExactly("w9/part-inventory/q4.errors.csv");
    }

    /**
     * A .csv that no import took and that has no report newer than itself when the watcher starts
     * is an upload no serve saw (one landed while the last serve was stopping, or a fixed file
     * uploaded over a FAILED one): new. Not one an import took (its report deleted, or an import
     * the caller resumes), nor one with a report of its own (a key outside the layout).
     */
    @Test
    void newObjects_csvNoImportTookAndNoNewerReportAtStart_isNew() throws Exception {
        emulators.put("w3/part-inventory/missed.csv", "a");
        emulators.put("w3/part-inventory/taken.csv", "a");
        emulators.put("w3/part-inventory/old.csv.errors.csv", "a"); // an errors file of old: no upload
        emulators.put("w3/part-inventory/fixed.csv.report.json", "{}");
        emulators.put("w3/elsewhere.csv", "a"); // a key outside the layout: a report, no import
        Thread.sleep(1_100); // S3's times are in seconds
        emulators.put("w3/part-inventory/fixed.csv", "fixed"); // the upload over a FAILED file, later than its report
        emulators.put("w3/elsewhere.csv.report.json", "{}");

        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(),
                object -> object.key().equals("w3/part-inventory/taken.csv"));

        assertThat(keys(watcher, "w3/")).containsExactlyInAnyOrder("w3/part-inventory/missed.csv", "w3/part-inventory/fixed.csv");
    }

    /**
     * A fixed file uploaded over a FAILED one in the same second as that one's report landed (a
     * script that re-uploads as soon as it reads FAILED, while serve is stopping): no import took
     * it, and it is later than the report, but S3's times are in seconds: a report of the same
     * second does not count. It used to, and the upload was never imported (found by review).
     */
    @Test
    void newObjects_csvUploadedInTheSameSecondAsTheOldReport_isNew() throws Exception {
        while (System.currentTimeMillis() % 1000 > 200) {
            Thread.sleep(20);
        }
        emulators.put("w4/part-inventory/fixed.csv.report.json", "{}"); // the FAILED upload's report
        emulators.put("w4/part-inventory/fixed.csv", "fixed"); // the fix, a moment later

        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(), object -> false);

        assertThat(keys(watcher, "w4/")).containsExactly("w4/part-inventory/fixed.csv");
    }

    /**
     * Review "ownchange" (6 Dec 2026): serve now runs four imports at once and Ctrl-C leaves the
     * uploads waiting their turn "to the next serve, which imports them as it starts"
     * (serve.md). The same file uploaded again while the import of the one before ran waits its
     * turn; that import's report lands after it; Ctrl-C drops it. No import took it (the earlier
     * import began before it), but the report later than it is "of these bytes" (same eTag and
     * size), so the next serve took it for done and never imported it. The report's startedAt
     * tells it is an earlier upload's.
     */
    @Test
    void newObjects_sameBytesUploadedAgainWaitingWhenServeStopped_earlierImportsReportAfterIt_isNew() throws Exception {
        var key = "w5/part-inventory/again.csv";
        emulators.put(key, "same bytes");
        var firstImportStarted = Instant.now();
        Thread.sleep(1_100); // S3's times are in seconds
        var again = emulators.put(key, "same bytes"); // a new upload (SPEC 3), waiting its turn
        Thread.sleep(1_100);
        emulators.put(key + ".report.json", "{\"startedAt\":\"" + firstImportStarted + "\",\"source\":{\"eTag\":\""
                + again.eTag().replace("\"", "") + "\",\"size\":" + again.size() + "}}"); // the first upload's import reports, after it
        // Ctrl-C: the waiting upload is dropped; the next serve starts. No import began since it landed.
        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(), object -> false);

        assertThat(keys(watcher, "w5/")).containsExactly(key);
    }

    /**
     * Review "late" (6 Dec 2026): a normal import's report (startedAt just after the upload, in
     * the same second) still counts as the upload's own, whatever part of the second it lands in.
     */
    @Test
    void newObjects_reportOfAnImportStartedJustAfterTheUploadInTheSameSecond_notNew() throws Exception {
        for (int i = 0; i < 10; i++) {
            var key = "w6/elsewhere-" + i + ".csv"; // outside the layout: no import takes it, its report is its own
            var upload = emulators.put(key, "bytes " + i);
            var startedAt = Instant.now();
            emulators.put(key + ".report.json", "{\"startedAt\":\"" + startedAt + "\",\"source\":{\"eTag\":\""
                    + upload.eTag().replace("\"", "") + "\",\"size\":" + upload.size() + "}}");
            Thread.sleep(1_000 + 97 * i); // the report's second after the upload's, at various points of the second
            emulators.put(key + ".report.json", "{\"startedAt\":\"" + startedAt + "\",\"source\":{\"eTag\":\""
                    + upload.eTag().replace("\"", "") + "\",\"size\":" + upload.size() + "}}");
        }
        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket(), object -> false);

        assertThat(keys(watcher, "w6/")).isEmpty();
    }

    private static List<String> keys(BucketWatcher watcher, String prefix) {
        return watcher.newObjects().stream().map(S3Object::key).filter(key -> key.startsWith(prefix)).toList();
    }
}
