package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the CLI's lines let through to a terminal: text as it is, nothing a terminal acts on. */
class TerminalTextTest {

    @Test
    void shown_escapesAndOverrides_escapedTextNewlinesTabsAndWholeCharactersKept() {
        assertThat(TerminalText.shown("a\u001b]0;title\u0007b\u009b2J\u202Ec")).isEqualTo("a\\u001b]0;title\\u0007b\\u009b2J\\u202ec");
        assertThat(TerminalText.shown("rows:\n\tSN-1 🛰 café")).isEqualTo("rows:\n\tSN-1 🛰 café");
        assertThat(TerminalText.shown("x\ud800y\udc00")).isEqualTo("x\\ud800y\\udc00");
    }

    @Test
    void safe_linesPrintedWithPrintln_escapedPrintLeftAlone() {
        var bytes = new ByteArrayOutputStream();
        var safe = TerminalText.safe(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        safe.print("\r\u001b[K");
        safe.println("org \u001b[2J");
        safe.println((Object) "part \u0007");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\r\u001b[Korg \\u001b[2J" + System.lineSeparator()
                + "part \\u0007" + System.lineSeparator());
    }
}
