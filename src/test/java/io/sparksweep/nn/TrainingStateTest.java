package io.sparksweep.nn;

import io.sparksweep.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpointed training: 0 → k → … → E from checkpoints is 0 → E, bit for bit. */
class TrainingStateTest {
    private static final Dataset TRAIN = TrainerTest.blobs(230, 7, 11);
    private static final Dataset VALIDATION = TrainerTest.blobs(50, 7, 12);
    private static final Architecture ARCH = Architecture.of(7, new int[] {9, 5}, Activation.TANH, 3);

    private static TrainingSettings settings(boolean shuffle, Reduction reduction) {
        return new TrainingSettings(12, 32, reduction == Reduction.SUM ? 0.004 : 0.1, reduction,
                LearningRateSchedule.step(0.5, 4), shuffle, 77);
    }

    private static Network start() {
        return Network.initialise(ARCH, Initializer.XAVIER, 1, 3);
    }

    @ParameterizedTest(name = "shuffle={0} reduction={1} rungs={2}")
    @CsvSource({"true, SUM, 1;3;9", "true, MEAN, 1;3;9", "false, SUM, 1;3;9", "false, MEAN, 1;3;9",
            "true, MEAN, 4", "true, SUM, 5;6;7;11", "false, MEAN, 11"})
    void resumingFromCheckpointsEqualsUninterruptedTrainingBitForBit(boolean shuffle, Reduction reduction, String rungs) {
        TrainingSettings s = settings(shuffle, reduction);
        TrainingResult whole = Trainer.train(start(), TRAIN, VALIDATION, s, null);
        TrainingState state = TrainingState.initial(start(), s);
        for (String k : (rungs + ";12").split(";")) {
            state = Trainer.train(state, TRAIN, VALIDATION, s, Integer.parseInt(k), null);
            state = TrainingState.fromBytes(ARCH, state.toBytes()); // through the checkpoint format
            assertEquals(Integer.parseInt(k), state.epochsDone());
        }
        assertArrayEquals(whole.network().parameters(), state.network().parameters());
        assertEquals(whole.curve(), state.curve());
        assertFalse(state.diverged());
        double base = s.learningRate(); // the schedule went on from where the checkpoint was: x0.5 after epochs 4 and 8
        assertEquals(List.of(base, base, base, base, base / 2, base / 2, base / 2, base / 2, base / 4, base / 4, base / 4,
                base / 4), state.curve().stream().map(EpochMetrics::learningRate).toList());
    }

    @Test
    void aContinuationWithAFreshShuffleStreamDiffers() {
        // The stream's state matters: a checkpoint that restarted the stream would not equal the uninterrupted run.
        TrainingSettings s = settings(true, Reduction.MEAN);
        TrainingResult whole = Trainer.train(start(), TRAIN, VALIDATION, s, null);
        TrainingState at4 = Trainer.train(TrainingState.initial(start(), s), TRAIN, VALIDATION, s, 4, null);
        TrainingState restarted = new TrainingState(at4.network(), 4,
                TrainingState.serialize(new java.util.Random(s.seed())), at4.curve(), false);
        TrainingState end = Trainer.train(restarted, TRAIN, VALIDATION, s, 12, null);
        assertFalse(Arrays.equals(whole.network().parameters(), end.network().parameters()));
    }

    @Test
    void theCheckpointOfA784x100x10NetworkIsItsFloatWeightsPlusAFewHundredBytes() {
        Architecture mnist = Architecture.of(784, new int[] {100}, Activation.RELU, 10);
        TrainingSettings s = new TrainingSettings(50, 100, 1e-3, Reduction.SUM, LearningRateSchedule.step(0.5, 20), true, 1);
        TrainingState initial = TrainingState.initial(Network.initialise(mnist, Initializer.NORMAL, 1, 1), s);
        byte[] bytes = initial.toBytes();
        int weights = 4 * 79_510;
        assertEquals(318_040, weights);
        assertTrue(bytes.length > weights && bytes.length < weights + 200, "checkpoint of " + bytes.length + " bytes");
        assertEquals(318_193, bytes.length); // the figure TrainingState's javadoc states
        TrainingState back = TrainingState.fromBytes(mnist, bytes);
        assertTrue(initial.sameAs(back));
        // with a curve of 50 epochs: 44 bytes per epoch more
        assertEquals(bytes.length + 50 * 44, new TrainingState(initial.network(), 50,
                TrainingState.serialize(new java.util.Random(1)), java.util.Collections.nCopies(50,
                new EpochMetrics(1, 0.1, 1, 0.5, 1, 0.5)), false).toBytes().length);
    }

    @Test
    void corruptTruncatedOrMismatchedCheckpointsAreRefusedWithTheReason() {
        TrainingSettings s = settings(true, Reduction.MEAN);
        byte[] good = Trainer.train(TrainingState.initial(start(), s), TRAIN, VALIDATION, s, 2, null).toBytes();
        byte[] flipped = good.clone();
        flipped[40] ^= 1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingState.fromBytes(ARCH, flipped))
                .getMessage().contains("CRC-32 mismatch"));
        byte[] cut = Arrays.copyOf(good, good.length - 9);
        assertThrows(IllegalArgumentException.class, () -> TrainingState.fromBytes(ARCH, cut));
        Architecture other = Architecture.of(7, new int[] {9, 6}, Activation.TANH, 3);
        assertEquals("checkpoint: layer sizes [7, 9, 5, 3], expected [7, 9, 6, 3]",
                assertThrows(IllegalArgumentException.class, () -> TrainingState.fromBytes(other, good)).getMessage());
    }

    @Test
    void aDivergedStateDoesNotContinueAndUntilEpochIsChecked() {
        TrainingSettings hot = new TrainingSettings(12, 10, 1e6, Reduction.SUM, LearningRateSchedule.constant(), true, 1);
        Architecture relu = Architecture.of(7, new int[] {20, 20}, Activation.RELU, 3);
        TrainingState d = Trainer.train(TrainingState.initial(Network.initialise(relu, Initializer.HE, 1, 2), hot),
                TRAIN, VALIDATION, hot, 6, null);
        assertTrue(d.diverged());
        assertTrue(d.epochsDone() <= 6);
        assertEquals(d.epochsDone(), d.curve().size());
        assertSame(d, Trainer.train(d, TRAIN, VALIDATION, hot, 12, null));
        TrainingSettings s = settings(false, Reduction.MEAN);
        TrainingState at3 = Trainer.train(TrainingState.initial(start(), s), TRAIN, VALIDATION, s, 3, null);
        assertEquals("untilEpoch = 2, must be in [3, 12] (epochs done .. training epochs)",
                assertThrows(IllegalArgumentException.class, () -> Trainer.train(at3, TRAIN, VALIDATION, s, 2, null))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(at3, TRAIN, VALIDATION, s, 13, null));
    }
}
