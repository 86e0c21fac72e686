package dev.intake.core.columns;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Requirement;
import dev.intake.core.catalog.User;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import dev.intake.core.values.KeyText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The value forms of Intake's columns (SPEC §5, docs/csv-format.md), each with its empty-cell
 * default, its problems and its written form. A column's type is all an importer needs to read
 * and write its cells.
 */
public final class CellTypes {

    // the defaults of blank attribute cells: values, so one each serves every row
    private static final CustomValue BLANK_TEXT = new CustomValue.Text("");
    private static final CustomValue BLANK_NUMBER = new CustomValue.Number(BigDecimal.ZERO);
    private static final CustomValue BLANK_FLAG = new CustomValue.Flag(false);

    private CellTypes() {}

    /** Free text; blank is unset. */
    public static final CellType<String> TEXT = new CellType<>() {
        public String read(String column, String text, RowCells cells) {
            refuseSpreadsheetError(column, text, cells);
            return text;
        }

        public String blank() {
            return null;
        }

        public String write(String value) {
            return value == null ? "" : value;
        }
    };

    /**
     * A serial number: free text, read in composed form (NFC). A serial copied on a Mac from a
     * Finder file name is decomposed (a letter and a combining accent) and looks the same
     * everywhere as the one typed elsewhere; matched exactly, "SN-Zürich-1" went onto a second unit
     * of one part (review "numbersmac", 7 December 2026). A stored serial written decomposed before
     * is the same value (not changed by its own export).
     */
    public static final CellType<String> SERIAL = new CellType<>() {
        public String read(String column, String text, RowCells cells) {
            return KeyText.composed(TEXT.read(column, text, cells));
        }

        public String blank() {
            return null;
        }

        public String write(String value) {
            return TEXT.write(value);
        }

        public boolean same(String a, String b) {
            return a == null || b == null ? a == b : KeyText.composed(a).equals(KeyText.composed(b));
        }
    };

    /**
     * What spreadsheet programs write in a cell whose formula failed (Excel's, and Google Sheets'
     * {@code #ERROR!}). A text cell holding one was run as a formula: an export's {@code '@lot}
     * saves as {@code @lot} (the program drops the guard's apostrophe), and opened and saved again
     * it is {@code #NAME?}, which was stored as the lot number. Excel writes them in the language
     * of its installation: the German, French, Spanish, Italian, Dutch and Portuguese ones were
     * stored as data (found by review "spreadsheetapps" on 7 December 2026).
     */
    private static final java.util.Set<String> SPREADSHEET_ERRORS = java.util.Set.of("#NAME?", "#VALUE!", "#REF!", "#N/A",
            "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
            "#GETTING_DATA", "#ERROR!",
            "#WERT!", "#BEZUG!", "#NV", "#ZAHL!", "#ÜBERLAUF!", "#BERECHNUNG!", "#FELD!", // German
            "#NOM?", "#VALEUR!", "#NOMBRE!", "#NUL!", "#PROPAGATION!", "#CHAMP!", // French
            "#¿NOMBRE?", "#¡VALOR!", "#¡REF!", "#¡DIV/0!", "#¡NUM!", "#¡NULO!", "#¡DESBORDAMIENTO!", // Spanish
            "#NOME?", "#VALORE!", "#RIF!", "#N/D", "#NULLO!", // Italian (and Portuguese's #NOME?, #N/D)
            "#VALOR!", "#NÚM!", "#NULO!", // Portuguese
            "#NAAM?", "#WAARDE!", "#VERW!", "#N/B", "#DEEL/0!", "#GETAL!", "#LEEG!"); // Dutch
    /** LibreOffice Calc's error text for most failed formulas: Err:502 (invalid argument), Err:508 (brackets), ... */
    private static final java.util.regex.Pattern CALC_ERROR = java.util.regex.Pattern.compile("Err:5\\d\\d");

