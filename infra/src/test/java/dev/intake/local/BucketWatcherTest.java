package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

class BucketWatcherTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @Test
    void newObjects_afterUploads_findsNewAndReplacedCsvsButNotWhatWasThereOrOtherFiles() {
        emulators.put("w1/part-inventory/old.csv", "a");
        emulators.put("w1/part-inventory/again.csv", "a");
        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket());

        emulators.put("w1/part-inventory/new.csv", "b");
        emulators.put("w1/part-inventory/again.csv", "changed");
        emulators.put("w1/part-inventory/new.csv.report.json", "{}");

        assertThat(watcher.newObjects()).extracting(S3Object::key)
                .containsExactlyInAnyOrder("w1/part-inventory/new.csv", "w1/part-inventory/again.csv");
        assertThat(watcher.newObjects()).as("each upload once").isEmpty();
    }

    @Test
    void newObjects_deletedThenUploadedAgain_isNewAgain() {
        emulators.put("w2/part-inventory/x.csv", "same");
        var watcher = new BucketWatcher(emulators.aws.s3(), emulators.aws.bucket());
        emulators.aws.s3().deleteObject(b -> b.bucket(emulators.aws.bucket()).key("w2/part-inventory/x.csv"));
        assertThat(watcher.newObjects()).isEmpty();

        emulators.put("w2/part-inventory/x.csv", "same");

        assertThat(watcher.newObjects()).extracting(S3Object::key).containsExactly("w2/part-inventory/x.csv");
    }
}
