package io.sparksweep.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids are shown shortened like git's hashes, but never so short that two trials look alike. */
class ShortIdTest {

    @Test
    void distinctPrefixesAreShownAs8Digits() {
        assertEquals(8, Tables.shortIdLength(List.of("0123456789abcdef", "fedcba9876543210", "00112233aabbccdd")));
        assertEquals("01234567", Tables.shortId("0123456789abcdef", 8));
    }

    @Test
    void idsSharingThe8DigitPrefixAreShownUntilTheyDiffer() {
        // Distinct 64-bit ids of one sweep whose first 32 bits collide.
        List<String> ids = List.of("deadbeef00000001", "deadbeef0a000002", "1234567800000000");
        assertEquals(10, Tables.shortIdLength(ids));
        assertEquals("deadbeef00", Tables.shortId(ids.get(0), 10));
        assertEquals("deadbeef0a", Tables.shortId(ids.get(1), 10));
    }

    @Test
    void theSameIdTwiceCountsOnceAndOld8DigitIdsAreShownWhole() {
        assertEquals(8, Tables.shortIdLength(List.of("aaaa1111", "aaaa1111", "bbbb2222")));
        assertEquals(8, Tables.shortIdLength(List.of()));
        assertEquals("aaaa1111", Tables.shortId("aaaa1111", 8));
    }

    @Test
    void dryRunTableTellsCollidingTrialsApart() {
        String table = Tables.trials(List.of("deadbeef00000001", "deadbeef0a000002"),
                List.of(Map.of("learningRate", 0.1), Map.of("learningRate", 0.2)));
        List<String> lines = table.lines().toList();
        assertEquals("#  trial       learningRate", lines.get(0));
        assertTrue(lines.get(2).startsWith("0  deadbeef00  "), table);
        assertTrue(lines.get(3).startsWith("1  deadbeef0a  "), table);
    }

    @Test
    void rankedTableTellsCollidingTrialsApart() {
        TrialResult a = ResultsFixtures.ok("cafef00d11111111", 0, "relu", 0.1, 0.9);
        TrialResult b = ResultsFixtures.ok("cafef00d12222222", 1, "relu", 0.2, 0.8);
        String table = Tables.ranked(List.of(a, b));
        assertTrue(table.contains("   1  cafef00d11  "), table);
        assertTrue(table.contains("   2  cafef00d12  "), table);
    }
}
