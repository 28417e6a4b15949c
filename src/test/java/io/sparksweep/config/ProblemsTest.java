package io.sparksweep.config;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a config's problems are reported: once each, printable, and not by the thousand. */
class ProblemsTest {

    @Test
    void aProblemReportedTwiceIsListedOnceButCountedTwice() {
        Problems p = new Problems("c.json");
        p.add("seed", "\"x\"", "an integer");
        p.add("seed", "\"x\"", "an integer");
        assertEquals(2, p.count());
        assertEquals("c.json: seed = \"x\", expected an integer", assertThrows(BadInputException.class, p::throwIfAny).getMessage());
    }

    @Test
    void controlCharactersInAValueAreWrittenAsEscapesSoEachProblemStaysOneLine() {
        Problems p = new Problems("c.json");
        p.add("name", "\"a\nb\0c\u007f\"", "letters");
        assertEquals("c.json: name = \"a\\u000ab\\u0000c\\u007f\", expected letters",
                assertThrows(BadInputException.class, p::throwIfAny).getMessage());
    }

    @Test
    void thousandsOfProblemsAreCutToTheFirstTwentyAndACount() {
        Problems p = new Problems("c.json");
        for (int i = 0; i < 9900; i++) {
            p.add("grid", "{lr=" + i + "}", "distinct trials");
        }
        List<String> lines = assertThrows(BadInputException.class, p::throwIfAny).getMessage().lines().toList();
        assertEquals(Problems.MAX_LINES + 1, lines.size());
        assertEquals("c.json: grid = {lr=0}, expected distinct trials", lines.get(0));
        assertEquals("c.json: grid = {lr=19}, expected distinct trials", lines.get(Problems.MAX_LINES - 1));
        assertEquals("c.json: ... and 9880 more problems", lines.get(Problems.MAX_LINES));
    }
}
