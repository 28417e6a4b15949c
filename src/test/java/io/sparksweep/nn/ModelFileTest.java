package io.sparksweep.nn;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.sparksweep.BadInputException;
import io.sparksweep.OutsideTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Network twoHidden() {
        return Network.initialise(new Architecture(5, new int[]{4, 3},
                new Activation[]{Activation.TANH, Activation.LEAKY_RELU}, 2), Initializer.NORMAL, 0.5, 42);
    }

    @Test
    void roundTripKeepsArchitectureAndEveryParameterBit() {
        Network n = twoHidden();
        Path f = dir.resolve("m.h5");
        ModelFile.write(f, n);
        Network back = ModelFile.read(f);
        assertEquals(n.architecture(), back.architecture());
        assertArrayEquals(n.parameters(), back.parameters());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("m.h5"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void h5pyReadsLayersAndAttributes() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        OutsideTool.require(Files.isExecutable(python), "Debian /usr/bin/python3 with h5py is needed");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import h5py").start();
        OutsideTool.require(probe.waitFor() == 0, "python3-h5py is not installed");

        Network n = twoHidden();
        Path f = dir.resolve("m.h5");
        ModelFile.write(f, n);
        String script = String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "print(list(f.attrs['layer_sizes']))",
                "print([a.decode() if isinstance(a, bytes) else str(a) for a in f.attrs['activations']])",
                "print(f['W1'].shape, f['W1'].dtype, f['b1'].shape, f['W3'].shape)",
                "print(repr(float(f['W2'][1, 2])))");
        Process p = new ProcessBuilder(python.toString(), "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = out.lines().toList();
        assertEquals("[5, 4, 3, 2]", lines.get(0).replace("np.int32(", "").replace(")", ""));
        assertEquals("['tanh', 'leaky_relu']", lines.get(1));
        assertEquals("(4, 5) float32 (4,) (2, 3)", lines.get(2));
        assertEquals(n.weights(1)[1 * 4 + 2], Float.parseFloat(lines.get(3)));
    }

    @Test
    void rejectsFileThatIsNotAModel() throws IOException {
        Path text = dir.resolve("x.h5");
        Files.writeString(text, "hello");
        String message = assertThrows(BadInputException.class, () -> ModelFile.read(text)).getMessage();
        assertEquals(text + ": not an HDF5 file", message);
        assertEquals(dir.resolve("none.h5") + ": model file not found",
                assertThrows(BadInputException.class, () -> ModelFile.read(dir.resolve("none.h5"))).getMessage());
    }

    private Path h5(String name, Consumer<WritableHdfFile> content) {
        Path f = dir.resolve(name);
        try (WritableHdfFile h5 = HdfFile.write(f)) {
            content.accept(h5);
        }
        return f;
    }

    private static String error(Path f) {
        return assertThrows(BadInputException.class, () -> ModelFile.read(f)).getMessage();
    }

    @Test
    void rejectsLayerSizesThatAreNotANetwork() {
        Path f = h5("zero.h5", h5 -> {
            h5.putAttribute("layer_sizes", new int[]{8, 0, 3});
            h5.putAttribute("activations", new String[]{"relu"});
        });
        assertEquals(f + ": attribute 'layer_sizes' = [8, 0, 3], expected [inputs, hidden..., classes] with every size >= 1 "
                + "and classes >= 2", error(f));
    }

    @Test
    void rejectsAnotherFormatOrOutput() {
        Path f = h5("format.h5", h5 -> h5.putAttribute("format", "keras"));
        assertEquals(f + ": attribute 'format' = \"keras\", expected \"sparksweep-mlp/1\"", error(f));
        Path g = h5("output.h5", h5 -> h5.putAttribute("output", "sigmoid"));
        assertEquals(g + ": attribute 'output' = \"sigmoid\", expected \"softmax\"", error(g));
    }

    @Test
    void rejectsWeightsOfTheWrongShapeAndNonFiniteWeights() {
        Path shape = h5("shape.h5", h5 -> {
            h5.putAttribute("layer_sizes", new int[]{4, 2});
            h5.putAttribute("activations", "");
            h5.putDataset("W1", new float[4][2]);
            h5.putDataset("b1", new float[2]);
        });
        assertEquals(shape + ": dataset 'W1' has shape (4, 2), expected (2, 4)", error(shape));
        Path inf = h5("inf.h5", h5 -> {
            h5.putAttribute("layer_sizes", new int[]{4, 2});
            h5.putAttribute("activations", "");
            h5.putDataset("W1", new float[2][4]);
            h5.putDataset("b1", new float[]{0f, Float.POSITIVE_INFINITY});
        });
        assertEquals(inf + ": dataset 'b1' has Infinity at (1,), expected finite weights", error(inf));
    }

    @Test
    void rejectsTruncatedModelWithOneLine() throws IOException {
        Path f = dir.resolve("m.h5");
        ModelFile.write(f, twoHidden());
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        String message = error(cut);
        assertTrue(message.startsWith(cut + ": "), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void trialIdIsReadBackAndAModelWithoutOneOrNoFileGivesNull() {
        Path f = dir.resolve("m.h5");
        ModelFile.write(f, twoHidden(), "0123456789abcdef");
        assertEquals("0123456789abcdef", ModelFile.trialId(f));
        Path g = dir.resolve("g.h5");
        ModelFile.write(g, twoHidden());
        assertNull(ModelFile.trialId(g));
        assertNull(ModelFile.trialId(dir.resolve("none.h5")));
    }

    @Test
    void trialIdOfAFileThatIsNotHdf5NamesTheFile() throws IOException {
        Path text = dir.resolve("x.h5");
        Files.writeString(text, "hello");
        assertEquals(text + ": not an HDF5 file",
                assertThrows(BadInputException.class, () -> ModelFile.trialId(text)).getMessage());
    }
}
