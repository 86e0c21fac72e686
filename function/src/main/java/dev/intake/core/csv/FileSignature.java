package dev.intake.core.csv;

import java.util.Arrays;
import java.util.Optional;

/**
 * Files that are not CSV text but are often dropped as if they were: a workbook renamed to
 * {@code .csv}, a compressed upload, Excel's "Unicode Text". Recognised by their first bytes, so
 * that the report says what the file is and how to save it, instead of "not valid UTF-8" or "a NUL
 * byte on row 1", which sends a user looking for a bad character that is not there.
 */
enum FileSignature {
    ZIP("an Excel workbook (.xlsx) or another zip archive", Remedy.SAVE_WORKBOOK_AS_CSV, 0x50, 0x4B, 0x03, 0x04),
    OLE("an Excel 97-2003 workbook (.xls)", Remedy.SAVE_WORKBOOK_AS_CSV, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
    GZIP("gzip-compressed", "upload the CSV uncompressed", 0x1F, 0x8B),
    PDF("a PDF document", "export the data from the spreadsheet it came from as CSV UTF-8", '%', 'P', 'D', 'F', '-'),
    /*
     * TextEdit opens a new document as rich text, and saves it as "stock.csv" when asked: the
     * header's check told the user to delete title lines, and named a column "{\rtf1\ansi..."
     * (review "numbersmac", 7 December 2026).
     */
    RTF("rich text (RTF), as TextEdit saves a new document", "in TextEdit choose Format > Make Plain Text, then save it"
            + " again as .csv (or export the data from the spreadsheet it came from as CSV UTF-8)", '{', '\\', 'r', 't', 'f'),
    // before UTF-16's, whose mark begins UTF-32 little-endian's
    UTF32_LE_BOM("UTF-32 text", Remedy.SAVE_AS_UTF8, 0xFF, 0xFE, 0x00, 0x00),
    UTF32_BE_BOM("UTF-32 text", Remedy.SAVE_AS_UTF8, 0x00, 0x00, 0xFE, 0xFF),
    UTF16_LE_BOM("UTF-16 text (Excel's \"Unicode Text\", or a Numbers export in \"Unicode (UTF-16)\")", Remedy.SAVE_AS_UTF8,
            0xFF, 0xFE),
    UTF16_BE_BOM("UTF-16 text", Remedy.SAVE_AS_UTF8, 0xFE, 0xFF);

    /** Enough bytes for the longest signature. */
    static final int LONGEST = 8;

    /** What to do instead; a holder class, since an enum's constants may not name its static fields. */
    private static final class Remedy {
        static final String SAVE_AS_EXCEL_CSV_UTF8 = "save it as \"CSV UTF-8 (Comma delimited)\"";
        /** Excel's save and Numbers' export both (review "numbersmac": a Numbers user was told Excel's alone). */
        static final String SAVE_AS_UTF8 = SAVE_AS_EXCEL_CSV_UTF8 + " in Excel, or in Numbers choose File > Export To >"
                + " CSV, Advanced Options, Text Encoding \"Unicode (UTF-8)\"";
        static final String SAVE_WORKBOOK_AS_CSV = "open it in Excel and " + SAVE_AS_EXCEL_CSV_UTF8 + ", then upload that file";
    }

    private final String what;
    private final String remedy;
    private final byte[] prefix;

    FileSignature(String what, String remedy, int... prefix) {
        this.what = what;
        this.remedy = remedy;
        this.prefix = new byte[prefix.length];
        for (int i = 0; i < prefix.length; i++) {
            this.prefix[i] = (byte) prefix[i];
        }
    }

    /** The kind of file these first bytes begin, if it is one that is not CSV text. */
    static Optional<String> problemOf(byte[] head) {
        for (var signature : values()) {
            if (startsWith(head, signature.prefix)) {
                return Optional.of(signature.message());
            }
        }
        return looksLikeUtf16WithoutBom(head)
                ? Optional.of(message("UTF-16 text", Remedy.SAVE_AS_UTF8))
                : Optional.empty();
    }

    /** Whether a file's first bytes begin with {@code prefix}. */
    static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    private String message() {
        return message(what, remedy);
    }

    private static String message(String what, String remedy) {
        return "the file is " + what + ", not CSV text in UTF-8: " + remedy;
    }

    /**
     * ASCII text in UTF-16 without a byte order mark: every other byte NUL. Two characters of it
     * suffice; UTF-8 text never holds a NUL, so nothing that is CSV is taken for it.
     */
    private static boolean looksLikeUtf16WithoutBom(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        boolean littleEndian = head[1] == 0 && head[3] == 0 && head[0] != 0 && head[2] != 0;
        boolean bigEndian = head[0] == 0 && head[2] == 0 && head[1] != 0 && head[3] != 0;
        return littleEndian || bigEndian;
    }
}
