package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.imports.DeadlineReachedException;
import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local commands' emulated Lambda timeout: {@link LocalContext} gives every local delivery the
 * deployed function's 15 minutes, on the wall clock, so an import that runs longer (a large file
 * against a slow endpoint, or a laptop that slept mid-import) stops at its deadline as on AWS,
 * its lease given back, with no Lambda to retry it.
 */
class LocalDeadlineTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    /**
     * Found by review (5 Dec 2026): when a local delivery stops at its deadline after its commit
     * began writing, the command says only "the handler failed (Lambda would retry this event):
     * import … stopped before the invocation's deadline; the next delivery resumes it". Locally
     * no Lambda retries, and the natural retry, running the command again, first finishes the
     * stopped import and then imports the file a second time (every create made twice). Ctrl-C
     * leaves the import in exactly the same state and the command says so ("had begun writing",
     * "running this import again would then import the file a second time"); the deadline does
     * not. ./intake serve is worse: it prints "(upload the file again to retry)" for the same
     * stop, which makes the records twice, and, still running, never resumes the import itself.
     * The deadline is reached here by the exception the handler throws at it, from the row thread
     * during the commit, which is where keepAlive throws it.
     */
    @Test
    void deliver_stoppedAtTheDeadlineAfterWritingBegan_saysSoAsCtrlCDoes() throws Exception {
        emulators.loadCatalog(CATALOG, "deadline");
        var csv = new StringBuilder("part_number,quantity,location\n");
        for (int i = 1; i <= 2_000; i++) {
            csv.append("FST-M3-10,").append(i).append(",Stockroom A\n");
        }
        var upload = emulators.put("deadline/part-inventory/big.csv", csv.toString());
        ProgressListener deadlineMidCommit = ProgressListener.every(Duration.ZERO, progress -> {
            if (progress.phase() == ImportProgress.Phase.COMMITTING && progress.rowsDone() > 1_000) {
                throw new DeadlineReachedException(progress.importId());
            }
        });
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var invoke = new LocalInvoke(emulators.aws, new Sequencer(null, Clock.systemUTC()), new PrintStream(out, true),
                new PrintStream(err, true), deadlineMidCommit, LocalInvoke.ReportStyle.WHOLE);

        assertThatThrownBy(() -> invoke.deliver(S3Events.putEventJson(upload)))
                .isInstanceOf(CliFailure.class)
                .satisfies(failure -> assertThat(emulators.imports())
                        .as("stopped half written").anyMatch(item -> item.get("status").s().equals("COMMITTING")))
                .hasMessageContaining("had begun writing")
                .hasMessageContaining("a second time");
    }
}
