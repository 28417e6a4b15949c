package io.sparksweep.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Readers of single JSON values of a config (integers, numbers, strings, names from a closed
 * set). Each reports a problem under the value's name {@code where} and returns null when the
 * value is not what was expected; only this class and the section readers see Jackson nodes.
 */
final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** An integer {@code >= min}, or null after reporting {@code where = VALUE, expected an integer >= min}. */
    static Integer intAtLeast(JsonNode n, int min, String where, Problems problems) {
        if (n != null && n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= min) {
            return n.asInt();
        }
        problems.add(where, String.valueOf(n), "an integer >= " + min);
        return null;
    }

    /** A finite number {@code > 0}, or null after reporting it. */
    static Double positiveNumber(JsonNode n, String where, Problems problems) {
        if (n != null && n.isNumber()) {
            double v = n.asDouble();
            if (v > 0 && !Double.isInfinite(v)) {
                return v;
            }
        }
        // Jackson prints a number beyond float64 (1e999) as the string "Infinity".
        String shown = n != null && n.isNumber() ? String.valueOf(n.asDouble()) : String.valueOf(n);
        problems.add(where, n != null && n.isNumber() && Double.isFinite(n.asDouble()) ? n.toString() : shown,
                "a finite number > 0");
        return null;
    }

    /**
     * The member of {@code values} whose {@code id} is the string {@code n}, or null after reporting
     * {@code where = VALUE, expected one of ID, ID, ...} with the nearest id suggested.
     */
    static <E> E oneOf(JsonNode n, String where, List<E> values, Function<E, String> id, Problems problems) {
        return named(n, where, values, id, "one of " + ids(values, id), problems);
    }

    /** As {@link #oneOf} with the expectation {@code expected} (a suggestion is appended). */
    static <E> E named(JsonNode n, String where, List<E> values, Function<E, String> id, String expected,
                       Problems problems) {
        if (n != null && n.isTextual()) {
            for (E e : values) {
                if (id.apply(e).equals(n.asText())) {
                    return e;
                }
            }
        }
        String suggestion = n != null && n.isTextual()
                ? ConfigLoader.suggest(n.asText(), values.stream().map(id).toList()) : "";
        problems.add(where, n == null ? "missing" : n.toString(), expected + suggestion);
        return null;
    }

    /** {@code "a, b, c"}: the ids of {@code values}, in order. */
    static <E> String ids(List<E> values, Function<E, String> id) {
        return values.stream().map(id).collect(Collectors.joining(", "));
    }

    /**
     * The non-blank string {@code parent.field}, {@code fallback} when it is absent, or
     * {@code fallback} after reporting it.
     */
    static String text(JsonNode parent, String prefix, String field, String fallback, Problems problems) {
        JsonNode n = parent.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add(prefix + field, n.toString(), "a non-empty string");
            return fallback;
        }
        if (n.asText().indexOf('\0') >= 0) {
            // No file name, dataset name or sweep name can hold one (and a path with one cannot be opened).
            problems.add(prefix + field, n.toString(), "a string without NUL characters");
            return fallback;
        }
        return n.asText();
    }

    /** Reports every field of {@code node} that is not in {@code known}, with the nearest known name. */
    static void unknownFields(JsonNode node, List<String> known, String prefix, Problems problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.line(prefix + f + " is not a known field; expected one of " + String.join(", ", known)
                        + ConfigLoader.suggest(f, known));
            }
        }
    }

    /** The value as written, in plain Java (String, Integer, Long, Double, Boolean, List, Map): for tables. */
    static Object written(JsonNode n) {
        return JSON.convertValue(n, Object.class);
    }

    /** Compact JSON of a value as written: what a message shows. */
    static String json(Object written) {
        try {
            return JSON.writeValueAsString(written);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
