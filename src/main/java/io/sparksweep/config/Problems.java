package io.sparksweep.config;

import io.sparksweep.BadInputException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The problems found in one config file, one line each, in the order found:
 * {@code FILE: FIELD = VALUE, expected EXPECTATION}. A line reported twice (a bad grid value met in
 * many trials) is kept once; {@link #count()} still counts every report, so that a reader can
 * tell whether the value it just read was valid. Control characters in a line (a NUL or a newline
 * inside a value) are written as {@code \\uXXXX}, so that each problem stays one printable line, and
 * at most {@value #MAX_LINES} lines are reported, with the number of the others.
 */
final class Problems {
    private final String file;
    /** The most problem lines an exception lists; a grid with thousands of repeats says how many more. */
    static final int MAX_LINES = 20;
    private final Set<String> lines = new LinkedHashSet<>();
    private int count;

    Problems(String file) {
        this.file = file;
    }

    /** Records {@code FILE: FIELD = VALUE, expected EXPECTED}. */
    void add(String field, String value, String expected) {
        line(field + " = " + value + ", expected " + expected);
    }

    /** Records {@code FILE: TEXT}, for problems that are not one field's value (an unknown field). */
    void line(String text) {
        count++;
        lines.add(printable(file + ": " + text));
    }

    /** Every report so far, repeats included: compare before and after reading a value. */
    int count() {
        return count;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** @throws BadInputException listing the problems, one per line, when there is any */
    void throwIfAny() {
        if (lines.isEmpty()) {
            return;
        }
        String shown = lines.stream().limit(MAX_LINES).collect(Collectors.joining("\n"));
        if (lines.size() > MAX_LINES) {
            shown += "\n" + file + ": ... and " + (lines.size() - MAX_LINES) + " more problems";
        }
        throw new BadInputException(shown);
    }

    /** {@code text} with every control character (below U+0020, and U+007F) as {@code \\uXXXX}. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
