package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedRowsSpoolTest {

    /**
     * Found by review (5 Dec 2026): only the import that made a spool deleted it, so a process
     * killed mid-import (a Lambda timeout, an out-of-memory) left it in /tmp, which Lambda keeps,
     * for good. A new process of the environment removes such leftovers, and nothing else.
     */
    @Test
    void removeLeftovers_spoolsOfAKilledProcess_deletedOtherFilesKept(@TempDir Path tmp) throws IOException {
        var leftover = Files.write(tmp.resolve("intake-errors-123.csv.gz"), new byte[] {1, 2, 3});
        var empty = Files.createFile(tmp.resolve("intake-errors-456.csv.gz"));
        var other = Files.writeString(tmp.resolve("intake-errors-notes.txt"), "kept");
        var upload = Files.writeString(tmp.resolve("stock.csv.gz"), "kept");

        FailedRowsSpool.removeLeftovers(tmp);

        assertThat(leftover).doesNotExist();
        assertThat(empty).doesNotExist();
        assertThat(other).exists();
        assertThat(upload).exists();
    }

    @Test
    void removeLeftovers_folderMissing_doesNothing(@TempDir Path tmp) {
        FailedRowsSpool.removeLeftovers(tmp.resolve("gone"));

        assertThat(tmp.resolve("gone")).doesNotExist();
    }
}
