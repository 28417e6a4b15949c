package io.sparksweep.config;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trial ids are 64-bit; seeds stay those of the 32-bit ids, so published results keep their bits. */
class TrialIdTest {

    @Test
    void idsAre16HexDigitsAndSeedsAreThoseOfThe8DigitIdsOfTheSeedSweep() {
        SweepConfig seed = ConfigLoader.load(Path.of("conf/mnist-seed.json"));
        // The ids the README's seed run shows (8 hex digits, version 0.1.0), in grid order.
        List<String> old = List.of("db942e7f", "56d00caa", "9d02097d", "3bf698da", "3ee18882", "2fd951d1");
        // SHA-256("243/" + old id), first 8 bytes big-endian, sign bit cleared: the seeds of that run.
        List<Long> seeds = List.of(1500196073775871534L, 1997889459756297444L, 7754148926153896154L,
                8941244433430926115L, 3687409739682658911L, 4712526419894829762L);
        assertEquals(6, seed.trials().size());
        for (int i = 0; i < 6; i++) {
            Trial t = seed.trials().get(i);
            assertTrue(t.id().matches("[0-9a-f]{16}"), t.id());
            assertEquals(old.get(i), t.id().substring(0, 8), "the 64-bit id extends the 32-bit one");
            assertEquals(seeds.get(i), t.seed(), t.id());
        }
    }

    @Test
    void seedDependsOnlyOnTheFirst8HexDigits() {
        assertEquals(GridExpander.trialSeed(243, "db942e7f"), GridExpander.trialSeed(243, "db942e7f0123abcd"));
        assertEquals(1500196073775871534L, GridExpander.trialSeed(243, "db942e7fffffffff"));
    }

    @Test
    void twoTrialsWithTheSameSettingsAreStillAReportedRepeat() {
        String json = "{\"name\": \"rep\", \"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"},"
                + " \"training\": {\"hidden\": [4], \"epochs\": 1},"
                + " \"grid\": {\"learningRate\": [0.1, 0.2, 0.1]}}";
        String message = assertThrows(BadInputException.class,
                () -> ConfigLoader.parse(Path.of("rep.json"), json)).getMessage();
        assertTrue(message.contains("distinct trials, but it repeats trial 0 {learningRate=0.1}"), message);
    }
}
