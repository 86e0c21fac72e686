package dev.intake.core.purchasing;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.columns.CellType;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.columns.FormattedNumbers;
import dev.intake.core.columns.RowCells;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code fees} cell: {@code Name[value][type];Name[value][type]} (seed page, "Fees"). A value
 * is a non-negative plain decimal, a percentage at most 100, a name unique in any case. Parsing
 * returns the fees or the first problem, as a value; {@link #TYPE} is the cell type of the column.
 */
final class FeeList {

    /**
     * A whole fee's [value][type], then another whole fee, joined by a comma or a space, not by ";"
     * (one malformed fee with a bracketed word is not two: review "own54c"; Google Sheets joins a
     * list "a, b"): review "fees", 7 December 2026. Possessive, so that a cell of thirty thousand
     * spaces after a "]" is refused in linear time (review "own54c": the first form took seconds).
     */
    private static final Pattern JOINED = Pattern.compile(
            "\\[[^\\[\\]]*+\\]\\[[^\\[\\]]*+\\](?:\\s*+,\\s*+|\\s++)[^\\[\\];,\\s][^\\[\\];]*+\\[[^\\[\\]]*+\\]\\[[^\\[\\]]*+\\]");
    private static final Pattern RECORD = Pattern.compile("([^\\[\\]]+)\\[([^\\[\\]]*)\\]\\[([^\\[\\]]*)\\]");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The parsed fees, or a problem and its code. */
    record Parsed(List<Fee> fees, ErrorCode code, String problem) {}

    /** The fees column: blank is no fees; written back in the form it reads. */
    static final CellType<List<Fee>> TYPE = new CellType<>() {
        public List<Fee> read(String column, String text, RowCells cells) {
            var parsed = parse(text, cells.lookups().traits().decimalComma());
            if (parsed.problem() != null) {
                cells.fail(column, text, parsed.code(), parsed.problem());
                return null;
            }
            return parsed.fees();
        }

        public List<Fee> blank() {
            return List.of();
        }

        public boolean numeric() {
            return true; // its values: FileTraits looks in the brackets for decimal commas
        }

        public String write(List<Fee> fees) {
            return fees.stream().map(fee -> fee.name() + "[" + CellValues.plain(fee.value()) + "]["
                    + fee.type().name().toLowerCase(Locale.ROOT) + "]").collect(Collectors.joining(";"));
        }

        public boolean same(List<Fee> a, List<Fee> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                var x = a.get(i);
                var y = b.get(i);
                // a fee's name is the file's own text: its spelling counts (a DRAFT PO's file may correct it)
                if (!x.name().equals(y.name()) || x.type() != y.type() || x.value().compareTo(y.value()) != 0) {
                    return false;
                }
            }
            return true;
        }
    };

    private FeeList() {}

    /**
     * Every fee of the cell, or the problems of every bad one in one message, under the first
     * one's code: stopped at the first, a cell of three bad fees took three uploads to fix.
     */
    static Parsed parse(String cell) {
        return parse(cell, null);
    }

    /** {@code decimalComma}: the file's first, where it has one: a value grouped by points is refused with it. */
    static Parsed parse(String cell, FileTraits.DecimalComma decimalComma) {
        var fees = new ArrayList<Fee>();
        var items = CellValues.list(cell);
        // how often each name appears, counted first: a repeat is said once, with the count, on
        // its first repeat, whatever else is wrong with either (reviews "errorsdoc", "own49", "own49b")
        var names = namesOf(items);
        var counts = new HashMap<String, Integer>();
        names.forEach(name -> name.ifPresent(known -> counts.merge(NameIndex.key(known), 1, Integer::sum)));
        var seen = new HashMap<String, Integer>();
        var bad = new ArrayList<Item>();
        for (int i = 0; i < items.size(); i++) {
            var parsed = parseItem(items.get(i), names.get(i), seen, counts, decimalComma);
            if (parsed.fee() != null) {
                fees.add(parsed.fee());
            } else if (parsed.problem() != null) {
                bad.add(parsed);
            }
        }
        return bad.isEmpty() ? new Parsed(fees, null, null) : new Parsed(List.of(), bad.getFirst().code(), describe(bad));
    }

    /** How much of a message the bad fees' problems take in full, leaving room for the names of the rest. */
    private static final int IN_FULL = 250;

    /**
     * The bad fees' problems, each in full while they fit a message (400 characters); past that,
     * the rest by name only, so that every bad fee is named.
     */
    private static String describe(List<Item> bad) {
        var message = new StringBuilder();
        int described = 0;
        for (var item : bad) {
            if (described > 0 && message.length() + item.problem().length() > IN_FULL) { // the first, however long
                break;
            }
            message.append(described++ == 0 ? "" : "; ").append(item.problem());
        }
        if (described < bad.size()) {
            message.append(described == 0 ? "" : "; ").append("wrong too: ").append(bad.subList(described, bad.size()).stream()
                    .map(item -> "\"" + ImportError.shortened(item.name()) + "\"").collect(Collectors.joining(", ")));
        }
        return message.toString();
    }

    /** One fee of a cell ({@code name}: the fee's, or the item as written where it has none), or what is wrong with it. */
    private record Item(Fee fee, String name, ErrorCode code, String problem) {
        static Item invalid(String name, String problem) {
            return new Item(null, name, ErrorCode.INVALID_FEE, problem);
        }
    }

    /**
     * The name each item gives its fee, well formed or not: "Shipping" of "Shipping[6]"; and of an
     * item without brackets that names a fee another item gives ("Shipping", "Shipping 50",
     * "Shipping $50", "Surcharge 2024" beside "Surcharge 2024[5][currency]"), that fee's name
     * (reviews "own49c", "own49d": a repeat written so went unnamed).
     */
    private static List<Optional<String>> namesOf(List<String> items) {
        // each item matched once: the fees cell is read every row of a PO
        var names = new ArrayList<Optional<String>>(items.size());
        var bracketed = new HashMap<String, String>();
        for (var item : items) {
            var name = NAME.matcher(item);
            var text = name.lookingAt() ? Optional.of(CellValues.trimmed(name.group(1))) : Optional.<String>empty();
            text.ifPresent(given -> bracketed.putIfAbsent(NameIndex.key(given), given));
            names.add(text);
        }
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (names.get(i).isEmpty() && !item.contains("[") && !item.contains("]")) {
                var whole = bracketed.get(NameIndex.key(CellValues.trimmed(item)));
                names.set(i, Optional.ofNullable(whole != null ? whole
                        : bracketed.get(NameIndex.key(CellValues.trimmed(TRAILING_AMOUNT.matcher(item).replaceFirst(""))))));
            }
        }
        return names;
    }

    private static final Pattern NAME = Pattern.compile("([^\\[\\]]+)\\[");
    /**
     * An amount written after a fee's name without its brackets: "50", "12.5 %", "$50", "-$50",
     * "50 EUR", "USD 50", "€12,50", after any space (a no-break one too). A currency code is three
     * capitals: "Shipping 2 day" is a fee of its own (review "own49e").
     */
    private static final Pattern TRAILING_AMOUNT = Pattern.compile(
            "\\h+([A-Z]{3}\\h*)?[-+]?[$€£¥]?\\h*[-+]?[0-9][0-9.,]*\\h*(%|[A-Z]{3}|[$€£¥])?$");

    /**
     * One item: its fee, or what is wrong with it, and on the first repeat of a name, that it
     * repeats; a further repeat with nothing else wrong is said by then (no problem, no fee).
     */
    private static Item parseItem(String item, Optional<String> name, Map<String, Integer> seen, Map<String, Integer> counts,
                                  FileTraits.DecimalComma decimalComma) {
        var match = RECORD.matcher(item);
        var parsed = match.matches() ? parseFee(match, name.orElseThrow(), decimalComma)
                // quoted shortened: a long one filled the message, and the fees after it went unnamed (review "own49c")
                : Item.invalid(item, "fee " + ImportError.inQuotes(item) + " is not of the form Name[value][type], e.g. Shipping[50.00][currency]"
                        + (JOINED.matcher(item).find() ? "; fees are separated by \";\", not by commas or spaces" : ""));
        int occurrence = name.isEmpty() ? 1 : seen.merge(NameIndex.key(name.get()), 1, Integer::sum);
        if (occurrence == 1) {
            return parsed;
        }
        if (occurrence > 2) {
            return parsed.fee() != null ? new Item(null, name.get(), null, null) : parsed;
        }
        int count = counts.get(NameIndex.key(name.get()));
        var repeats = "fee name \"" + name.get() + "\" appears " + (count == 2 ? "twice" : count + " times")
                + "; fee names are unique within a PO";
        // named as the item is written where it is not of the form: "wrong too" quoted "Shipping" for "Shipping 50"
        return parsed.fee() != null ? new Item(null, name.get(), ErrorCode.DUPLICATE_FEE, repeats)
                : new Item(null, parsed.name(), parsed.code(), parsed.problem() + "; " + repeats);
    }

    /**
     * What a refused fee value looks like a spreadsheet made of it. A fee sits in a text cell, and
     * a percentage fee is written as its percent: "8.5%" is 8.5 without the sign, never the
     * number column's 0.085, which would store a hundredth of the fee (found by review "numbers"
     * on 7 December 2026: the number column's hint said "12% is 0.12").
     */
    private static String note(String text) {
        if (text.endsWith("%")) {
            var percent = CellValues.trimmed(text.substring(0, text.length() - 1));
            // only a plain number is offered (review "own51d": "about 5%" offered "about 5")
            // and only one a percentage fee takes (review "own51e": "-5%" offered -5, "150%" 150, both refused again)
            boolean offered = CellValues.decimal(percent).filter(value -> value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(100)) <= 0)
                    .isPresent();
            return " (a percentage fee is written as its percent without the sign" + (offered ? ": " + percent + "," : ",")
                    + " with the type percentage)";
        }
        if (text.chars().anyMatch(c -> Character.getType(c) == Character.CURRENCY_SYMBOL)) {
            return " (without the currency sign: the PO's currency applies)";
        }
        return FormattedNumbers.note(text);
    }

    /** The fee {@code match} writes, or what is wrong with it, its name aside. */
    private static Item parseFee(java.util.regex.Matcher match, String name, FileTraits.DecimalComma decimalComma) {
        var text = CellValues.trimmed(match.group(2));
        var value = CellValues.decimal(text);
        if (value.isEmpty()) {
            return Item.invalid(name, CellValues.numberLimitBroken(text)
                    .map(limit -> "fee \"" + name + "\" has value \"" + text + "\", which " + limit)
                    .orElse("fee \"" + name + "\" has value " + ImportError.inQuotes(match.group(2)) + "; expected a plain number"
                            + note(text)));
        }
        var thousands = FormattedNumbers.readAsThousands(text, decimalComma);
        if (thousands != null) {
            return Item.invalid(name, "fee \"" + name + "\" has value " + thousands);
        }
        var type = CellValues.trimmed(match.group(3)).toLowerCase(Locale.ROOT);
        if (!type.equals("currency") && !type.equals("percentage")) {
            return Item.invalid(name, "fee \"" + name + "\" has type " + ImportError.inQuotes(match.group(3)) + "; expected currency or percentage");
        }
        if (value.get().signum() < 0) {
            return new Item(null, name, ErrorCode.NEGATIVE_NUMBER, "fee \"" + name + "\" has value "
                    + value.get().toPlainString() + "; a fee's value is zero or more");
        }
        if (type.equals("percentage") && value.get().compareTo(HUNDRED) > 0) {
            return Item.invalid(name, "fee \"" + name + "\" is " + value.get().toPlainString() + " percent; a percentage fee is at most 100");
        }
        return new Item(new Fee(name, value.get(), Fee.Type.valueOf(type.toUpperCase(Locale.ROOT))), name, null, null);
    }
}
