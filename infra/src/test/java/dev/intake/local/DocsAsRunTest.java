package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs as a newcomer runs them: commands shown in README.md and docs/*.md, checked against
 * what they do when typed as written.
 */
class DocsAsRunTest {

    @TempDir
    Path home;

    /**
     * Found by review (5 Dec 2026): docs/serve.md's "The AWS CLI walk-through" uploads only
     * {@code receiving-2026-11.csv}, then tells the reader "A failed file also gets its
     * {@code <key>.errors.CSV}" with the command
     * {@code aws --endpoint-url http://127.0.0.1:8001 s3 cp s3://intake-local/acme/part-inventory/with-errors.csv.errors.CSV -}.
     * Typed after the walk-through's own commands it fails: "download failed: ... An error occurred
     * (404) when calling the HeadObject operation: Not Found" (exit 1), since nothing in the
     * walk-through uploaded {@code with-errors.csv} (README's walk-through does upload it first).
     * Every object the walk-through reads back must be one its own commands put there.
     */
    @Test
    void serveMd_walkThrough_readsBackOnlyWhatItUploaded() throws Exception {
        var serve = Files.readString(Emulators.ROOT.resolve("docs/serve.md"));
        int start = serve.indexOf("## The AWS CLI walk-through");
        var section = serve.substring(start, serve.indexOf("\n## ", start + 1));

        var uploaded = new ArrayList<String>();
        var upload = Pattern.compile("s3 cp samples/(\\S+?)/([^/\\s]+\\.csv) s3://intake-local/(\\S*)").matcher(section);
        while (upload.find()) {
            var folder = upload.group(3).isEmpty() ? upload.group(1) + "/" : upload.group(3);
            uploaded.add(folder + upload.group(2));
        }
        var readBack = Pattern.compile("s3 cp s3://intake-local/(\\S+?\\.csv)\\.(report\\.json|errors\\.CSV) -").matcher(section);
        var missing = new ArrayList<String>();
        while (readBack.find()) {
            if (!uploaded.contains(readBack.group(1))) {
                missing.add(readBack.group(0));
            }
        }
        assertThat(uploaded).as("the walk-through's uploads").isNotEmpty();
        assertThat(missing).as("commands of docs/serve.md's walk-through that read an object it never uploaded (uploads: %s)",
                uploaded).isEmpty();
    }

    /**
     * Found by review (5 Dec 2026): {@code ./intake import FILE.csv.errors.CSV --key
     * acme/part-inventory/fix.csv.errors.CSV} is refused (exit 2) with advice that ends "correct the
     * original file and import it whole (docs/errors.md), or give --key": the user did give
     * {@code --key}. The "or give --key" route is also the one docs/errors.md warns against (an
     * errors CSV imported on its own imports only its rows, and is refused UNKNOWN_COLUMN for its
     * {@code row} and {@code errors} columns). When the refused name came from {@code --key}, the
     * message should not tell the user to give {@code --key}.
     */
    @Test
    void import_errorsNamedKeyGivenWithKey_doesNotAdviseGivingKey() throws Exception {
        var file = home.resolve("fix.csv.errors.CSV");
        Files.writeString(file, "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n");

        var result = CliRun.run(home, "import", file.toString(), "--key", "acme/part-inventory/fix.csv.errors.CSV");

        assertThat(result.exit()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).as("refused for its name").contains("never imports");
        assertThat(result.err().lines().filter(line -> line.startsWith("intake:")).findFirst().orElseThrow())
                .as("advice to a user who gave --key").doesNotEndWith("or give --key");
    }
}
