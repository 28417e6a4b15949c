package io.sparksweep.config;

import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;
import io.sparksweep.nn.TrainingSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Equality of trial settings is equality of what they describe, which is what the trial id hashes. */
class TrialConfigTest {
    private static TrialConfig config(double lr, LearningRateSchedule schedule, InitSpec init, long shuffleSeed) {
        return new TrialConfig(new int[]{8, 4}, new Activation[]{Activation.TANH, Activation.RELU}, init,
                new TrainingSettings(5, 10, lr, Reduction.SUM, schedule, true, shuffleSeed));
    }

    private static void assertSame(TrialConfig a, TrialConfig b) {
        assertEquals(a.describe(), b.describe());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(GridExpander.trialId(a), GridExpander.trialId(b));
    }

    private static void assertDifferent(TrialConfig a, TrialConfig b) {
        assertNotEquals(a.describe(), b.describe());
        assertNotEquals(a, b);
        assertNotEquals(GridExpander.trialId(a), GridExpander.trialId(b));
    }

    @Test
    void equalExactlyWhenTheyDescribeTheSameSettings() {
        InitSpec normal = new InitSpec(Initializer.NORMAL, 1.0, null);
        TrialConfig a = config(0.1, LearningRateSchedule.step(0.5, 2), normal, 1);
        assertSame(a, config(0.1, LearningRateSchedule.step(0.5, 2), normal, 1));
        assertSame(a, config(0.1, LearningRateSchedule.step(0.5, 2), normal, 99)); // the shuffle seed follows the id
        assertDifferent(a, config(0.2, LearningRateSchedule.step(0.5, 2), normal, 1));
        assertDifferent(a, config(0.1, LearningRateSchedule.step(0.5, 3), normal, 1));
        assertDifferent(a, config(0.1, LearningRateSchedule.step(0.5, 2), new InitSpec(Initializer.NORMAL, 2.0, null), 1));
        assertDifferent(a, config(0.1, LearningRateSchedule.step(0.5, 2), new InitSpec(null, 1.0, "m.h5"), 1));
    }

    @Test
    void ignoresWhatTheSettingsDoNotUse() {
        // He and Xavier ignore sigma; a constant schedule ignores factor and every.
        InitSpec he = new InitSpec(Initializer.HE, 1.0, null);
        assertSame(config(0.1, LearningRateSchedule.constant(), he, 1),
                config(0.1, new LearningRateSchedule(LearningRateSchedule.Type.CONSTANT, 0.5, 7),
                        new InitSpec(Initializer.HE, 3.0, null), 1));
        assertSame(config(0.1, LearningRateSchedule.constant(), new InitSpec(null, 1.0, "m.h5"), 1),
                config(0.1, LearningRateSchedule.constant(), new InitSpec(null, 2.0, "m.h5"), 1));
    }
}
