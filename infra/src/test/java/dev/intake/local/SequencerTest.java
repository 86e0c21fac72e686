package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencerTest {

    private static final Clock STOPPED = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void next_clockNotMoving_stillGrowsStrictly() {
        var sequencer = new Sequencer(null, STOPPED);

        var first = sequencer.next();
        var second = sequencer.next();

        assertThat(first).hasSize(18).matches("[0-9A-F]+");
        assertThat(second).isGreaterThan(first);
    }

    /** Intake skips an upload ordered before one already imported for its key: the sample events must not outrank local uploads. */
    @Test
    void next_now_ordersAfterEverySampleEventsSequencer() throws Exception {
        var next = new Sequencer(null, STOPPED).next();

        try (var files = java.nio.file.Files.list(Emulators.ROOT.resolve("events"))) {
            var sampleSequencers = files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> S3Events.load(readString(file)).getRecords().get(0).getS3().getObject().getSequencer())
                    .toList();
            assertThat(sampleSequencers).isNotEmpty().allSatisfy(sample -> assertThat(next).isGreaterThan(sample));
        }
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void next_newRunWithClockSetBack_continuesAfterThePreviousRun(@TempDir Path home) {
        var file = home.resolve("sequencer");
        var earlier = new Sequencer(file, STOPPED).next();

        var later = new Sequencer(file, Clock.offset(STOPPED, java.time.Duration.ofHours(-1))).next();

        assertThat(later).isGreaterThan(earlier);
    }

    /** With both endpoints given (LocalStack, a serve elsewhere) no emulator makes the state folder. */
    @Test
    void next_stateFolderNotMadeYet_makesItAndRecordsTheValue(@TempDir Path home) {
        var file = home.resolve(".intake").resolve("sequencer");
        var first = new Sequencer(file, STOPPED).next();

        var second = new Sequencer(file, STOPPED).next();

        assertThat(file).exists();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void next_twoSequencersOnOneFile_neverRepeatAValue(@TempDir Path home) {
        // A serve and a command using it share the state folder's sequencer file.
        var file = home.resolve("sequencer");
        var serve = new Sequencer(file, STOPPED);
        var command = new Sequencer(file, STOPPED);

        var values = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> (i % 2 == 0 ? serve : command).next())
                .toList();

        assertThat(values).doesNotHaveDuplicates().isSorted();
    }
    /**
     * Found by review (5 Dec 2026): {@code next()} packs the epoch second into the upper 32 bits of
     * a signed long ({@code epochSecond << 32}), which turns negative from 2038-01-19T03:14:08Z
     * (2^31 seconds). {@code Math.max(last + 1, now)} then ignores the clock: a fresh state folder
     * (after {@code ./intake reset}, or another {@code INTAKE_HOME}) hands out
     * {@code 000000000000000001}, below every sequencer taken before 2038 and below the sample
     * events' ({@code 0069A4...}), so a local upload of a key a sample event or an earlier run
     * imported is taken for an older upload and not imported ("older upload not imported").
     */
    @Test
    void next_after2038_stillOrdersAfterEarlierTimesAndTheSampleEvents() {
        var before2038 = new Sequencer(null, Clock.fixed(Instant.parse("2037-12-31T23:59:59Z"), ZoneOffset.UTC)).next();

        var after2038 = new Sequencer(null, Clock.fixed(Instant.parse("2038-02-01T00:00:00Z"), ZoneOffset.UTC)).next();

        assertThat(after2038).as("a sequencer of 2038 against one of 2037 (%s)", before2038).isGreaterThan(before2038);
        assertThat(after2038).as("against the newest sample event's").isGreaterThan("0069A4BC4D5E6F7A67");
    }
}
