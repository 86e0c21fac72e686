package dev.intake.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One command's arguments: words, {@code --name VALUE} (or {@code --name=VALUE}) options and {@code --flag}s. */
record CommandArguments(List<String> words, Map<String, String> options, Set<String> flags) {

    /**
     * Splits {@code args} of {@code command}; {@code options} take a value, {@code flags} do not,
     * and anything else starting with {@code -} is a usage error.
     */
    static CommandArguments parse(String command, List<String> args, Set<String> options, Set<String> flags) {
        var words = new ArrayList<String>();
        var values = new HashMap<String, String>();
        var given = new HashSet<String>();
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            int equals = arg.indexOf('=');
            var name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (options.contains(name)) {
                String value;
                if (equals > 0 && name.length() < arg.length()) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                // a script's unset variable, or an option typed twice: the last one silently won (review "cli")
                if (value.isBlank()) {
                    throw new UsageException(name + " is given an empty value");
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else if (flags.contains(arg)) {
                given.add(arg);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unexpected argument \"" + arg + "\" for " + command);
            } else {
                words.add(arg);
            }
        }
        return new CommandArguments(List.copyOf(words), Map.copyOf(values), Set.copyOf(given));
    }

    /** The one word the command takes; {@code form} shows the user how to call it. */
    String word(String form) {
        if (words.size() != 1) {
            throw new UsageException(words.isEmpty() ? "expected " + form : "too many arguments: expected " + form);
        }
        if (words.getFirst().isBlank()) {
            // as a script passes "$FILE" unset: it named the current folder, "is a folder" (review "cli")
            throw new UsageException("an empty argument: expected " + form);
        }
        return words.getFirst();
    }

    String option(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
