package io.sparksweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonProblemsTest {
    private static final Path FILE = Path.of("x.json");
    /** As SparkSweep's readers are: no text after the value. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("{\"a\": 1,,}", "x.json:1:9: invalid JSON: unexpected ',', expected a field name in double quotes"),
                Arguments.of("[1 2]", "x.json:1:4: invalid JSON: unexpected '2', expected ',' or ']'"),
                Arguments.of("{\"a\": 1 \"b\": 2}", "x.json:1:9: invalid JSON: unexpected '\"', expected ',' or '}'"),
                Arguments.of("{\"a\" 1}", "x.json:1:6: invalid JSON: unexpected '1', expected ':' after the field name"),
                Arguments.of("{\"a\": 1]", "x.json:1:8: invalid JSON: unexpected ']', expected '}'"),
                Arguments.of("{\"a\": 1}}", "x.json:1:9: invalid JSON: unexpected '}', with nothing open to close"),
                Arguments.of("{\"a\": \"x", "x.json:1:9: invalid JSON: the file ends inside a string, expected its closing '\"'"),
                Arguments.of("[1, 2", "x.json:1:6: invalid JSON: the file ends inside an array, expected its closing ']'"),
                Arguments.of("{\"a\": \"x\ny\"}", "x.json:1:9: invalid JSON: control character (code 10) inside a string, "
                        + "expected it escaped (\\n, \\t, \\u00XX)"),
                Arguments.of("{\"a\": 01}", "x.json:1:8: invalid JSON: a number with a leading zero, expected a JSON number such as 7 or 0.7"),
                Arguments.of("{\"a\": -Infinity}", "x.json:1:16: invalid JSON: NaN or Infinity is not a JSON number, expected a finite number"),
                Arguments.of("{\"a\": " + "1".repeat(1001) + "}", "x.json: invalid JSON: a number longer than 1000 digits"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxErrorsAreAPlainReasonAtLineAndColumn(String text, String expected) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readTree(text));
        assertEquals(expected, JsonProblems.message(FILE, "invalid JSON", e));
    }

    /** A type to map into, as results.json's records are. */
    record Sample(Kind kind, double rate, java.util.List<Integer> epochs) {
    }

    enum Kind {
        SMALL, LARGE;

        @com.fasterxml.jackson.annotation.JsonValue
        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static Stream<Arguments> mappingErrors() {
        return Stream.of(
                Arguments.of("{\"kind\": \"huge\"}", "x.json:1:10: not a sample: kind = \"huge\", expected one of small, large"),
                Arguments.of("{\"rate\": \"fast\"}", "x.json:1:10: not a sample: rate = \"fast\", expected a number"),
                Arguments.of("{\"epochs\": [1, \"two\"]}", "x.json:1:16: not a sample: epochs[1] = \"two\", expected an integer"),
                Arguments.of("{\"epochs\": {}}", "x.json:1:12: not a sample: epochs: expected an array, found an object"),
                Arguments.of("\"sample\"", "x.json:1:1: not a sample: expected a JSON object, found a string"),
                Arguments.of("[]", "x.json:1:1: not a sample: expected a JSON object, found an array"));
    }

    @ParameterizedTest
    @MethodSource("mappingErrors")
    void mappingErrorsNameTheFieldPathTheValueAndWhatWasExpected(String text, String expected) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readValue(text, Sample.class));
        assertEquals(expected, JsonProblems.message(FILE, "not a sample", e));
    }

    @Test
    void theFallbackDropsTheParserSourceAndAnythingInBackticks() {
        assertEquals("unexpected end-of-input: expected close marker for Object",
                JsonProblems.generic("Unexpected end-of-input: expected close marker for Object (start marker at "
                        + "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"));
        assertEquals("unexpected character (',' (code 44))",
                JsonProblems.generic("Unexpected character (',' (code 44))\n at [Source: REDACTED; line: 1, column: 14]"));
        assertEquals("cannot construct instance of (no Creators, like default constructor, exist)",
                JsonProblems.generic("Cannot construct instance of `io.sparksweep.results.Curve` (no Creators, like default "
                        + "constructor, exist)"));
    }
}
