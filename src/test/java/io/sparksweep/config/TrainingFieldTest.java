package io.sparksweep.config;

import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;
import io.sparksweep.nn.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table of training fields: each default written once, read by the field's own reader. */
class TrainingFieldTest {

    @Test
    void everyFieldHasANameADescriptionAndADefaultInConfigOrder() {
        assertEquals(List.of("hidden", "activation", "epochs", "batchSize", "learningRate", "reduction", "schedule",
                "init", "initSigma", "shuffle"), TrainingField.ALL.stream().map(TrainingField::id).toList());
        for (TrainingField<?> f : TrainingField.ALL) {
            assertFalse(f.description().isBlank(), f.id());
            assertTrue(f.defaultValue() != null, f.id());
            assertSame(f, TrainingField.named(f.id()));
        }
    }

    @Test
    void defaultsAreTheSeedExperimentsSettings() {
        assertArrayEquals(new int[]{100}, TrainingField.HIDDEN.defaultValue());
        assertEquals(Activations.every(Activation.RELU), TrainingField.ACTIVATION.defaultValue());
        assertEquals(50, TrainingField.EPOCHS.defaultValue());
        assertEquals(100, TrainingField.BATCH_SIZE.defaultValue());
        assertEquals(1e-3, TrainingField.LEARNING_RATE.defaultValue());
        assertEquals(Reduction.SUM, TrainingField.REDUCTION.defaultValue());
        assertEquals(LearningRateSchedule.step(0.5, 20), TrainingField.SCHEDULE.defaultValue());
        assertEquals(Initializer.NORMAL, TrainingField.INIT.defaultValue().initializer());
        assertEquals(1.0, TrainingField.INIT_SIGMA.defaultValue());
        assertEquals(false, TrainingField.SHUFFLE.defaultValue());
    }

    @Test
    void aConfigWithoutTrainingSettingsTrainsWithTheSeedExperimentsSettings() {
        SweepConfig c = ConfigLoader.parse(Path.of("conf/d.json"), "{\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"}}");
        TrialConfig t = c.trials().get(0).config();
        assertEquals(new TrainingSettings(50, 100, 1e-3, Reduction.SUM, LearningRateSchedule.step(0.5, 20), false, 0),
                t.training().withSeed(0));
        assertEquals(new InitSpec(Initializer.NORMAL, 1.0, null), t.init());
        assertArrayEquals(new int[]{100}, t.hidden());
        assertArrayEquals(new Activation[]{Activation.RELU}, t.activation());
    }

    @Test
    void aTrialCarriesTheShuffleSeedDerivedFromItsSeedAsBefore() {
        // TrialRunner used to derive it, as trial.seed() ^ 0x5DEECE66DL; published results depend on it.
        for (Trial t : ConfigLoader.load(Path.of("conf/mnist-seed.json")).trials()) {
            assertEquals(t.seed() ^ 0x5DEECE66DL, t.config().training().seed(), t.id());
        }
    }

    @Test
    void aGridValueIsTheSameTypedValueWhereverItIsGiven() {
        SweepConfig c = ConfigLoader.parse(Path.of("conf/g.json"), "{\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"},"
                + " \"grid\": {\"schedule\": [{\"type\": \"constant\"}, {\"every\": 4, \"type\": \"step\", \"factor\": 0.25}],"
                + " \"init\": [\"he\", \"models/m.h5\"]}, \"training\": {\"initSigma\": 0.5, \"reduction\": \"mean\"}}");
        assertEquals(4, c.trials().size());
        assertEquals(LearningRateSchedule.constant(), c.trials().get(0).config().schedule());
        assertEquals(LearningRateSchedule.step(0.25, 4), c.trials().get(2).config().schedule());
        assertEquals(new InitSpec(Initializer.HE, 0.5, null), c.trials().get(0).config().init());
        assertEquals(new InitSpec(null, 0.5, "models/m.h5"), c.trials().get(1).config().init());
        assertEquals(Reduction.MEAN, c.trials().get(3).config().reduction());
    }
}
