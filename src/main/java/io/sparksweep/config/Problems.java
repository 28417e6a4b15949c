package io.sparksweep.config;

import io.sparksweep.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one config file, one line each, in the order found:
 * {@code FILE: FIELD = VALUE, expected EXPECTATION}. A line reported twice (a bad grid value met in
 * many trials) is kept once; {@link #count()} still counts every report, so that a reader can
 * tell whether the value it just read was valid.
 */
final class Problems {
    private final String file;
    private final List<String> lines = new ArrayList<>();
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
        String line = file + ": " + text;
        if (!lines.contains(line)) {
            lines.add(line);
        }
    }

    /** Every report so far, repeats included: compare before and after reading a value. */
    int count() {
        return count;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** @throws BadInputException listing every problem, one per line, when there is any */
    void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new BadInputException(String.join("\n", lines));
        }
    }
}
