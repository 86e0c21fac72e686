package dev.intake.local;

import java.io.PrintStream;

/**
 * Lines of the CLI as a terminal receives them: control characters other than a newline and a
 * tab, the bidirectional overrides and halves of characters (lone UTF-16 surrogates), shown as
 * {@code \u001b} and the like. A catalog file or a
 * CSV comes from someone else, and printed raw an escape sequence in an org or a part number could
 * clear the operator's screen, set the window title or plant a link (found by review on 5 December
 * 2026). Only whole lines are filtered: the progress line's own rewrite codes go out with
 * {@code print}.
 */
final class TerminalText {

    private TerminalText() {}

    /** {@code target}, each line printed through {@code println} shown safe. */
    static PrintStream safe(PrintStream target) {
        return target instanceof SafeLines ? target : new SafeLines(target);
    }

    /** {@code text} with what a terminal would act on shown as {@code \\uXXXX}. */
    static String shown(String text) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (actedOn(c) || lone(text, i)) {
                shown = shown != null ? shown : new StringBuilder(text.length() + 16).append(text, 0, i);
                shown.append(String.format("\\u%04x", (int) c));
            } else if (shown != null) {
                shown.append(c);
            }
        }
        return shown == null ? text : shown.toString();
    }

    /** Whether the char at {@code i} is half of a character whose other half is not beside it. */
    private static boolean lone(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    private static boolean actedOn(char c) {
        return Character.isISOControl(c) && c != '\n' && c != '\t'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }

    private static final class SafeLines extends PrintStream {
        SafeLines(PrintStream target) {
            super(target, true, target.charset());
        }

        @Override
        public void println(String line) {
            super.println(line == null ? null : shown(line));
        }

        @Override
        public void println(Object line) {
            println(String.valueOf(line));
        }
    }
}
