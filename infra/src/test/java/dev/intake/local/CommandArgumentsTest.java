package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandArgumentsTest {

    @Test
    void parse_wordsOptionsAndFlagsInAnyOrder_areToldApart() {
        var args = CommandArguments.parse("import", List.of("--quiet", "a.csv", "--key=acme/x/y.csv"), Set.of("--key"),
                Set.of("--quiet"));

        assertThat(args.word("import FILE")).isEqualTo("a.csv");
        assertThat(args.option("--key")).isEqualTo("acme/x/y.csv");
        assertThat(args.flag("--quiet")).isTrue();
    }

    @Test
    void parse_optionWithoutValue_isAUsageError() {
        assertThatThrownBy(() -> CommandArguments.parse("export", List.of("part-inventory", "--org"), Set.of("--org"), Set.of()))
                .isInstanceOf(UsageException.class).hasMessage("--org needs a value");
    }

    @Test
    void parse_unknownDashedArgument_isAUsageErrorNamingTheCommand() {
        assertThatThrownBy(() -> CommandArguments.parse("dump", List.of("inventory", "--org-name", "x"), Set.of("--org"), Set.of()))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument \"--org-name\" for dump");
    }

    @Test
    void word_twoGiven_isAUsageErrorShowingTheForm() {
        var args = CommandArguments.parse("invoke", List.of("a.json", "b.json"), Set.of(), Set.of());

        assertThatThrownBy(() -> args.word("invoke EVENT.json")).isInstanceOf(UsageException.class)
                .hasMessage("too many arguments: expected invoke EVENT.json");
    }
}
