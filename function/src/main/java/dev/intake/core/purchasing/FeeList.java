package dev.intake.core.purchasing;

import dev.intake.core.values.CellValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code fees} cell: {@code Name[value][type];Name[value][type]} (seed page, "Fees"). Parsing
 * returns the fees or the first problem, as a value.
 */
final class FeeList {

    private static final Pattern RECORD = Pattern.compile("([^\\[\\]]+)\\[([^\\[\\]]*)\\]\\[([^\\[\\]]*)\\]");

    /** The parsed fees, or a problem: {@code duplicate} set when a name repeats. */
    record Parsed(List<Fee> fees, String problem, boolean duplicate) {}

    private FeeList() {}

    static Parsed parse(String cell) {
        var fees = new ArrayList<Fee>();
        var names = new HashSet<String>();
        for (var item : CellValues.list(cell)) {
            var match = RECORD.matcher(item);
            if (!match.matches()) {
                return problem("fee \"" + item + "\" is not of the form Name[value][type], e.g. Shipping[50.00][currency]");
            }
            var name = match.group(1).trim();
            var value = CellValues.decimal(match.group(2).trim());
            if (value.isEmpty()) {
                return problem("fee \"" + name + "\" has value \"" + match.group(2) + "\"; expected a plain number");
            }
            var type = match.group(3).trim().toLowerCase(Locale.ROOT);
            if (!type.equals("currency") && !type.equals("percentage")) {
                return problem("fee \"" + name + "\" has type \"" + match.group(3) + "\"; expected currency or percentage");
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                return new Parsed(List.of(), "fee name \"" + name + "\" appears twice; fee names are unique within a PO", true);
            }
            fees.add(new Fee(name, value.get(), Fee.Type.valueOf(type.toUpperCase(Locale.ROOT))));
        }
        return new Parsed(fees, null, false);
    }

    private static Parsed problem(String message) {
        return new Parsed(List.of(), message, false);
    }
}
