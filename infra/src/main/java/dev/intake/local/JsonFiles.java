package dev.intake.local;

import dev.intake.core.csv.SpreadsheetCsv;
import java.io.IOException;
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
        var text = Files.readString(file, StandardCharsets.UTF_8);
        return !text.isEmpty() && text.charAt(0) == SpreadsheetCsv.BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
