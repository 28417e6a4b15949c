package io.sparksweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvTest {
    @Test
    void cellQuotesOnlyWhatNeedsIt() {
        assertEquals("relu", Csv.cell("relu"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("\"cr\rhere\"", Csv.cell("cr\rhere"));
    }

    @Test
    void cellsParseBackToTheSameValues() {
        List<String> values = List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "");
        String line = String.join(",", values.stream().map(Csv::cell).toList()) + "\r\n";
        assertEquals(List.of(values, List.of("x")), Csv.parse("t.csv", line + "x\n"));
    }

    @Test
    void unterminatedQuoteNamesTheFile() {
        BadInputException e = assertThrows(BadInputException.class, () -> Csv.parse("t.csv", "a,\"b\n"));
        assertEquals("t.csv: unterminated quoted cell at the end of the file", e.getMessage());
    }
}
