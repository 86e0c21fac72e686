package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.commit.CommitRejectedException;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.StorageStamp;
import dev.intake.core.commit.Stored;
import dev.intake.core.commit.Write;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.testing.FakeImportJob;
import dev.intake.testing.InMemoryCommitStore;
import dev.intake.testing.InMemoryInventoryStore;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How an undone import's errors name the items: never at the cost of the reason and what to do. */
class CommitUndoTest {

    private static final Function<String, String> REFUSAL = named -> "DynamoDB refused to store " + named
            + ": injected ValidationException. Everything this import had written was undone; import the file again"
            + " once it is fixed";

    @Test
    void naming_oneItem_namesIt() {
        assertThat(CommitUndo.naming(new TreeSet<>(List.of("inventory 1020")), REFUSAL))
                .startsWith("DynamoDB refused to store inventory 1020: injected ValidationException.");
    }

    @Test
    void naming_manyLongItems_namesAsManyAsLeaveTheReasonWhole() {
        // 33 serial claims of one transaction: ten of them named took the whole 400 characters before
        var items = IntStream.range(0, 33).mapToObj(i -> "serial number SN-" + (1021 + 3 * i) + " of part PCB-410")
                .collect(Collectors.toCollection(TreeSet::new));

        var message = CommitUndo.naming(items, REFUSAL);

        assertThat(message).hasSizeLessThanOrEqualTo(ImportError.MAX_MESSAGE)
                .startsWith("DynamoDB refused to store serial number SN-1021 of part PCB-410, ")
                .contains("injected ValidationException", "undone")
                .endsWith("once it is fixed")
                .containsPattern(" and (2[3-9]|3[0-2]) more: ");
    }

    @Test
    void naming_itemTooLongToName_countsItInstead() {
        var items = new TreeSet<>(List.of("serial number " + "8".repeat(500) + " of part PCB-410",
                "serial number " + "9".repeat(500) + " of part PCB-410"));

        assertThat(CommitUndo.naming(items, REFUSAL)).startsWith("DynamoDB refused to store 2 items: injected");
    }

    /**
     * The error of a write on what an unfinished import wrote names the column a conflict of its
     * code names ({@code id} for inventory), as every mid-commit CONCURRENT_CHANGE does: it used to
     * name none (found by review).
     */
    @Test
    void afterRejection_writeOnWhatAnUnfinishedImportWrote_namesTheColumnAConflictOfItsCodeNames() {
        var job = FakeImportJob.commit("acme");
        var store = new InMemoryCommitStore(new InMemoryInventoryStore());
        var onUnfinished = new Write.Delete(5, new Stamped<>(new Item("inventory#1004", "inventory 1004"), new Writer("import-2")));

        CommitUndo.afterRejection(store, job, List.of(), new CommitRejectedException(List.of(), List.of(), List.of(onUnfinished)),
                9, code -> "id");

        assertThat(job.errors().kept()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
            assertThat(error.rows()).containsExactly(5);
            assertThat(error.message()).contains("inventory 1004", "import-2", "undone");
            assertThat(error.column()).as("the column a CONCURRENT_CHANGE on these rows names").isEqualTo("id");
        });
    }

    /**
     * A conflict's message allows that the other import removed the item: a Purchase Orders file
     * deletes On Order records, and the loser was told "inventory 1021 changed" (noticed by review).
     */
    @Test
    void afterRejection_conflict_saysTheItemWasChangedOrRemoved() {
        var job = FakeImportJob.commit("acme");
        var store = new InMemoryCommitStore(new InMemoryInventoryStore());
        var lost = new Write.Delete(7, new Stamped<>(new Item("inventory#1021", "inventory 1021"), new Writer("import-1")));

        CommitUndo.afterRejection(store, job, List.of(), new CommitRejectedException(List.of(lost), List.of(), List.of()),
                9, code -> "id");

        assertThat(job.errors().kept()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.CONCURRENT_CHANGE);
            assertThat(error.rows()).containsExactly(7);
            assertThat(error.column()).isEqualTo("id");
            assertThat(error.message()).startsWith("inventory 1021 changed or removed by another import (or a catalog load) while this one was being written;");
        });
    }

    private record Writer(String writtenBy) implements StorageStamp {}

    private record Item(String identity, String describe) implements Stored {}
}
