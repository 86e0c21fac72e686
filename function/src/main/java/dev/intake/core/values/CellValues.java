package dev.intake.core.values;

import java.math.BigDecimal;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parsers for the value forms of SPEC §5. Each returns empty when the text is not of its form;
 * callers turn that into the right error code. None accepts blank text: blank cells are handled
 * by the caller's empty-cell default.
 */
public final class CellValues {

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "t", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "f", "0");

    /** Plain decimals only: no exponent, no thousands separator, no NaN or Infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    /** The most digits an inventory id has: 18 digits always fit in a long. */
    public static final int MAX_ID_DIGITS = 18;

    // leading zeros aside (0042 is 42, as docs/part-inventory.md says): 0000000000000001001 was
    // "more than 18 digits"
    private static final Pattern ID = Pattern.compile("\\+?0*\\d{1," + MAX_ID_DIGITS + "}");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\+?0*[1-9]\\d{" + MAX_ID_DIGITS + ",}");

    /** Longest accepted number, so a pathological cell cannot build a huge BigDecimal. */
    public static final int MAX_NUMBER_LENGTH = 40;

    /**
     * DynamoDB stores a number of at most 38 significant digits (leading and trailing zeros
     * aside), and refuses the whole item otherwise: such a number fails its cell instead.
     */
    public static final int MAX_SIGNIFICANT_DIGITS = 38;

    /** Month-first and day-month-name forms, as pandas reads them; strict so 2/30 is rejected. */
    private static final List<String> DATE_PATTERNS = List.of(
            "uuuu-M-d", "M/d/uuuu", "d-MMM-uuuu", "MMM d, uuuu", "MMM d uuuu", "MMMM d, uuuu", "MMMM d uuuu",
            "uuuu/M/d", "d MMM uuuu", "d MMMM uuuu", "EEEE, MMMM d, uuuu");
    private static final List<DateTimeFormatter> DATE_FORMS = DATE_PATTERNS.stream().map(CellValues::strict).toList();
    /** The same forms writing two digits for a month or day number, as ISO date-times must (2026-02-28T14:30+01:00). */
    private static final List<DateTimeFormatter> PADDED_DATE_FORMS = DATE_PATTERNS.stream()
            .map(pattern -> pattern.replaceAll("(?<!M)M(?!M)", "MM").replaceAll("(?<!d)d(?!d)", "dd"))
            .map(CellValues::strict).toList();

    private static final DateTimeFormatter MONTH_FIRST_DATE_TIME = strict("M/d/uuuu'T'H:mm[:ss][.SSS]");
    /**
     * The month-first date-time of a twelve-hour clock, as US systems write a date (.NET's and an
     * ERP's 12/7/2026 12:00:00 AM, Excel's m/d/yyyy h:mm AM/PM): refused until 7 December 2026
     * (review "dates"), with the milliseconds .NET writes (12/7/2026 14:30:00.000).
     */
    private static final DateTimeFormatter MONTH_FIRST_TWELVE_HOUR = strict("M/d/uuuu'T'h:mm[:ss]'T'a");

    /**
     * Year first with an hour of one digit, as a spreadsheet shows a time: Japanese Excel's
     * date-time (2026/12/31 9:05) and an ISO date with such a time, which ISO parsing refuses.
     */
    private static final DateTimeFormatter YEAR_FIRST_SLASHED_DATE_TIME = strict("uuuu/M/d'T'H:mm[:ss]");
    private static final DateTimeFormatter YEAR_FIRST_DATE_TIME = strict("uuuu-M-d'T'H:mm[:ss]");

    /** Each parses a date-time whose date and time a T separates. */
    private static final List<Function<String, LocalDate>> DATE_TIME_PARSERS = List.of(
            text -> OffsetDateTime.parse(text).toLocalDate(),
            text -> LocalDateTime.parse(text).toLocalDate(),
            text -> LocalDateTime.parse(text, MONTH_FIRST_DATE_TIME).toLocalDate(),
            text -> LocalDateTime.parse(text, MONTH_FIRST_TWELVE_HOUR).toLocalDate(),
            text -> LocalDateTime.parse(text, YEAR_FIRST_SLASHED_DATE_TIME).toLocalDate(),
            text -> LocalDateTime.parse(text, YEAR_FIRST_DATE_TIME).toLocalDate());

    private CellValues() {}

    public static Optional<Boolean> bool(String text) {
        var lower = text.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return Optional.of(true);
        }
        return FALSE.contains(lower) ? Optional.of(false) : Optional.empty();
    }

    public static Optional<BigDecimal> decimal(String text) {
        var value = plainDecimal(text);
        // a text of at most 38 characters has at most 38 digits: only longer ones are counted
        return text.length() <= MAX_SIGNIFICANT_DIGITS ? value
                : value.filter(number -> number.stripTrailingZeros().precision() <= MAX_SIGNIFICANT_DIGITS);
    }

    /**
     * {@code number} as a plain decimal that {@link #decimal} reads back, without trailing zeros,
     * as DynamoDB gives it back: a dry run showed a fee going to "50.00" that the commit stored, and
     * the export wrote, as "50" (review "fees", 7 December 2026). Plain text can be longer than the
     * text it was read from (".000…5" comes back from DynamoDB as 5E-39, written "0.000…5"): past
     * the length limit the leading zero goes, which puts it back within it.
     */
    public static String plain(BigDecimal number) {
        var text = number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        if (text.length() <= MAX_NUMBER_LENGTH) {
            return text;
        }
        return text.startsWith("0.") ? text.substring(1) : text.startsWith("-0.") ? "-" + text.substring(2) : text;
    }

    /**
     * Which limit a plain decimal breaks, as an error says it: longer than is read, or more
     * significant digits than DynamoDB stores. Empty when the text is no plain decimal, or is read.
     */
    public static Optional<String> numberLimitBroken(String text) {
        if (!DECIMAL.matcher(text).matches() || decimal(text).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(text.length() > MAX_NUMBER_LENGTH
                ? "is longer than " + MAX_NUMBER_LENGTH + " characters, the longest number Intake reads"
                : "has more than " + MAX_SIGNIFICANT_DIGITS + " significant digits, the most DynamoDB stores");
    }

    /** Whether {@code text} is all digits, but more of them than an id has. */
    public static boolean idTooLong(String text) {
        return LONG_DIGITS.matcher(text).matches();
    }

    private static Optional<BigDecimal> plainDecimal(String text) {
        if (text.length() > MAX_NUMBER_LENGTH || !DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        var value = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        // -0 is zero: a plain BigDecimal keeps no negative zero, but normalise the scale for stable output.
        return Optional.of(value.signum() == 0 ? BigDecimal.ZERO : value);
    }

    /** A positive whole number that fits in a long: the form of inventory ids. */
    public static Optional<Long> positiveId(String text) {
        if (!ID.matcher(text).matches()) {
            return Optional.empty();
        }
        long id = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        return id > 0 ? Optional.of(id) : Optional.empty();
    }

    public static Optional<LocalDate> date(String text) {
        // the patterns' year (uuuu) also reads a sign and more digits: -2026 is no year anyone means
        if (signedYear(text)) {
            return Optional.empty();
        }
        return anyForm(text).filter(date -> date.getYear() >= 1 && date.getYear() <= 9999);
    }

    /**
     * Whether a plus sign stands where no offset can: first, or after anything but a digit (an
     * offset's follows the time). A year of five digits with a sign, {@code +02026}, is read as
     * 2026 by the patterns' year, which refuses a sign only on four.
     */
    private static boolean signedYear(String text) {
        for (int at = text.indexOf('+'); at >= 0; at = text.indexOf('+', at + 1)) {
            if (at == 0 || !Character.isDigit(text.charAt(at - 1))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<LocalDate> anyForm(String text) {
        for (var form : DATE_FORMS) {
            // a form the text does not have is told apart without an exception: a date column is read every row
            var position = new ParsePosition(0);
            if (form.parseUnresolved(text, position) == null || position.getIndex() != text.length()) {
                continue;
            }
            try {
                return Optional.of(LocalDate.parse(text, form));
            } catch (DateTimeParseException noSuchDate) {
                // the form, but no such day (2/30): try the next form
            }
        }
        return dateTime(text);
    }

    /**
     * Why {@code text}, written in one of the date forms, is no day ("February 2026 has 28 days",
     * "there is no month 13"), or empty: {@code 2026-02-30} was told the forms a date takes, which
     * it has (found by review "errorsdoc" on 7 December 2026).
     */
    public static Optional<String> noSuchDay(String text) {
        if (signedYear(text)) {
            return Optional.empty(); // refused whatever its day: the forms say enough
        }
        var why = noSuchDayIn(text, "");
        // a date-time's date: 2026-02-30T14:30:00 is an accepted form too (review "own49")
        var time = DATE_TIME_TAIL.matcher(text);
        return why.isPresent() || !time.find() ? why : noSuchDayIn(text.substring(0, time.start()), text.substring(time.start()));
    }

    /** A time after a date, as the date-time forms write it ("T14:30:00", " 9:05", an offset), to take off. */
    private static final Pattern DATE_TIME_TAIL = Pattern.compile( // t and z in either case, offsets of hours to seconds (review "own49c")
            "[Tt ]\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)?\\s*([Zz]|[+-]\\d{2}(:?\\d{2}(:?\\d{2})?)?|[AaPp][Mm])?$");

    /**
     * Why {@code date}, in one of the date forms, is no day, where the same text with a day that
     * is one (the month's last, or the 1st; December for a month past it) followed by {@code time}
     * is read: a note told a form that takes no time, or an offset without its colon, to fix a day
     * it would refuse with any (review "own49b").
     */
    private static Optional<String> noSuchDayIn(String date, String time) {
        for (int i = 0; i < DATE_FORMS.size(); i++) {
            var form = DATE_FORMS.get(i);
            var position = new ParsePosition(0);
            var fields = form.parseUnresolved(date, position);
            if (fields == null || position.getIndex() != date.length() || !fields.isSupported(ChronoField.YEAR)
                    || !fields.isSupported(ChronoField.MONTH_OF_YEAR) || !fields.isSupported(ChronoField.DAY_OF_MONTH)) {
                continue;
            }
            long year = fields.getLong(ChronoField.YEAR);
            long month = fields.getLong(ChronoField.MONTH_OF_YEAR);
            long day = fields.getLong(ChronoField.DAY_OF_MONTH);
            if (year < 1 || year > 9999) {
                continue; // no year anyone means ("uuuu" reads ten digits with a sign): the forms say enough
            }
            var yearMonth = YearMonth.of((int) year, (int) Math.max(1, Math.min(12, month)));
            String why = month < 1 || month > 12 ? "there is no month " + month
                    : day < 1 ? "there is no day " + day
                    : day > yearMonth.lengthOfMonth() ? yearMonth.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                            + yearMonth.getYear() + " has " + yearMonth.lengthOfMonth() + " days"
                    : null;
            if (why == null) {
                continue;
            }
            var aDay = yearMonth.atDay((int) Math.max(1, Math.min(yearMonth.lengthOfMonth(), day)));
            boolean readWithADay = date(form.format(aDay) + time).isPresent() || date(PADDED_DATE_FORMS.get(i).format(aDay) + time).isPresent();
            return readWithADay ? Optional.of(why) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A cell as read, and each item of a list: the CSV parser trims with {@link String#trim},
     * which keeps the no-break space that web pages and pasted data put in spreadsheets (and a
     * second byte order mark a tool put before the first, and a zero-width space: see
     * {@link #invisible}): a cell loses those too, or
     * "FST-M3-10\u00A0" named no part, with an error quoting a name that looked right (found by
     * review on 4 December 2026).
     */
    public static String trimmed(String cell) {
        if (cell.isEmpty() || !invisible(cell.charAt(0)) && !invisible(cell.charAt(cell.length() - 1))) {
            return cell; // nearly every cell: two comparisons
        }
        int from = 0;
        int to = cell.length();
        while (from < to && invisible(cell.charAt(from))) {
            from++;
        }
        while (to > from && invisible(cell.charAt(to - 1))) {
            to--;
        }
        return cell.substring(from, to);
    }

    /**
     * Spaces, and the invisible format characters text pasted from a web page, an e-mail or a chat
     * carries (zero-width space, word joiner, soft hyphen, byte order mark, direction marks): kept at
     * a cell's end, "SN-1\u200B" was a new serial beside SN-1, and "PO-900\u200B" a new PO that
     * looked like PO-900 everywhere. Format characters that
     * show or shape stay: Arabic number signs, which stand before the digits they mark, and the
     * zero-width joiner and non-joiner, which change how the letter beside them is drawn (a
     * Malayalam word ending in a ZWJ lost its last letter's form).
     */
    private static boolean invisible(char c) {
        if (c < 0x80) {
            return c <= ' ';
        }
        return Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT && !shownOrShaping(c);
    }

    private static boolean shownOrShaping(char c) {
        return c >= '\u0600' && c <= '\u0605' || c == '\u06DD' || c == '\u070F' || c == '\u0890' || c == '\u0891'
                || c == '\u08E2' || c == '\u200C' || c == '\u200D';
    }

    /**
     * Semicolon-delimited list; blank items are ignored (SPEC §5). Items are trimmed as cells are:
     * French typography puts a no-break space before ';', which String.trim kept, so a new label
     * was created with it.
     */
    public static List<String> list(String text) {
        return Arrays.stream(text.split(";")).map(CellValues::trimmed).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * ISO date-times, with a T or a space, with or without an offset, and the month-first
     * date-time a spreadsheet exports (1/31/2026 14:30): the date is what counts. The space with
     * an offset and the month-first form were refused until 3 December 2026.
     */
    private static Optional<LocalDate> dateTime(String text) {
        // the narrow no-break space ICU writes before AM/PM (.NET, Java, macOS; review "own52"), a no-break space too
        var withT = text.replace(' ', 'T').replace('\u202F', 'T').replace('\u00A0', 'T');
        for (var parse : DATE_TIME_PARSERS) {
            try {
                return Optional.of(parse.apply(withT));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter strict(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
