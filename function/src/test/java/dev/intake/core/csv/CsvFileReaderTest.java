package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFileReaderTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** How a Numbers user saves UTF-8, as the encoding errors say it beside Excel's save. */
    private static final String NUMBERS = "in Excel, or in Numbers choose File > Export To > CSV, Advanced Options, Text"
            + " Encoding \"Unicode (UTF-8)\"";
    private static final CsvLimits SMALL = new CsvLimits(10_000, 3, 4, 10);

    private final RecordingVisitor visitor = new RecordingVisitor();

    /**
     * Mutation review: docs/csv-format.md trims "a stray byte order mark too"; no test held it (dropping
     * U+FEFF from CellValues.trimmed failed nothing). A tool that adds a BOM to a file that has one.
     */
    @Test
    void read_twoBoms_firstHeaderCellHasNeither() throws IOException {
        var result = read(concat(BOM, BOM, utf8("id,name\n1,\uFEFFAna\n")), CsvLimits.DEFAULT);

        assertThat(result).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.headers).containsExactly(List.of("id", "name"));
        assertThat(visitor.rows).containsExactly(new CsvRow(2, List.of("1", "Ana")));
    }

    @Test
    void read_withBom_firstHeaderCellHasNoBom() throws IOException {
        var result = read(concat(BOM, utf8("id,name\n1,Ana\n")), CsvLimits.DEFAULT);

        assertThat(result).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.headers).containsExactly(List.of("id", "name"));
        assertThat(visitor.rows).containsExactly(new CsvRow(2, List.of("1", "Ana")));
    }

    @Test
    void read_withoutBom_readsHeaderAndRows() throws IOException {
        var result = read("id,name\n1,Ana\n");

        assertThat(result).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.headers).containsExactly(List.of("id", "name"));
        assertThat(visitor.rows).containsExactly(new CsvRow(2, List.of("1", "Ana")));
    }

    @Test
    void read_crlfAndLf_sameRows() throws IOException {
        var crlf = new RecordingVisitor();
        new CsvFileReader(CsvLimits.DEFAULT).read(stream(utf8("a,b\r\n1,2\r\n3,4\r\n")), crlf);

        read("a,b\n1,2\n3,4\n");

        assertThat(crlf.rows).isEqualTo(visitor.rows).hasSize(2);
        assertThat(crlf.rows.get(1).cells()).containsExactly("3", "4");
    }

    @Test
    void read_noTrailingNewline_readsLastRow() throws IOException {
        var result = read("a,b\n1,2");

        assertThat(result).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.rows).containsExactly(new CsvRow(2, List.of("1", "2")));
    }

    @Test
    void read_quotedCells_keepCommasQuotesAndNewlines() throws IOException {
        read("""
                name,note
                "Smith, Ana","she said ""hi""\"
                "two
                lines",x
                """);

        assertThat(visitor.rows).extracting(CsvRow::cells).containsExactly(
                List.of("Smith, Ana", "she said \"hi\""),
                List.of("two\nlines", "x"));
    }

    @Test
    void read_formulaGuardedCells_readWithoutTheGuardingApostrophe() throws IOException {
        read("""
                a,'=b,c,d,e,f,g
                '=SUM(A1),'-A7,'@cmd,'+1 555,O'Brien,'A,''=x
                """);

        assertThat(visitor.headers).containsExactly(List.of("a", "=b", "c", "d", "e", "f", "g"));
        assertThat(visitor.rows).extracting(CsvRow::cells)
                .containsExactly(List.of("=SUM(A1)", "-A7", "@cmd", "+1 555", "O'Brien", "'A", "''=x"));
    }

    @Test
    void read_multiLineQuotedCell_countsAsOneRow() throws IOException {
        read("""
                name,note
                a,"line one
                line two
                line three"
                b,x
                """);

        assertThat(visitor.rowNumbers()).containsExactly(2, 3);
    }

    @Test
    void read_blankLinesAndEmptyRows_skippedButCounted() throws IOException {
        var result = read("""
                a,b,c
                1,2,3

                ,,
                4,5,6
                 , ,\s
                7,8,9
                """);

        assertThat(result).isEqualTo(new CsvReadResult.Completed(3));
        assertThat(visitor.rowNumbers()).containsExactly(2, 5, 7);
    }

    @Test
    void read_blankLinesBeforeHeader_countedInRowNumbers() throws IOException {
        read("\n\na,b\n1,2\n");

        assertThat(visitor.headers).containsExactly(List.of("a", "b"));
        assertThat(visitor.rowNumbers()).containsExactly(4);
    }

    @Test
    void read_spacesAroundCells_areTrimmed() throws IOException {
        read("  id , name  \n 1 ,  Ana Lopez  \n");

        assertThat(visitor.headers).containsExactly(List.of("id", "name"));
        assertThat(visitor.rows.getFirst().cells()).containsExactly("1", "Ana Lopez");
    }

    @Test
    void read_emptyFile_isEmptyFile() throws IOException {
        var error = onlyError(read(""));

        assertThat(error.code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
    }

    @Test
    void read_bomOnly_isEmptyFile() throws IOException {
        var error = onlyError(read(BOM, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(error.row()).isNull();
    }

    @Test
    void read_onlyBlankLines_isEmptyFile() throws IOException {
        var error = onlyError(read("\n\n,,\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(visitor.headers).isEmpty();
    }

    @Test
    void read_headerOnly_isEmptyFile() throws IOException {
        var error = onlyError(read("id,name\n\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("no data rows");
    }

    @Test
    void read_unterminatedQuote_malformedAtRowWhereQuoteStarts() throws IOException {
        var error = onlyError(read("""
                id,name
                1,ok

                2,"never closed
                3,x
                4,y
                """));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(4);
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("unterminated quote").contains("row 4");
        assertThat(visitor.rowNumbers()).containsExactly(2);
    }

    @Test
    void read_unterminatedQuoteInHeader_malformedAtRow1() throws IOException {
        var error = onlyError(read("id,\"name\n1,x\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(1);
    }

    @Test
    void read_textAfterClosingQuote_malformedAtThatRow() throws IOException {
        var error = onlyError(read("""
                id,name
                1,ok
                2,"quoted"tail
                """));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(3);
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("closing quote");
    }

    @Test
    void read_invalidUtf8_malformed() throws IOException {
        var bytes = concat(utf8("id,name\n1,"), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\n"));

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isNotNull();
        assertThat(error.message()).contains("UTF-8");
    }

    @Test
    void read_invalidUtf8OnLaterRow_malformedAtThatRow() throws IOException {
        var valid = new StringBuilder("id,name\n");
        for (int i = 1; i <= 50; i++) {
            valid.append(i).append(",ok\n");
        }
        var bytes = concat(utf8(valid.toString()), utf8("51,caf"), new byte[] {(byte) 0xE9}, utf8("\n52,x\n"));

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(52);
    }

    @Test
    void read_latin1Encoded_malformed() throws IOException {
        var bytes = "id,name\n1,Müller\n".getBytes(StandardCharsets.ISO_8859_1);

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
    }

    @Test
    void read_nulByteInCell_malformedAtThatRow() throws IOException {
        var error = onlyError(read("id,name\n1,ok\n2,a\0b\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(3);
        assertThat(error.message()).contains("NUL");
    }

    @Test
    void read_nulByteAtEndOfCell_malformed() throws IOException {
        var error = onlyError(read("id,name\n1,ok\0\n2,x\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(2);
    }

    @Test
    void read_lineOfNulBytes_malformed() throws IOException {
        var error = onlyError(read("id,name\n1,ok\n\0\0\0\n2,x\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(3);
    }

    /** Until 4 December 2026 this was "a NUL byte on row 1", which sent users looking for a NUL. */
    @Test
    void read_utf16FileWithoutByteOrderMark_fileLevelErrorNamingUtf16() throws IOException {
        var bytes = "id,name\n1,ok\n".getBytes(StandardCharsets.UTF_16LE);

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).isEqualTo(
                "the file is UTF-16 text, not CSV text in UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" " + NUMBERS);
        assertThat(visitor.headers).isEmpty();
    }

    @Test
    void read_bigEndianUtf16WithoutByteOrderMark_fileLevelErrorNamingUtf16() throws IOException {
        var error = onlyError(read("id,name\n1,ok\n".getBytes(StandardCharsets.UTF_16BE), CsvLimits.DEFAULT));

        assertThat(error.row()).isNull();
        assertThat(error.message()).startsWith("the file is UTF-16 text, not CSV text in UTF-8");
    }

    /** Excel's "Unicode Text": UTF-16 little-endian with its byte order mark, tab-separated. */
    @Test
    void read_excelUnicodeText_fileLevelErrorNamingItAndHowToSaveAsCsv() throws IOException {
        var bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "id\tname\r\n1\tok\r\n".getBytes(StandardCharsets.UTF_16LE));

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isNull();
        assertThat(error.message()).isEqualTo("the file is UTF-16 text (Excel's \"Unicode Text\", or a Numbers export in"
                + " \"Unicode (UTF-16)\"), not CSV text in UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" " + NUMBERS);
    }

    /** UTF-32 with its byte order mark, whose little-endian mark begins with UTF-16's, is named as what it is. */
    @Test
    void read_utf32WithByteOrderMark_fileLevelErrorNamingUtf32() throws IOException {
        var utf32 = java.nio.charset.Charset.forName("UTF-32LE");
        var little = onlyError(read(concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, "id,name\n1,ok\n".getBytes(utf32)), CsvLimits.DEFAULT));
        var big = onlyError(read(concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                "id,name\n1,ok\n".getBytes(java.nio.charset.Charset.forName("UTF-32BE"))), CsvLimits.DEFAULT));

        assertThat(little.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(little.message()).isEqualTo("the file is UTF-32 text, not CSV text in UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" " + NUMBERS);
        assertThat(big.message()).isEqualTo(little.message());
    }

    @Test
    void read_xlsxWorkbookNamedCsv_fileLevelErrorNamingAWorkbook() throws IOException {
        var zip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            out.write(utf8("<Types/>"));
        }

        var error = onlyError(read(zip.toByteArray(), CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isNull();
        assertThat(error.message()).isEqualTo("the file is an Excel workbook (.xlsx) or another zip archive, not CSV text "
                + "in UTF-8: open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\", then upload that file");
    }

    @Test
    void read_legacyXlsWorkbook_fileLevelErrorNamingIt() throws IOException {
        var ole = new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};

        var error = onlyError(read(ole, CsvLimits.DEFAULT));

        assertThat(error.row()).isNull();
        assertThat(error.message()).startsWith("the file is an Excel 97-2003 workbook (.xls), not CSV text in UTF-8");
    }

    @Test
    void read_gzipCompressedCsv_fileLevelErrorAskingForItUncompressed() throws IOException {
        var gzip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write(utf8("id,name\n1,ok\n"));
        }

        var error = onlyError(read(gzip.toByteArray(), CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isNull();
        assertThat(error.message()).isEqualTo("the file is gzip-compressed, not CSV text in UTF-8: upload the CSV uncompressed");
    }

    @Test
    void read_pdf_fileLevelErrorNamingIt() throws IOException {
        var error = onlyError(read(utf8("%PDF-1.7\n%\u00e2\n"), CsvLimits.DEFAULT));

        assertThat(error.row()).isNull();
        assertThat(error.message()).startsWith("the file is a PDF document, not CSV text in UTF-8");
    }

    @Test
    void read_fileShorterThanAnySignature_readAsCsv() throws IOException {
        assertThat(read("a\n1")).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.rows).containsExactly(new CsvRow(2, List.of("1")));
    }

    @Test
    void read_csvWhoseFirstCellsStartLikeASignature_readAsCsv() throws IOException {
        assertThat(read("PK,PDF\n1,2\n")).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.headers).containsExactly(List.of("PK", "PDF"));
    }

    @Test
    void read_brokenStream_throwsSoTheImportIsRetried() {
        var broken = new SequenceInputStream(stream(utf8("id,name\n1,ok\n")), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> new CsvFileReader(CsvLimits.DEFAULT).read(broken, visitor))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("connection reset");
    }

    @Test
    void read_moreNonEmptyCellsThanHeader_rowRejectedAsMalformed() throws IOException {
        var result = read("""
                id,name
                1,ok
                2,too,many
                3,fine
                """);

        assertThat(result).isEqualTo(new CsvReadResult.Completed(3));
        assertThat(visitor.rowNumbers()).containsExactly(2, 4);
        assertThat(visitor.rejected).singleElement().satisfies(rejection -> {
            assertThat(rejection.row()).isEqualTo(new CsvRow(3, List.of("2", "too", "many")));
            assertThat(rejection.error().code()).isEqualTo(ErrorCode.MALFORMED_CSV);
            assertThat(rejection.error().row()).isEqualTo(3);
            assertThat(rejection.error().column()).isNull();
            assertThat(rejection.error().message()).contains("3 cells").contains("header has 2");
        });
    }

    @Test
    void read_trailingEmptyExtraCells_areFine() throws IOException {
        read("id,name\n1,ok,,\n2,ok, , \n");

        assertThat(visitor.rejected).isEmpty();
        assertThat(visitor.rowNumbers()).containsExactly(2, 3);
    }

    @Test
    void read_fewerCellsThanHeader_isFineAndMissingCellsAreBlank() throws IOException {
        read("id,name,note\n1\n");

        assertThat(visitor.rejected).isEmpty();
        var row = visitor.rows.getFirst();
        assertThat(row.cell(0)).isEqualTo("1");
        assertThat(row.cell(1)).isEmpty();
        assertThat(row.cell(2)).isEmpty();
    }

    @Test
    void read_semicolonHeader_wrongDelimiter() throws IOException {
        var error = onlyError(read("id;part_number;quantity\n1;A;2\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("semicolons");
        assertThat(visitor.headers).isEmpty();
    }

    /**
     * Found by review (sheets, 6 Dec 2026): the file Excel writes on a German, French, Spanish,
     * Italian or Dutch computer is semicolon-separated whatever CSV type is chosen, "CSV UTF-8
     * (Comma delimited)" included: Excel takes the separator from the computer's region setting
     * (the list separator). The message's only advice, "save the file as comma-separated CSV
     * (UTF-8)", is what the user already did, and saving again writes the same file; neither it
     * nor docs/csv-format.md says where the semicolon comes from or how to get commas (the
     * Windows list separator, or a program that asks for the separator: LibreOffice's "Edit
     * filter settings", Google Sheets). Expected: the message names the list separator (and the
     * doc gives the steps).
     */
    @Test
    void read_semicolonHeader_messageSaysWhereTheSemicolonsComeFrom() throws IOException {
        var error = onlyError(read("\uFEFFid;part_number;quantity\r\n;FST-M3-10;2,5\r\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).containsIgnoringCase("list separator");
    }

    @Test
    void read_tabHeader_wrongDelimiter() throws IOException {
        var error = onlyError(read("id\tpart_number\tquantity\n1\tA\t2\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.row()).isNull();
        assertThat(error.message()).contains("tabs");
    }

    /**
     * A header of quoted cells separated by semicolons or tabs (spreadsheets set to quote text
     * write it so) is the wrong delimiter too: it used to be reported as a character after a
     * closing quote on row 1 (found by review).
     */
    @Test
    void read_quotedSemicolonHeader_wrongDelimiter() throws IOException {
        var error = onlyError(read("\"id\";\"part_number\";\"quantity\"\r\n\"1\";\"A\";\"2\"\r\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).contains("semicolons");
    }

    /**
     * Found by review "locale" on 6 December 2026: a semicolon-separated header (German or French Excel, any "CSV" save) with a
     * comma inside one header cell, unquoted since Excel quotes only cells holding its own list
     * separator: an attribute key "Länge, mm", or a title line "Inventur 12/2026, Lager A;;" above
     * the header. The header then has a comma, so it is split at it and each importer reports
     * REQUIRED part_number and UNKNOWN_COLUMN "id;part_number;Länge" instead of saying the file
     * is separated by semicolons (SPEC §4, docs/csv-format.md "delimiter").
     */
    @Test
    void read_semicolonHeaderWithACommaInsideACell_wrongDelimiter() throws IOException {
        var error = onlyError(readRefusingTheHeader("id;part_number;Länge, mm\r\n1;A;2,5\r\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.row()).isNull();
        assertThat(error.message()).startsWith("the header row has more semicolons than commas: save the file as"
                + " comma-separated CSV (UTF-8); Excel separates cells");
    }

    @Test
    void read_tabHeaderWithACommaInsideACell_wrongDelimiter() throws IOException {
        var error = onlyError(readRefusingTheHeader("id\tpart_number\tLänge, mm\n1\tA\t2\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).isEqualTo("the header row has more tabs than commas: save the file as comma-separated"
                + " CSV (UTF-8)");
    }

    /** A title line above a semicolon header, its one comma unquoted: the semicolons are still what is wrong. */
    @Test
    void read_semicolonFileWithATitleLineHoldingAComma_wrongDelimiter() throws IOException {
        var error = onlyError(readRefusingTheHeader("Inventur 12/2026, Lager A;;\r\nid;part_number;quantity\r\n1;A;2\r\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).startsWith("the header row has more semicolons than commas");
    }

    /**
     * Found by review "own48" on 6 December 2026: semicolons inside a quoted header cell of a
     * comma file were counted as separators, and the file refused as WRONG_DELIMITER.
     */
    @Test
    void read_twoColumnCommaHeaderWithSemicolonsInAQuotedCell_readAsCommaSeparated() throws IOException {
        assertThat(read("id,\"Dimensions L;W;H\"\n1,10x20x30\n")).isEqualTo(new CsvReadResult.Completed(1));
    }

    /**
     * More semicolons than commas, but a header the importer resolves (an attribute keyed "Size
     * (L;W;H)"): a comma file, read (found by review "attrs" on 6 December 2026).
     */
    @Test
    void read_commaHeaderWithMoreSemicolonsThatResolves_readAsCommaSeparated() throws IOException {
        assertThat(read("id,Size (L;W;H)\n1003,10;20;30\n")).isEqualTo(new CsvReadResult.Completed(1));
    }

    /** A comma header whose attribute key holds a semicolon is read as it is. */
    @Test
    void read_commaHeaderWithASemicolonInACell_readAsCommaSeparated() throws IOException {
        assertThat(read("part_number,quantity,Size;Colour\nA,2,M;red\n")).isEqualTo(new CsvReadResult.Completed(1));
    }

    @Test
    void read_quotedTabHeader_wrongDelimiter() throws IOException {
        var error = onlyError(read("\"id\"\t\"part_number\"\t\"quantity\"\n\"1\"\t\"A\"\t\"2\"\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).contains("tabs");
    }

    /**
     * Blank rows are skipped before the header as anywhere, and a semicolon header after one is
     * WRONG_DELIMITER, quoted or not: the guard looked at the file's first line for the
     * separators, the blank one (found by review).
     */
    @Test
    void read_quotedSemicolonHeaderAfterABlankLine_wrongDelimiter() throws IOException {
        var error = onlyError(read("\r\n\"id\";\"part_number\";\"quantity\"\r\n\"1\";\"A\";\"2\"\r\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).contains("semicolons");
    }

    /**
     * A line of spaces before the header is blank to the reader (its one cell trims to nothing)
     * and skipped as any blank row; a quoted semicolon header after it is still WRONG_DELIMITER.
     * The row guard used to take only an empty line for blank, and sniffed the spaces for the
     * separators (found by review).
     */
    @Test
    void read_quotedSemicolonHeaderAfterALineOfSpaces_wrongDelimiter() throws IOException {
        var error = onlyError(read("   \r\n\"id\";\"part_number\";\"quantity\"\r\n\"1\";\"A\";\"2\"\r\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).contains("semicolons");
    }

    /** The same after a line holding a tab only (blank to the reader): the stop must name semicolons, not tabs. */
    @Test
    void read_quotedSemicolonHeaderAfterATabOnlyLine_wrongDelimiterNamingSemicolons() throws IOException {
        var error = onlyError(read("\t\n\"id\";\"part_number\";\"quantity\"\n\"1\";\"A\";\"2\"\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).contains("semicolons").doesNotContain("tabs");
    }

    /**
     * A line of only commas counts as blank, and the header is the first non-blank line: the
     * guard's sniff used to stop at the commas and, having seen commas, never call the quoted
     * semicolon header after it another delimiter (found by review).
     */
    @Test
    void read_quotedSemicolonHeaderAfterALineOfCommas_wrongDelimiter() throws IOException {
        var error = onlyError(read(",,,\n\"id\";\"part_number\";\"quantity\"\n\"1\";\"A\";\"2\"\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_DELIMITER);
        assertThat(error.message()).contains("semicolons");
    }

    @Test
    void read_singleColumnHeader_isFine() throws IOException {
        var result = read("part_number\nA\n");

        assertThat(result).isEqualTo(new CsvReadResult.Completed(1));
    }

    @Test
    void read_visitorRejectsHeader_stopsWithItsErrors() throws IOException {
        var headerError = ImportError.file(ErrorCode.UNKNOWN_COLUMN, "colour", "no such column");
        var rejecting = new RecordingVisitor(List.of(headerError));

        var result = new CsvFileReader(CsvLimits.DEFAULT).read(stream(utf8("colour\nred\n")), rejecting);

        assertThat(result).isEqualTo(new CsvReadResult.Stopped(List.of(headerError)));
        assertThat(rejecting.rows).isEmpty();
    }

    @Test
    void read_tooManyColumns_limitExceededForTheFile() throws IOException {
        var error = onlyError(read("a,b,c,d,e\n1,2,3,4,5\n", SMALL));

        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("5 columns").contains("INTAKE_MAX_COLUMNS");
    }

    @Test
    void read_columnsAtLimit_isFine() throws IOException {
        assertThat(read("a,b,c,d\n1,2,3,4\n", SMALL)).isEqualTo(new CsvReadResult.Completed(1));
    }

    @Test
    void read_tooManyRows_limitExceededForTheFile() throws IOException {
        var error = onlyError(read("a\n1\n2\n\n3\n4\n", SMALL));

        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("INTAKE_MAX_ROWS");
    }

    @Test
    void read_rowsAtLimitWithBlankLines_isFine() throws IOException {
        assertThat(read("a\n1\n\n2\n,\n3\n", SMALL)).isEqualTo(new CsvReadResult.Completed(3));
    }

    @Test
    void read_cellTooLong_rowRejectedAsLimitExceeded() throws IOException {
        var result = read("a,b\n1,short\n2,elevenchars\n", SMALL);

        assertThat(result).isEqualTo(new CsvReadResult.Completed(2));
        assertThat(visitor.rowNumbers()).containsExactly(2);
        assertThat(visitor.rejected).singleElement().satisfies(rejection -> {
            assertThat(rejection.error().code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
            assertThat(rejection.error().row()).isEqualTo(3);
            assertThat(rejection.error().column()).isEqualTo("b");
            assertThat(rejection.error().message()).contains("cell 2").contains("INTAKE_MAX_CELL_LENGTH");
        });
    }

    /** Mutation review: the same limit on a header cell, at exactly its length. */
    @Test
    void read_headerCellAtLimit_isFine() throws IOException {
        assertThat(read("a,tencharsXX\n1,2\n", SMALL)).isEqualTo(new CsvReadResult.Completed(1));
    }

    /** The message names the column and its cell (review "limits": in a header of hundreds of columns, which one?). */
    @Test
    void read_headerCellTooLong_limitExceededForTheFileNamingTheColumn() throws IOException {
        var error = onlyError(read("a,elevenchars\n1,2\n", SMALL));

        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isNull();
        assertThat(error.message()).startsWith("the header cell of column 2, \"elevenchars\", is longer than 10 characters");
    }

    @Test
    void read_moreBytesThanLimit_limitExceededForTheFile() throws IOException {
        var csv = utf8("a,b\n" + "1,2\n".repeat(500));

        var error = onlyError(read(csv, new CsvLimits(csv.length - 1, 10_000, 10, 100)));

        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).contains("INTAKE_MAX_FILE_BYTES");
    }

    /**
     * The parser builds every cell of a row before the row can be checked: one line of 120 million
     * commas (a 120 MB file, under the size limit) ran a 1.5 GB heap out of memory with no report
     * (found by review). A row is refused while it is read, past a hundred thousand cells, so what
     * reading it allocates is bounded, not by the commas.
     */
    @Test
    void read_lineOfTwentyMillionEmptyCells_allocatesMemoryBoundedByTheLimitsNotByTheCommas() throws IOException {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var csv = concat(utf8("a,b\n1,2"), utf8(",".repeat(20_000_000)), utf8("\n"));
        long before = threads.getCurrentThreadAllocatedBytes();

        var error = onlyError(read(csv, new CsvLimits(64L * 1024 * 1024, 10, 500, 32_767)));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated to read a file of %d bytes", csv.length).isLessThan(2L * csv.length);
        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isEqualTo(2);
        assertThat(error.message()).contains("row 2 has more than 100000 cells", "(INTAKE_MAX_COLUMNS)");
    }

    @Test
    void read_blankRowOfAHundredThousandCells_skippedOneMore_refusedOnItsRow() throws IOException {
        var skipped = read("a,b\n" + ",".repeat(RowSizeGuard.MAX_CELLS - 1) + "\n1,2\n");
        assertThat(skipped).isInstanceOf(CsvReadResult.Completed.class);

        var error = onlyError(read("a,b\n1,2\n" + ",".repeat(RowSizeGuard.MAX_CELLS) + "\n"));

        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isEqualTo(3);
        assertThat(error.message()).contains("row 3 has more than 100000 cells");
    }

    /**
     * A legal file of 40 MB (100,000 rows, cells of 400 characters) whose second row has an inch
     * mark inside an unquoted cell, which the parser reads as a plain character, is read whole:
     * the row guard took it for an opening quote, counted the rest of the file as one row, and
     * refused it on a row that was not too large (found by review).
     */
    @Test
    void read_inchMarkInAnUnquotedCellOfALargeFile_readsEveryRow() throws IOException {
        var description = "Hex washer stainless" + " x".repeat(190);
        var csv = "part_number,description\nP1,Pipe 3/4\" x 10\n" + ("P1," + description + "\n").repeat(100_000);

        var result = read(csv);

        assertThat(result).isEqualTo(new CsvReadResult.Completed(100_001));
    }

    @Test
    void read_bytesExactlyAtLimit_isFine() throws IOException {
        var csv = utf8("a,b\n" + "1,2\n".repeat(500));

        var result = read(csv, new CsvLimits(csv.length, 10_000, 10, 100));

        assertThat(result).isEqualTo(new CsvReadResult.Completed(500));
    }

    /**
     * A space after the comma before an opening quote, as people type CSV by hand: the cell is
     * quoted. It used to make the quote a character: the cell split at its comma and the halves,
     * with their stray quotes, landed in the next columns, and a short row imported so, shifted
     * (found by review).
     */
    @Test
    void read_spaceBeforeOpeningQuote_quotedCellKeepsItsComma() throws IOException {
        var result = read("part_number,quantity,BatchID,lot_number\nBRKT-220,1, \"B1, tray 3\"\n");

        assertThat(result).isEqualTo(new CsvReadResult.Completed(1));
        assertThat(visitor.rejected).isEmpty();
        assertThat(visitor.rows.getFirst().cells()).containsExactly("BRKT-220", "1", "B1, tray 3");
    }

    /**
     * With CR line ends (Excel for Mac's "CSV (Macintosh)"), a NUL or a byte that is not UTF-8 at
     * the start of row 4 is reported on row 4, and row 3 is read. The parser's look past a CR for
     * an LF used to meet the fault first: row 3 was lost and the error named it (found by review).
     */
    @Test
    void read_nulByteAfterCarriageReturnLineEnd_malformedAtThatRow() throws IOException {
        var error = onlyError(read("id,name\r1,ok\r2,ok\r\0x,3\r"));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(4);
        assertThat(error.message()).contains("row 4");
        assertThat(visitor.rowNumbers()).containsExactly(2, 3);
    }

    @Test
    void read_invalidUtf8AfterCarriageReturnLineEnd_malformedAtThatRow() throws IOException {
        var bytes = concat(utf8("id,name\r1,ok\r2,ok\r"), new byte[] {(byte) 0xE9}, utf8("x,3\r"));

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(4);
        assertThat(visitor.rowNumbers()).containsExactly(2, 3);
    }


    /**
     * Cells are trimmed (SPEC §4) of no-break spaces too, which web pages and pasted data put
     * around values. They used to stay, and the value named nothing, in an error quoting a name
     * that looked right (found by review).
     */
    @Test
    void read_noBreakSpacesAroundCells_areTrimmed() throws IOException {
        read("\u00a0part_number\u00a0,quantity\nFST-M3-10\u00a0,\u00a05\n");

        assertThat(visitor.headers).containsExactly(List.of("part_number", "quantity"));
        assertThat(visitor.rows.getFirst().cells()).containsExactly("FST-M3-10", "5");
    }

    private CsvReadResult read(String csv) throws IOException {
        return read(utf8(csv), CsvLimits.DEFAULT);
    }

    private CsvReadResult read(String csv, CsvLimits limits) throws IOException {
        return read(utf8(csv), limits);
    }

    private CsvReadResult read(byte[] bytes, CsvLimits limits) throws IOException {
        return new CsvFileReader(limits).read(stream(bytes), visitor);
    }

    /** Read by an importer that does not know the header's columns (a semicolon file's cells, split at a comma). */
    private CsvReadResult readRefusingTheHeader(String csv) throws IOException {
        var unknown = new ImportError(null, "id;part_number;Länge", null, ErrorCode.UNKNOWN_COLUMN, "unknown column", null);
        return new CsvFileReader(CsvLimits.DEFAULT).read(stream(utf8(csv)), new RecordingVisitor(List.of(unknown)));
    }

    /** The one error reading stopped with; a file-level stop never names a column. */
    private static ImportError onlyError(CsvReadResult result) {
        assertThat(result).isInstanceOf(CsvReadResult.Stopped.class);
        var errors = ((CsvReadResult.Stopped) result).errors();
        assertThat(errors).singleElement().extracting(ImportError::column).isNull();
        return errors.getFirst();
    }

    private static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * Found by review "numbersmac" on 7 December 2026: Apple Numbers' Export To, CSV, Advanced Options, Text
     * Encoding offers "Unicode (UTF-16)" and "Western (Mac OS Roman)" beside the default "Unicode
     * (UTF-8)". Such a file is told it is Excel's "Unicode Text" and to save it as "CSV UTF-8
     * (Comma delimited)", an Excel option a Numbers user does not have: the remedy should name
     * Numbers' setting too.
     */
    @Test
    void read_numbersUtf16CommaExport_messageNotExcelOnly() throws IOException {
        var bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "id,name\n1,Büro\n".getBytes(StandardCharsets.UTF_16LE));

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isNull();
        assertThat(error.message()).contains("a Numbers export in \"Unicode (UTF-16)\"", "Unicode (UTF-8)");
    }

    /** The same for a Numbers export in "Western (Mac OS Roman)": "ü" is the byte 0x9F, no UTF-8. */
    @Test
    void read_numbersMacRomanExport_messageNamesNumbersSetting() throws IOException {
        var bytes = "id,name\n1,Büro\n".getBytes(java.nio.charset.Charset.forName("x-MacRoman"));

        var error = onlyError(read(bytes, CsvLimits.DEFAULT));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(error.row()).isEqualTo(2);
        assertThat(error.message()).contains("Unicode (UTF-8)");
    }
}
