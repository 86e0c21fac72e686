package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ImportError;
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
}
