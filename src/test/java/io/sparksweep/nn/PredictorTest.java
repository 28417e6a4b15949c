package io.sparksweep.nn;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetReader;
import io.sparksweep.data.Hdf5DatasetWriter;
import io.sparksweep.sweep.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sweep predict}: a saved model applied to a labelled and to an unlabelled file. */
class PredictorTest {
    @TempDir
    Path dir;

    private final Network network = Network.initialise(Architecture.of(8, new int[]{5}, Activation.RELU, 3),
            Initializer.HE, 1, 7);
    private final Dataset rows = Fixtures.blobs(40, 3);

    @Test
    void labelledFileGivesTheEvaluationAndOneCsvRowPerSampleWithTheClassesAccuracyCounts() throws IOException {
        Path model = dir.resolve("m.h5");
        ModelFile.write(model, network);
        Path data = dir.resolve("d.h5");
        Hdf5DatasetWriter.write(data, rows, "xdata", "ydata");
        Path csv = dir.resolve("p.csv");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Evaluation e = Predictor.predict(model, data, "xdata", "ydata", csv, false,
                new PrintStream(console, true, StandardCharsets.UTF_8));

        Dataset read = Hdf5DatasetReader.read(data, "xdata", "ydata", 8);
        assertEquals(Evaluator.evaluate(network, read), e);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("row,predicted,label,p0,p1,p2", lines.get(0));
        assertEquals(41, lines.size());
        int[] predicted = Evaluator.predict(network, read).classes();
        long correct = 0;
        for (int r = 0; r < 40; r++) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(String.valueOf(r), cells[0]);
            assertEquals(predicted[r], Integer.parseInt(cells[1]), "row " + r);
            assertEquals(read.label(r), Integer.parseInt(cells[2]));
            correct += predicted[r] == read.label(r) ? 1 : 0;
        }
        assertEquals((double) correct / 40, e.accuracy());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains(" on 40 rows (loss "), console.toString());
    }

    @Test
    void unlabelledFileGivesPredictionsAndNoEvaluation() throws IOException {
        Path model = dir.resolve("m.h5");
        ModelFile.write(model, network);
        Path data = dir.resolve("x.h5");
        float[][] x = new float[4][8];
        x[1][2] = 1f;
        try (WritableHdfFile h5 = HdfFile.write(data)) {
            h5.putDataset("xdata", x);
        }
        Path csv = dir.resolve("p.csv");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        assertNull(Predictor.predict(model, data, "xdata", "ydata", csv, false,
                new PrintStream(console, true, StandardCharsets.UTF_8)));

        List<String> lines = Files.readAllLines(csv);
        assertEquals("row,predicted,p0,p1,p2", lines.get(0));
        float[] p = network.probabilities(x[1]);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        assertEquals(String.valueOf(best), lines.get(2).split(",")[1]);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("4 rows predicted (no 'ydata' dataset"),
                console.toString());
    }
}
