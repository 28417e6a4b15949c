package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepHalvesAfterEpochs20And40OverFiftyEpochs() {
        LearningRateSchedule s = LearningRateSchedule.step(0.5, 20);
        for (int epoch = 1; epoch <= 50; epoch++) {
            double expected = epoch <= 20 ? 1 : epoch <= 40 ? 0.5 : 0.25;
            assertEquals(expected, s.rateForEpoch(1, epoch), 0.0, "epoch " + epoch);
        }
        assertEquals(1e-3, s.rateForEpoch(1e-3, 20), 0.0);
        assertEquals(5e-4, s.rateForEpoch(1e-3, 21), 0.0);
        assertEquals(2.5e-4, s.rateForEpoch(1e-3, 41), 0.0);
    }

    @Test
    void constantKeepsTheBaseRate() {
        assertEquals(0.1, LearningRateSchedule.constant().rateForEpoch(0.1, 1000), 0.0);
    }

    @Test
    void rejectsBadFactorEveryAndEpoch() {
        assertEquals("schedule factor = 0.0, must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 20)).getMessage());
        assertEquals("schedule factor = NaN, must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(Double.NaN, 20)).getMessage());
        assertEquals("schedule everyEpochs = 0, must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0.5, 0)).getMessage());
        assertEquals("epoch = 0, must be >= 1 (epochs are 1-based)",
                assertThrows(IllegalArgumentException.class,
                        () -> LearningRateSchedule.constant().rateForEpoch(1, 0)).getMessage());
    }
}
