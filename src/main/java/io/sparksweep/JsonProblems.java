package io.sparksweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse and mapping errors as the one line a user reads: the file, line and column,
 * then a short reason in plain English, such as
 * {@code conf/a.json:3:13: invalid JSON: comments are not allowed in JSON} or
 * {@code runs/a/results.json:5:20: not a valid results file: trials[0].status = "weird", expected one of ok,
 * stopped, diverged, failed}. No Java class, Jackson feature or parser source is named.
 */
public final class JsonProblems {
    /** Reads enum constants as JSON writes them (their {@code @JsonValue}); never configured after this line. */
    private static final ObjectMapper ENUM_IDS = new ObjectMapper();

    private static final Pattern CONSTRAINT = Pattern.compile(
            "^(Document nesting depth|Number value length|String value length|Name length) \\((\\d+)\\) exceeds the "
                    + "maximum allowed \\((\\d+)");
    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile(
            "^Unexpected character \\('(.)' \\(code \\d+\\)\\)(?:: (.*))?$");
    private static final Pattern CLOSE_MARKER = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern UNEXPECTED_CLOSE = Pattern.compile("^Unexpected close marker '(.)'");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*)': was expecting");
    private static final Pattern CONTROL = Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '(.*)'");
    private static final Pattern OUT_OF_RANGE = Pattern.compile(
            "^Numeric value \\((.*)\\) out of range of (?:int|long|short|byte) \\((-?\\d+) - (-?\\d+)\\)");
    private static final Pattern FOUND = Pattern.compile("from (Array|Object|String|Integer|Floating-point|Number|Boolean"
            + "|Null|Embedded Object) value");
    private static final Pattern ACCEPTED = Pattern.compile("not one of the values accepted for Enum class: \\[(.*)]");

    private JsonProblems() {
    }

    /**
     * The one-line message {@code FILE:LINE:COLUMN: WHAT: REASON} for {@code e}, raised while
     * reading {@code file}; {@code :LINE:COLUMN} is left out when Jackson does not know where.
     * The reason names the field path of a mapping error ({@code trials[0].curve}), the bad value
     * when known, and what was expected. Anything Jackson adds that a user cannot act on (Java
     * types and feature names in backticks, {@code [Source: ...]}) is dropped.
     *
     * @param file the file read
     * @param what what went wrong, as the reader words it: {@code invalid JSON}, {@code not a valid results file}
     * @param e    what Jackson threw
     */
    public static String message(Path file, String what, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0 && at.getColumnNr() > 0
                ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "";
        return file + where + ": " + what + ": " + reason(e);
    }

    private static String reason(JsonProcessingException e) {
        String original = firstLine(e.getOriginalMessage());
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        Matcher c = CONSTRAINT.matcher(original);
        if (c.find()) { // a StreamConstraintsException, maybe wrapped with the path where it hit
            String max = c.group(3);
            return switch (c.group(1)) {
                case "Document nesting depth" -> "nested deeper than " + max + " levels";
                case "Number value length" -> "a number longer than " + max + " digits";
                case "String value length" -> "a string longer than " + max + " characters";
                default -> "a field name longer than " + max + " characters";
            };
        }
        if (original.startsWith("Non-standard token '")) {
            return "NaN or Infinity is not a JSON number, expected a finite number";
        }
        if (original.startsWith("Trailing token")) {
            return "text after the end of the JSON value";
        }
        if (original.startsWith("No content to map due to end-of-input")) {
            return "the file is empty, expected " + expected(e);
        }
        if (original.contains("ALLOW_COMMENTS") || original.contains("ALLOW_YAML_COMMENTS")
                || original.startsWith("Unexpected character ('#'")) {
            return "comments are not allowed in JSON";
        }
        if (original.startsWith("Unexpected end-of-input")) {
            if (original.contains("VALUE_STRING") || original.contains("closing quote")) {
                return "the file ends inside a string, expected its closing '\"'";
            }
            if (original.contains("close marker for Object")) {
                return "the file ends inside an object, expected its closing '}'";
            }
            if (original.contains("close marker for Array")) {
                return "the file ends inside an array, expected its closing ']'";
            }
            return "the file ends before the JSON value is complete";
        }
        if (original.startsWith("Invalid UTF-8")) {
            Matcher b = Pattern.compile("0x\\p{XDigit}+").matcher(original);
            return "not UTF-8 text" + (b.find() ? " (byte " + b.group() + ")" : "") + ", expected a UTF-8 JSON file";
        }
        Matcher m = UNEXPECTED_CHARACTER.matcher(original);
        if (m.find()) {
            return unexpectedCharacter(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        if ((m = CLOSE_MARKER.matcher(original)).find()) {
            return "unexpected '" + m.group(1) + "', expected '" + m.group(2) + "'";
        }
        if ((m = UNEXPECTED_CLOSE.matcher(original)).find()) {
            return "unexpected '" + m.group(1) + "', with nothing open to close";
        }
        if ((m = UNRECOGNIZED.matcher(original)).find()) {
            return "unexpected '" + m.group(1) + "', expected a string, number, array, object, true, false or null";
        }
        if ((m = CONTROL.matcher(original)).find()) {
            return "control character (code " + m.group(1) + ") inside a string, expected it escaped (\\n, \\t, \\u00XX)";
        }
        if ((m = DUPLICATE.matcher(original)).find()) {
            return "field \"" + m.group(1) + "\" appears twice";
        }
        if (original.startsWith("Invalid numeric value: Leading zeroes not allowed")) {
            return "a number with a leading zero, expected a JSON number such as 7 or 0.7";
        }
        if ((m = OUT_OF_RANGE.matcher(original)).find()) {
            return field(path, m.group(1)) + ", expected an integer from " + m.group(2) + " to " + m.group(3);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return field(path, display(f.getValue())) + ", expected " + expected(e);
        }
        if (e instanceof MismatchedInputException && (m = FOUND.matcher(original)).find()) {
            return (path.isEmpty() ? "" : path + ": ") + "expected " + expected(e) + ", found " + found(m.group(1));
        }
        String generic = generic(original);
        return path.isEmpty() ? generic : path + ": " + generic;
    }

    private static String unexpectedCharacter(String c, String rest) {
        if (rest.startsWith("was expecting double-quote to start field name")) {
            return c.equals("'") ? "field names need double quotes, not single quotes"
                    : "unexpected '" + c + "', expected a field name in double quotes";
        }
        String expected;
        if (rest.startsWith("was expecting comma to separate Object entries")) {
            expected = "',' or '}'";
        } else if (rest.startsWith("was expecting comma to separate Array entries")) {
            expected = "',' or ']'";
        } else if (rest.startsWith("was expecting a colon to separate field name and value")) {
            expected = "':' after the field name";
        } else if (rest.startsWith("expected a valid value") || rest.startsWith("expected a value")) {
            expected = "a value";
        } else {
            return "unexpected '" + c + "'" + (rest.isEmpty() ? "" : ": " + generic(rest));
        }
        return "unexpected '" + c + "', expected " + expected;
    }

    /** {@code trials[0].curve} for Jackson's reference chain; "" at the top level. */
    private static String path(List<JsonMappingException.Reference> chain) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : chain) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String field(String path, String value) {
        return path.isEmpty() ? "value " + value : path + " = " + value;
    }

    private static String display(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** What a value of the type Jackson was reading looks like in JSON. */
    private static String expected(JsonProcessingException e) {
        Class<?> t = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (t == null) {
            return "a JSON value";
        }
        if (t.isEnum()) {
            List<String> ids = new ArrayList<>();
            for (Object constant : t.getEnumConstants()) {
                ids.add(ENUM_IDS.convertValue(constant, String.class));
            }
            return "one of " + String.join(", ", ids);
        }
        if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
            return "a number";
        }
        if (t == int.class || t == long.class || t == short.class || t == byte.class || t == Integer.class
                || t == Long.class || t == Short.class || t == Byte.class) {
            return "an integer";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class || CharSequence.class.isAssignableFrom(t)) {
            return "a string";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(t)) {
            return "a JSON value";
        }
        return "a JSON object";
    }

    private static String found(String token) {
        return switch (token) {
            case "Array" -> "an array";
            case "Object" -> "an object";
            case "String" -> "a string";
            case "Boolean" -> "true or false";
            case "Null" -> "null";
            case "Integer", "Floating-point", "Number" -> "a number";
            default -> "another kind of value";
        };
    }

    /**
     * The fallback: Jackson's first line without its parser location ({@code [Source: ...]} and
     * the {@code at}/{@code start marker at} before it) and without anything in backticks.
     */
    static String generic(String original) {
        String s = firstLine(original);
        Matcher accepted = ACCEPTED.matcher(s);
        s = s.replaceAll("\\s*\\((?:start marker )?at \\[Source:[^]]*][^)]*\\)", "")
                .replaceAll("\\s*at \\[Source:.*$", "")
                .replaceAll("\\[Source:[^]]*]", "")
                .replaceAll("`[^`]*`", "")
                .replaceAll("\\(\\s*,?\\s*\\)", "")
                .replaceAll("\\(\\s*,\\s*", "(")
                .replaceAll("\\s*,\\s*from\\s*\\)", ")")
                .replaceAll("\\s+([,:;.)])", "$1")
                .replaceAll("\\s{2,}", " ")
                .strip();
        if (s.isEmpty() && accepted.find()) {
            return "expected one of " + accepted.group(1);
        }
        return s.isEmpty() ? "not valid JSON" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