    /** Whether {@code text} is what a spreadsheet writes where a formula failed ({@code #N/A}, {@code #NAME?}, ...). */
    public static boolean spreadsheetError(String text) {
        return !text.isEmpty() && (text.charAt(0) == '#' && SPREADSHEET_ERRORS.contains(text.toUpperCase(Locale.ROOT))
                || text.charAt(0) == 'E' && CALC_ERROR.matcher(text).matches());
    }

    /** Why a cell holding {@link #spreadsheetError} text is refused, and what to do. */
    static final String SPREADSHEET_ERROR_WHY = "what a spreadsheet writes where a formula failed: the cell was run as a"
            + " formula (a value starting with =, +, - or @ whose leading apostrophe a save dropped); type the value"
            + " again, as text, and save";

    /** Fails {@code column} where {@code text} is what a spreadsheet writes where a formula failed. */
    public static void refuseSpreadsheetError(String column, String text, RowCells cells) {
        if (spreadsheetError(text)) {
            cells.fail(column, text, ErrorCode.SPREADSHEET_ERROR, column + " is \"" + text + "\", " + SPREADSHEET_ERROR_WHY);
        }
    }

    /** A lookup id (inventory {@code id}): a positive whole number; blank is "not given", never 0. */
    public static final CellType<Long> ID = new CellType<>() {
        public Long read(String column, String text, RowCells cells) {
            var id = CellValues.positiveId(text);
            if (id.isEmpty()) {
                cells.fail(column, text, ErrorCode.INVALID_ID, column + (CellValues.idTooLong(text)
                        ? " has more than " + CellValues.MAX_ID_DIGITS + " digits, the most an id has" : " must be a positive whole number")
                        + ", got \"" + text + "\"");
            }
            return id.orElse(null);
        }

        public Long blank() {
            return null;
        }

        public String write(Long value) {
            return value == null ? "" : value.toString();
        }
    };

    /** A quantity or cost: a non-negative plain decimal; blank is 0. */
    public static final CellType<BigDecimal> QUANTITY = new DecimalType() {
        public BigDecimal read(String column, String text, RowCells cells) {
            var number = super.read(column, text, cells);
            if (number != null && number.signum() < 0) {
                cells.fail(column, text, ErrorCode.NEGATIVE_NUMBER, column + " must be zero or more, got " + text);
                return null;
            }
            return number;
        }
    };

    /** What a cell of each type may hold, as the errors say it (SPEC §5). */
    private static final String NUMBER_FORMS = "a plain number such as 12 or 12.5";
    private static final String BOOLEAN_FORMS = "true/false, yes/no, y/n, t/f or 1/0";
    private static final String DATE_FORMS = "a date such as 2026-01-31, 1/31/2026 or 31-Jan-2026";

    /** What a refused date looks like it is: a day-first date, or a spreadsheet's day number. */
    private static String dateNote(String text) {
        var note = dayFirstNote(text);
        if (!note.isEmpty()) {
            return note;
        }
        return CellValues.noSuchDay(text).map(why -> " (" + why + ")").orElseGet(() -> dayNumberNote(text) + localFormNote(text));
    }

