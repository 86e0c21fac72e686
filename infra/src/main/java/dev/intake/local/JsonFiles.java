package dev.intake.local;

import dev.intake.core.csv.SpreadsheetCsv;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of a JSON file a user gives the CLI (a catalog, an event). */
final class JsonFiles {

    private JsonFiles() {}

    /**
     * The file as UTF-8, without the byte order mark Windows tools put before it (Notepad's old
     * "UTF-8", PowerShell 5's {@code Out-File -Encoding UTF8}): RFC 8259 lets a parser ignore it,
     * and CSVs were read with one already. Such a catalog was refused as "not valid JSON" over a
     * character nobody could see.
     */
    static String read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw notUtf8(file);
        }
        if (text.length() > 1 && (text.charAt(0) == 0 || text.charAt(1) == 0)) {
            throw notUtf8(file); // UTF-16 without its byte order mark: its zero bytes are valid UTF-8 (review "own56f")
        }
        return !text.isEmpty() && text.charAt(0) == SpreadsheetCsv.BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * What to say of a file that is not UTF-8: Java's own text was "Input length = 1" (review
     * "cli", 7 December 2026). PowerShell 5's {@code ConvertTo-Json > catalog.json} writes UTF-16.
     */
    private static NotUtf8 notUtf8(Path file) throws IOException {
        var start = new byte[2];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, 2);
        }
        // a byte order mark, or (without one) JSON's first character beside a zero byte
        boolean utf16 = read == 2 && (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE || start[0] == (byte) 0xFE && start[1] == (byte) 0xFF
                || start[0] == 0 || start[1] == 0);
        var message = (utf16 ? "it is UTF-16 text (as PowerShell 5's > and Out-File write it)" : "it is not UTF-8 text")
                + ": save it as UTF-8 (in PowerShell, Out-File -Encoding utf8) and give it again";
        return new NotUtf8(message);
    }

    /** A file that is not UTF-8 text, with what to do about it. */
    static final class NotUtf8 extends IOException {
        private static final long serialVersionUID = 1L;

        NotUtf8(String message) {
            super(message);
        }
    }
}