    /** A date with dots, day first (German, Swiss, ...), and a two-digit year, as spreadsheets write them by default. */
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})([ Tt]\\d{1,2}:\\d{2}(:\\d{2})?)?");
    private static final Pattern TWO_DIGIT_YEAR = Pattern.compile("\\d{1,2}[/.-](\\d{1,2}|[A-Za-z]{3})[/.-]\\d{2}");

    /** What a date in a form a spreadsheet writes by default for its region is, and how to write it (review "spreadsheetapps"). */
    private static String localFormNote(String text) {
        var dotted = DOTTED.matcher(text);
        if (dotted.matches()) {
            try {
                var day = LocalDate.of(Integer.parseInt(dotted.group(3)), Integer.parseInt(dotted.group(2)), Integer.parseInt(dotted.group(1)));
                return " (a date with dots, as a German or Swiss spreadsheet writes it: write it year first, as " + day + ")";
            } catch (java.time.DateTimeException noSuchDay) {
                return "";
            }
        }
        if (TWO_DIGIT_YEAR.matcher(text).matches()) {
            return " (its year has two digits: format the column as a date with a four-digit year, yyyy-mm-dd, and save again)";
        }
        return "";
    }

    /** Day numbers spreadsheets count from 30 December 1899: 20,000 is 1954, 80,000 is 2119. */
    private static final Pattern DAY_NUMBER = Pattern.compile("[2-7]\\d{4}");

    /**
     * A date saved as a spreadsheet's day number (a date column formatted as General or Number
     * saves 2027-01-15 as 46402): the refusal said only what forms a date takes, not what the
     * spreadsheet did, nor which day the number is.
     */
    private static String dayNumberNote(String text) {
        if (!DAY_NUMBER.matcher(text).matches()) {
            return "";
        }
        var day = LocalDate.of(1899, 12, 30).plusDays(Integer.parseInt(text));
        return " (it looks like a spreadsheet's day number, " + day + ": format the column as a date, yyyy-mm-dd, and"
                + " save again)";
    }

    /**
     * What a refused day-first date says besides: numeric dates are read month first, and the
     * file's others that read either way (03/04/2027) are refused with it ({@link #refuseEitherWay}):
     * writing them all year first is what settles them.
     */
    private static String dayFirstNote(String text) {
        // only slashes are read month first; a date that is no day either way (32/01, 31/04) gets no note
        return NumericDates.onlyDayFirst(text).map(day -> " (it looks day first: dates written with numbers only are read"
                + " month first, and the file's others that read either way are refused too; write the file's dates year"
                + " first, as " + day + ")").orElse("");
    }

    /**
     * Refuses a date that reads either way (03/04/2027) in a file that writes dates day first
     * ({@link FileTraits#dayFirst}): read month first, it would be stored as another day than meant.
     */
    private static boolean refuseEitherWay(String column, String text, RowCells cells) {
        var dayFirst = cells.lookups().traits().dayFirst();
        var other = dayFirst == null ? Optional.<LocalDate>empty() : NumericDates.otherReading(text);
        var read = other.isEmpty() ? Optional.<LocalDate>empty() : CellValues.date(text);
        if (read.isEmpty()) {
            return false;
        }
        cells.fail(column, text, ErrorCode.INVALID_DATE, column + " \"" + text + "\" is read month first, as "
                + read.get() + ", but this file writes dates day first (row " + dayFirst.row() + ", "
                + dayFirst.column() + " \"" + dayFirst.text() + "\"), so it may mean " + other.get() + ": write it year first,"
                + " as " + other.get() + " or as the day meant, or format the column as a date, yyyy-mm-dd, and save again");
        return true;
    }

    /** A boolean in any of SPEC §5's forms; blank is false. */
    public static final CellType<Boolean> FLAG = new CellType<>() {
        public Boolean read(String column, String text, RowCells cells) {
            var value = CellValues.bool(text);
            if (value.isEmpty()) {
                cells.fail(column, text, ErrorCode.INVALID_BOOLEAN,
                        column + " must be " + BOOLEAN_FORMS + ", got \"" + text + "\"");
            }
            return value.orElse(null);
        }

        public Boolean blank() {
            return false;
        }

        public String write(Boolean value) {
            return Boolean.toString(Boolean.TRUE.equals(value));
        }
    };

    /** A date in one of SPEC §5's forms, written as ISO; blank is unset. */
    public static final CellType<LocalDate> DATE = new CellType<>() {
        public LocalDate read(String column, String text, RowCells cells) {
            if (refuseEitherWay(column, text, cells)) {
                return null;
            }
            var date = CellValues.date(text);
            if (date.isEmpty()) {
                cells.fail(column, text, ErrorCode.INVALID_DATE,
                        column + " must be " + DATE_FORMS + ", got \"" + text + "\"" + dateNote(text));
            }
            return date.orElse(null);
        }

        public LocalDate blank() {
            return null;
        }

        public String write(LocalDate value) {
            return value == null ? "" : value.toString();
        }

        public boolean date() {
            return true;
        }
    };

    /** A catalog user by e-mail, any case, stored as the catalog spells it; blank is unset. */
    public static final CellType<String> USER = new NameType() {
        String find(String text, Catalog catalog) {
            return catalog.user(text).map(User::email).orElse(null);
        }

        String unknown(String text) {
            return "no user with email \"" + text + "\" exists";
        }

        String kind() {
            return "user";
        }

        Collection<String> names(Catalog catalog) {
            return catalog.usersByEmail().values().stream().map(User::email).toList();
        }
    };

    /**
     * Labels, a list matched case-insensitively; a label the catalog does not have is created
     * with the spelling first seen. The same label twice (in any case) is kept once, as first
     * written. Blank is no labels. A label's name is part of a DynamoDB key ({@link KeyText}).
     */
    public static final CellType<List<String>> LABELS = new ListType() {
        ListItem item(String column, String name, RowCells cells) {
            boolean formulaError = spreadsheetError(name);
            if ((formulaError || name.indexOf(',') >= 0) && cells.lookups().catalog().labels().find(name).isEmpty()) {
                var refused = newLabelRefused(name, formulaError, cells); // one the catalog has is matched (review "own53d")
                if (refused != null) {
                    return refused;
                }
            }
            if (!KeyText.fitsLowercased(name)) {
                // the label named, briefly: two such labels said the same words twice (review "own49")
                return new ListItem.Refused(ErrorCode.LIMIT_EXCEEDED, "label " + ImportError.inQuotes(name, NAMED_LABEL_LENGTH)
                        + " takes " + KeyText.lowercasedBytes(name) + " bytes", "a label in " + column + " is part of a DynamoDB key, and may"
                        + " take at most " + KeyText.MAX_BYTES + " bytes of UTF-8 (in lower case and composed, as it is keyed)");
            }
            return new ListItem.Found(cells.lookups().label(name));
        }
    };

    /**
     * Why a new label {@code name} holding a formula's error text or a comma is refused; null where
     * it is not. Google Sheets' multi-select and hand-typed lists write "a, b": the one new label
     * "a, b" stayed in the org's catalog for good (review "spreadsheetapps"). One given back with
     * "?" for lost characters is told to save as CSV UTF-8 instead, later (review "own53c").
     */
    private static ListItem.Refused newLabelRefused(String name, boolean formulaError, RowCells cells) {
        if (formulaError) {
            return new ListItem.Refused(ErrorCode.SPREADSHEET_ERROR, "label " + ImportError.inQuotes(name), SPREADSHEET_ERROR_WHY);
        }
        var labels = cells.lookups().catalog().labels().byLowerCase().values();
        return LostCharacters.nameGivenBackBy(cells, name, labels).isPresent() ? null
                : new ListItem.Refused(ErrorCode.UNKNOWN_REFERENCE, "label " + ImportError.inQuotes(name, NAMED_LABEL_LENGTH),
                        "a new label may not hold a comma: labels in a list are separated by \";\" (Google Sheets' multi-select"
                        + " writes \"a, b\"); write them \"a; b\", or add such a label to the org's catalog first");
    }

    /** A catalog name (location, supplier, unit, intent option, currency), matched in any case; blank is unset. */
    public static CellType<String> reference(Function<Catalog, NameIndex> names, String what) {
        return new NameType() {
            String find(String text, Catalog catalog) {
                return names.apply(catalog).find(text).orElse(null);
            }

            String unknown(String text) {
                return "no " + what + " named \"" + text + "\" exists";
            }

            String kind() {
                return what;
            }

            Collection<String> names(Catalog catalog) {
                return names.apply(catalog).byLowerCase().values();
            }
        };
    }

    /** The title of a requirement of {@code type} (TERMS_AND_CONDITIONS), in any case; blank is unset. */
    public static CellType<String> requirement(String type) {
        return new NameType() {
            String find(String text, Catalog catalog) {
                return catalog.requirement(text, type).map(Requirement::title).orElse(null);
            }

            String unknown(String text) {
                return "no " + type + " requirement titled \"" + text + "\" exists";
            }

            String kind() {
                return type + " requirement";
            }

            Collection<String> names(Catalog catalog) {
                return titles(catalog, type);
            }
        };
    }

    private static List<String> titles(Catalog catalog, String type) {
        return catalog.requirementsByTitle().values().stream().filter(r -> r.type().equals(type)).map(Requirement::title).toList();
    }

    /** A list of titles of requirements of {@code type} (QUALITY_CLAUSE), each once; blank is none. */
    public static CellType<List<String>> requirements(String type) {
        return new ListType() {
            ListItem item(String column, String title, RowCells cells) {
                var catalog = cells.lookups().catalog();
                return catalog.requirement(title, type).<ListItem>map(found -> new ListItem.Found(found.title()))
                        .orElseGet(() -> LostCharacters.nameGivenBackBy(cells, title, titles(catalog, type))
                                .<ListItem>map(lostFrom -> new ListItem.Refused(ErrorCode.MALFORMED_CSV,
                                        LostCharacters.matchesNoneBut(column, title, type + " requirement", lostFrom, null), ""))
                                .orElseGet(() -> spreadsheetError(title)
                                        ? new ListItem.Refused(ErrorCode.SPREADSHEET_ERROR, type + " requirement " + ImportError.inQuotes(title),
                                                SPREADSHEET_ERROR_WHY)
                                        : new ListItem.Refused(ErrorCode.UNKNOWN_REFERENCE,
                                        "no " + type + " requirement titled \"" + title + "\" exists", title.indexOf(',') < 0 ? ""
                                        : "items of a list are separated by \";\" (Google Sheets' multi-select writes \"a, b\")")));
            }
        };
    }

    /** A custom attribute of {@code type}; blank is the type's empty default: "", 0, false, unset for a date. */
    public static CellType<CustomValue> attribute(AttributeType type) {
        return new CellType<>() {
            public CustomValue read(String column, String text, RowCells cells) {
                if (type == AttributeType.NUMBER && refusePointThousands(column, text, cells)
                        || type == AttributeType.DATE && refuseEitherWay(column, text, cells)) {
                    return null;
                }
                CustomValue value = switch (type) {
                    case TEXT -> {
                        refuseSpreadsheetError(column, text, cells);
                        yield new CustomValue.Text(text);
                    }
                    case NUMBER -> CellValues.decimal(text).map(CustomValue.Number::new).orElse(null);
                    case BOOLEAN -> CellValues.bool(text).map(CustomValue.Flag::new).orElse(null);
                    case DATE -> CellValues.date(text).map(CustomValue.Day::new).orElse(null);
                };
                if (value == null) {
                    refuseAttribute(type, column, text, cells);
                }
                return value;
            }

            public CustomValue blank() {
                return switch (type) {
                    case TEXT -> BLANK_TEXT;
                    case NUMBER -> BLANK_NUMBER;
                    case BOOLEAN -> BLANK_FLAG;
                    case DATE -> null;
                };
            }

            public String write(CustomValue value) {
                return switch (value) {
                    case null -> "";
                    case CustomValue.Text text -> text.value();
                    case CustomValue.Number number -> CellValues.plain(number.value());
                    case CustomValue.Flag flag -> Boolean.toString(flag.value());
                    case CustomValue.Day day -> day.value().toString();
                };
            }

            public boolean numeric() {
                return type == AttributeType.NUMBER;
            }

            public boolean date() {
                return type == AttributeType.DATE;
            }

            public boolean same(CustomValue a, CustomValue b) {
                if (a instanceof CustomValue.Number x && b instanceof CustomValue.Number y) {
                    return x.value().compareTo(y.value()) == 0;
                }
                return CellType.super.same(a, b);
            }
        };
    }

    /**
     * Reports a value a typed attribute cannot take, saying what to write as the standard columns
     * say it: the errors CSV's cell is all the user sees. (A text attribute takes any text.)
     */
    private static void refuseAttribute(AttributeType type, String column, String text, RowCells cells) {
        var code = switch (type) {
            case NUMBER -> ErrorCode.INVALID_NUMBER;
            case BOOLEAN -> ErrorCode.INVALID_BOOLEAN;
            case DATE, TEXT -> ErrorCode.INVALID_DATE;
        };
        var forms = switch (type) {
            case NUMBER -> NUMBER_FORMS;
            case BOOLEAN -> BOOLEAN_FORMS;
            case DATE, TEXT -> DATE_FORMS;
        };
        var limit = type == AttributeType.NUMBER ? CellValues.numberLimitBroken(text) : Optional.<String>empty();
        cells.fail(column, text, code, limit.isPresent()
                ? limitBroken(column, text, limit.get())
                : column + " is a " + type.name().toLowerCase(Locale.ROOT) + " attribute and must be " + forms
                        + ", got \"" + text + "\"" + switch (type) {
                            case DATE -> dateNote(text);
                            case NUMBER -> FormattedNumbers.note(text);
                            case BOOLEAN, TEXT -> "";
                        });
    }

    /** Refuses a number grouped by points in a file that writes decimal commas ({@link FormattedNumbers#readAsThousands}). */
    private static boolean refusePointThousands(String column, String text, RowCells cells) {
        var problem = FormattedNumbers.readAsThousands(text, cells.lookups().traits().decimalComma());
        if (problem != null) {
            cells.fail(column, text, ErrorCode.INVALID_NUMBER, column + " is " + problem);
        }
        return problem != null;
    }

    private static String limitBroken(String column, String text, String limit) {
        return column + " " + limit + ", got \"" + text + "\"";
    }

    /** A plain decimal, written without an exponent; blank is 0. */
    static class DecimalType implements CellType<BigDecimal> {
        public BigDecimal read(String column, String text, RowCells cells) {
            var number = CellValues.decimal(text);
            if (number.isEmpty()) {
                cells.fail(column, text, ErrorCode.INVALID_NUMBER, CellValues.numberLimitBroken(text)
                        .map(limit -> limitBroken(column, text, limit))
                        .orElse(column + " must be " + NUMBER_FORMS + ", got \"" + text + "\"" + FormattedNumbers.note(text)));
                return null;
            }
            return refusePointThousands(column, text, cells) ? null : number.get();
        }

        public boolean numeric() {
            return true;
        }

        public BigDecimal blank() {
            return BigDecimal.ZERO;
        }

        public String write(BigDecimal value) {
            return value == null ? "" : CellValues.plain(value);
        }

        public boolean same(BigDecimal a, BigDecimal b) {
            return a == null || b == null ? a == b : a.compareTo(b) == 0;
        }
    }

    /** A name looked up in the catalog, stored in the catalog's spelling. */
    abstract static class NameType implements CellType<String> {
        abstract String find(String text, Catalog catalog);

        abstract String unknown(String text);

        /** What the names are of, in a message: "supplier". */
        abstract String kind();

        /** Every name of the kind, as the catalog spells them: looked through only for a name not found. */
        abstract Collection<String> names(Catalog catalog);

        /**
         * A name not found that is one of the catalog's with "?" for some characters is told to be
         * saved as CSV UTF-8 (found by review "own51b" on 7 December 2026: "no supplier named
         * "M?ller GmbH" exists", where the catalog has "Müller GmbH").
         */
        public String read(String column, String text, RowCells cells) {
            var catalog = cells.lookups().catalog();
            var found = find(text, catalog);
            if (found == null) {
                LostCharacters.failUnknownName(cells, column, text, kind(), names(catalog), unknown(text));
            }
            return found;
        }

        public String blank() {
            return null;
        }

        public String write(String value) {
            return value == null ? "" : value;
        }

        /**
         * One name in any case, as the catalog matches it: a stored record keeps the spelling it
         * was written with, and a catalog load may re-spell the name since; compared by spelling,
         * the same value was a change a settled record refused.
         */
        public boolean same(String a, String b) {
            // the same spelling first, as it mostly is: no lower-casing on every cell of an update
            return a == null || b == null ? a == b : a.equals(b) || NameIndex.key(a).equals(NameIndex.key(b));
        }
    }

    /** How much of a label too long a message quotes: three of them fit in one message, after the reason. */
    private static final int NAMED_LABEL_LENGTH = 40;

    /** An item of a list cell: as it is stored, or why it is refused. */
    sealed interface ListItem {
        record Found(String name) implements ListItem {}

        /** {@code message} names the item; {@code why}, said once, first, for all the items refused alike, may be "". */
        record Refused(ErrorCode code, String message, String why) implements ListItem {}
    }

    /**
     * A semicolon-delimited list (blank items ignored), each item resolved by {@link #item} and kept
     * once, in any case, as first written. Items refused fail the cell once, with the first as its
     * value and code and the first three ({@code REFUSALS_NAMED}) in its message, and how many
     * more: the list stopped at its first, and the upload with that one fixed failed on the next
     * (found by review "errorsdoc" on 7 December 2026).
     */
    abstract static class ListType implements CellType<List<String>> {
        private static final int REFUSALS_NAMED = 3;

        abstract ListItem item(String column, String text, RowCells cells);

        public List<String> read(String column, String text, RowCells cells) {
            var items = new LinkedHashMap<String, String>();
            String firstRefused = null;
            List<ListItem.Refused> refusals = null; // made only for the rare cell with an item refused: a list is read every row
            for (var name : CellValues.list(text)) {
                switch (item(column, name, cells)) {
                    case ListItem.Found found -> items.putIfAbsent(NameIndex.key(found.name()), found.name());
                    case ListItem.Refused refused -> {
                        if (refusals == null) {
                            refusals = new ArrayList<>();
                            firstRefused = name;
                        }
                        refusals.add(refused);
                    }
                }
            }
            if (refusals != null) {
                cells.fail(column, firstRefused, refusals.getFirst().code(), described(refusals));
                return null;
            }
            return List.copyOf(items.values());
        }

        private static String described(List<ListItem.Refused> refusals) {
            var named = String.join("; ", refusals.stream().limit(REFUSALS_NAMED).map(ListItem.Refused::message).toList())
                    + (refusals.size() <= REFUSALS_NAMED ? "" : "; and " + (refusals.size() - REFUSALS_NAMED) + " more items at fault");
            // the reason first: after three labels' names it was cut at the 400 characters of a message (review "own49b")
            var why = refusals.stream().map(ListItem.Refused::why).filter(text -> !text.isEmpty()).distinct().toList();
            return why.isEmpty() ? named : String.join("; ", why) + ": " + named;
        }

        public List<String> blank() {
            return List.of();
        }

        public String write(List<String> values) {
            return values == null ? "" : String.join("; ", values);
        }

        /** The same names in the same order, each in any case (as {@link NameType#same}). */
        public boolean same(List<String> a, List<String> b) {
            if (a == null || b == null || a.size() != b.size()) {
                return a == b;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i)) && !NameIndex.key(a.get(i)).equals(NameIndex.key(b.get(i)))) {
                    return false;
                }
            }
            return true;
        }
    }
}
