package io.sparksweep.cli;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetWriter;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.Network;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.sweep.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input the user can give gets exit code 2, exactly one line on stderr naming
 * the file, field or option, the bad value and the expectation, no output folder, and leaves every
 * file it was given as it was. None of these cases starts Spark: inputs are checked first.
 *
 * <p>The rows: {@link #badConfigs} (every config field, every kind of grid and search value),
 * {@link #badData} (every data-file defect, alone and between the training and test files),
 * {@link #badModels} (warm-start and predict model files), {@link #badOptions} (every command's
 * options) and {@link #outputFolderRows} (output folders).
 */
class BadInputTest {
    private static final Path FIXTURES = Path.of("src/test/resources/data").toAbsolutePath();

    @TempDir
    static Path dir;
    /** Configs written by the rows; everything else in {@link #dir} must be left as it was. */
    private static Path confs;
    private static int closedPort;

    @BeforeAll
    static void files() throws IOException {
        confs = Files.createDirectories(dir.resolve("confs"));
        Fixtures.writeBlobFiles(dir); // train.h5 (600 rows), test.h5 (150 rows): 8 features, 3 classes
        Files.writeString(dir.resolve("text.h5"), "this is not HDF5\n");
        Files.writeString(dir.resolve("sentinel.txt"), "the user's file\n");
        Files.createDirectories(dir.resolve("existing-run"));
        byte[] train = Files.readAllBytes(dir.resolve("train.h5"));
        Files.write(dir.resolve("truncated.h5"), Arrays.copyOf(train, train.length / 2));
        // A test file of the right width whose labels are one-hot over 2 classes, not 3.
        Hdf5DatasetWriter.write(dir.resolve("two-classes.h5"), twoClasses(), "xdata", "ydata");
        // A test file whose label vector holds class 5, beyond the 3 of the training file.
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("label-5.h5"))) {
            float[][] x = new float[4][8];
            h5.putDataset("xdata", x);
            h5.putDataset("ydata", new int[]{0, 1, 5, 2});
        }
        // Models: one that fits the blobs (8 inputs, 6 hidden, 3 classes), one for 5 inputs, one for 2 classes.
        ModelFile.write(dir.resolve("fits.h5"), model(8, 3));
        ModelFile.write(dir.resolve("misfit.h5"), model(5, 3));
        ModelFile.write(dir.resolve("two-outputs.h5"), model(8, 2));
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("no-attributes.h5"))) {
            h5.putDataset("W1", new float[][]{{1f}});
        }
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("no-W2.h5"))) {
            h5.putAttribute("layer_sizes", new int[]{8, 6, 3});
            h5.putAttribute("activations", new String[]{"relu"});
            h5.putDataset("W1", new float[6][8]);
            h5.putDataset("b1", new float[6]);
        }
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("nan-weights.h5"))) {
            h5.putAttribute("layer_sizes", new int[]{8, 3});
            h5.putAttribute("activations", "");
            float[][] w = new float[3][8];
            w[1][4] = Float.NaN;
            h5.putDataset("W1", w);
            h5.putDataset("b1", new float[3]);
        }
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("no-output-layer.h5"))) {
            h5.putAttribute("layer_sizes", new int[]{8});
            h5.putAttribute("activations", "");
            h5.putDataset("W1", new float[3][8]);
        }
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("extra-layer.h5"))) {
            h5.putAttribute("layer_sizes", new int[]{8, 3});
            h5.putAttribute("activations", "");
            h5.putDataset("W1", new float[3][8]);
            h5.putDataset("b1", new float[3]);
            h5.putDataset("W2", new float[3][3]);
        }
        // IDX files: 4 images of 2 x 2, labels 0..3, and training labels with a stray 200 in row 2.
        Files.write(dir.resolve("images.idx"), idx(0x803, new int[]{4, 2, 2}, new byte[16]));
        Files.write(dir.resolve("labels.idx"), idx(0x801, new int[]{4}, new byte[]{0, 1, 2, 3}));
        Files.write(dir.resolve("labels-200.idx"), idx(0x801, new int[]{4}, new byte[]{0, 1, (byte) 200, 3}));
        Files.write(dir.resolve("bad.gz"), new byte[]{0x1f, (byte) 0x8b, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] fits = Files.readAllBytes(dir.resolve("fits.h5"));
        Files.write(dir.resolve("truncated-model.h5"), Arrays.copyOf(fits, fits.length / 2));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    /** An IDX file: magic, dimensions, bytes. */
    private static byte[] idx(int magic, int[] dims, byte[] body) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims.length + body.length).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(body).array();
    }

    private static String[] idxArgs(String trainImages, String trainLabels, String... more) {
        List<String> args = new ArrayList<>(List.of("data", "idx", "--train-images", trainImages, "--train-labels", trainLabels,
                "--test-images", path("images.idx"), "--test-labels", path("labels.idx"), "--out", "{out}"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Dataset twoClasses() {
        Dataset d = Fixtures.blobs(20, 3);
        float[] x = new float[d.rows() * d.features()];
        int[] labels = new int[d.rows()];
        for (int r = 0; r < d.rows(); r++) {
            for (int c = 0; c < d.features(); c++) {
                x[r * d.features() + c] = d.feature(r, c);
            }
            labels[r] = r % 2;
        }
        return Dataset.ofFloats(d.rows(), d.features(), 2, x, labels);
    }

    private static Network model(int inputs, int classes) {
        return Network.initialise(new Architecture(inputs, new int[]{6}, new Activation[]{Activation.RELU}, classes),
                Initializer.HE, 1, 1);
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    /** A blob config with {@code training} settings added and {@code extra} top-level fields. */
    private static String config(String training, String extra) {
        return configWithData("{\"train\": \"" + path("train.h5") + "\", \"test\": \"" + path("test.h5") + "\"}", training, extra);
    }

    private static String configWithData(String data, String training, String extra) {
        return "{\"name\": \"bad\", \"data\": " + data + ", \"training\": {\"hidden\": [6], \"epochs\": 1"
                + (training.isEmpty() ? "" : ", " + training) + "}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static String data(String train, String test, String more) {
        return configWithData("{\"train\": \"" + train + "\", \"test\": \"" + test + "\"" + (more.isEmpty() ? "" : ", " + more) + "}",
                "", "");
    }

    private static String search(String space) {
        return config("", "\"search\": {\"type\": \"random\", \"trials\": 2, \"seed\": 1, \"space\": {" + space + "}}");
    }

    // ---------------------------------------------------------------- the rows

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                row("JSON syntax", "{\"name\": \"g\",, }", "invalid JSON: unexpected ','"),
                row("top-level field misspelled", config("", "\"gird\": {}"),
                        "gird is not a known field; expected one of name, description, seed, data, training, grid, search, stopping (did you mean \"grid\"?)"),
                row("name with a space", config("", "").replace("\"bad\"", "\"my sweep\""),
                        "name = \"my sweep\", expected 1 to 64 letters, digits, '.', '_' or '-'"),
                row("seed not an integer", config("", "\"seed\": \"x\""), "seed = \"x\", expected an integer"),
                row("a tab in the name, shown escaped", config("", "").replace("\"bad\"", "\"ba\\td\""),
                        "name = \"ba\\u0009d\", expected 1 to 64 letters"),
                row("NUL in a data path", data(path("train.h5") + "\\u0000", path("test.h5"), ""),
                        "data.train = \"" + path("train.h5") + "\\u0000\", expected a string without NUL characters"),
                row("data block missing", "{\"training\": {}}", "data = missing, expected an object with \"train\" and \"test\" HDF5 files"),
                row("data.test missing", configWithData("{\"train\": \"" + path("train.h5") + "\"}", "", ""),
                        "data.test = missing, expected the test HDF5 file"),
                row("data.validationFraction 1", data(path("train.h5"), path("test.h5"), "\"validationFraction\": 1"),
                        "data.validationFraction = 1, expected a number in (0, 1)"),
                row("data.maxRows negative", data(path("train.h5"), path("test.h5"), "\"maxRows\": -5"),
                        "data.maxRows = -5, expected an integer >= 0 (0 = all rows)"),
                row("data.fetch misspelled", data(path("train.h5"), path("test.h5"), "\"fetch\": \"mnsit\""),
                        "data.fetch = \"mnsit\", expected \"mnist\" or \"none\" (did you mean \"mnist\"?)"),
                row("training field misspelled", config("\"epoch\": 3", ""), "training.epoch is not a known field"),
                row("hidden width 0", config("", "").replace("\"hidden\": [6]", "\"hidden\": [6, 0]"),
                        "training.hidden[1] = 0, expected an integer width from 1 to 65536"),
                row("hidden weights overflow an array", config("", "").replace("\"hidden\": [6]", "\"hidden\": [65536, 65536]"),
                        "training.hidden = [65536,65536], expected widths whose weights fit one float array"),
                row("activation misspelled", config("\"activation\": \"rleu\"", ""),
                        "training.activation = \"rleu\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"relu\"?)"),
                row("one activation per layer", config("\"activation\": [\"relu\", \"tanh\"]", ""),
                        "training.activation = [\"relu\",\"tanh\"], expected one activation per hidden layer, but training.hidden = [6] has 1"),
                row("epochs 0", config("", "").replace("\"epochs\": 1", "\"epochs\": 0"), "training.epochs = 0, expected an integer >= 1"),
                row("batchSize not an integer", config("\"batchSize\": 2.5", ""), "training.batchSize = 2.5, expected an integer >= 1"),
                row("learningRate negative", config("\"learningRate\": -0.1", ""), "training.learningRate = -0.1, expected a finite number > 0"),
                row("a step-only field with a constant schedule", config("\"schedule\": {\"type\": \"constant\", \"factor\": 0.5}", ""),
                        "training.schedule.factor does not apply to type \"constant\"; expected no factor, or \"type\": \"step\""),
                row("reduction misspelled", config("\"reduction\": \"maen\"", ""),
                        "training.reduction = \"maen\", expected one of sum, mean (did you mean \"mean\"?)"),
                row("schedule type misspelled", config("\"schedule\": {\"type\": \"stpe\"}", ""),
                        "training.schedule.type = \"stpe\", expected \"constant\" or \"step\" (did you mean \"step\"?)"),
                row("schedule factor negative", config("\"schedule\": {\"type\": \"step\", \"factor\": -1, \"every\": 2}", ""),
                        "training.schedule.factor = -1, expected a finite number > 0"),
                row("init misspelled", config("\"init\": \"xaiver\"", ""),
                        "training.init = \"xaiver\", expected one of normal, xavier, he (did you mean \"xavier\"?)"),
                row("initSigma 0", config("\"initSigma\": 0", ""), "training.initSigma = 0, expected a finite number > 0"),
                row("shuffle not a boolean", config("\"shuffle\": \"yes\"", ""), "training.shuffle = \"yes\", expected true or false"),
                row("grid value not a list", config("", "\"grid\": {\"learningRate\": 0.1}"),
                        "grid.learningRate = 0.1, expected a non-empty list of values"),
                row("grid list empty", config("", "\"grid\": {\"learningRate\": []}"),
                        "grid.learningRate = [], expected a non-empty list of values"),
                row("grid activation misspelled beside a grid of depths", config("", "\"grid\": {\"hidden\": [[6], [6, 6]], \"activation\": [\"relu\", \"rleu\"]}"),
                        "grid.activation[1] = \"rleu\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"relu\"?)"),
                row("grid learningRate negative", config("", "\"grid\": {\"learningRate\": [0.1, -1]}"),
                        "grid.learningRate[1] = -1, expected a finite number > 0"),
                row("grid hidden width not a number", config("", "\"grid\": {\"hidden\": [[6], [\"x\"]]}"),
                        "grid.hidden[1][0] = \"x\", expected an integer width from 1 to 65536"),
                row("grid schedule misspelled", config("", "\"grid\": {\"schedule\": [{\"type\": \"constnat\"}]}"),
                        "grid.schedule[0].type = \"constnat\", expected \"constant\" or \"step\" (did you mean \"constant\"?)"),
                row("grid repeats a trial", config("", "\"grid\": {\"learningRate\": [0.1, 0.1]}"),
                        "expected distinct trials, but it repeats trial 0"),
                row("grid field misspelled", config("", "\"grid\": {\"learningrate\": [0.1]}"),
                        "grid.learningrate is not a known field; expected one of hidden, activation, epochs, batchSize, learningRate, "
                                + "reduction, schedule, init, initSigma, shuffle (did you mean \"learningRate\"?)"),
                row("search choice misspelled", search("\"activation\": {\"choice\": [\"relu\", \"tnah\"]}"),
                        "search.space.activation.choice[1] = \"tnah\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"tanh\"?)"),
                row("search bound not a value of the field", search("\"learningRate\": {\"uniform\": [-1, 0.1]}"),
                        "search.space.learningRate.uniform[0] = -1, expected a finite number > 0"),
                row("search loguniform from 0", search("\"initSigma\": {\"loguniform\": [0, 1]}"),
                        "search.space.initSigma.loguniform = [0,1], expected [a, b] with 0 < a < b"),
                row("search intRange reversed", search("\"batchSize\": {\"intRange\": [20, 10]}"),
                        "search.space.batchSize.intRange = [20,10], expected [a, b], integers with a <= b"),
                row("search uniform over an integer field", search("\"epochs\": {\"uniform\": [1, 3]}"),
                        "search.space.epochs = {\"uniform\": ...}, expected {\"intRange\": [a, b]} or {\"choice\": [values]}, as epochs takes integers"),
                row("search distribution misspelled", search("\"activation\": {\"choise\": [\"relu\"]}"),
                        "search.space.activation = {\"choise\": ...}, expected one of loguniform, uniform, intRange, choice (did you mean \"choice\"?)"),
                row("search trials 0", config("", "\"search\": {\"type\": \"random\", \"trials\": 0, \"space\": {\"learningRate\": {\"uniform\": [0.1, 0.2]}}}"),
                        "search.trials = 0, expected an integer from 1 to 100000"),
                row("search type missing", config("", "\"search\": {\"trials\": 1, \"space\": {\"learningRate\": {\"uniform\": [0.1, 0.2]}}}"),
                        "search.type = missing, expected \"random\""),
                row("stopping not an object", config("", "\"stopping\": \"sha\""),
                        "stopping = \"sha\", expected an object such as {\"type\": \"sha\", \"minEpochs\": 1, \"eta\": 3, "
                                + "\"metric\": \"validationAccuracy\"}"),
                row("stopping field misspelled", config("", "\"stopping\": {\"type\": \"sha\", \"mniEpochs\": 1}"),
                        "stopping.mniEpochs is not a known field; expected one of type, minEpochs, eta, metric (did you mean \"minEpochs\"?)"),
                row("stopping type misspelled", config("", "\"stopping\": {\"type\": \"hyperbnad\"}"),
                        "stopping.type = \"hyperbnad\", expected one of none, sha, hyperband (did you mean \"hyperband\"?)"),
                row("stopping metric misspelled", config("", "\"stopping\": {\"type\": \"sha\", \"metric\": \"validationAccuarcy\"}"),
                        "stopping.metric = \"validationAccuarcy\", expected one of validationAccuracy, validationLoss "
                                + "(did you mean \"validationAccuracy\"?)"),
                row("stopping minEpochs 0", config("", "\"stopping\": {\"type\": \"sha\", \"minEpochs\": 0}"),
                        "stopping.minEpochs = 0, expected an integer >= 1"),
                row("stopping minEpochs beyond the epochs", config("", "\"stopping\": {\"type\": \"sha\", \"minEpochs\": 2}"),
                        "stopping.minEpochs = 2, expected an integer from 1 to training.epochs = 1"),
                row("stopping with epochs in the grid", config("", "\"grid\": {\"epochs\": [4, 2]}, "
                                + "\"stopping\": {\"type\": \"hyperband\"}"),
                        "grid.epochs = [4, 2], expected no epochs list with stopping.type = \"hyperband\": "
                                + "training.epochs is every trial's budget"),
                row("stopping eta 1", config("", "\"stopping\": {\"type\": \"hyperband\", \"eta\": 1}"),
                        "stopping.eta = 1, expected an integer >= 2"),
                row("network too large for the heap", config("", "").replace("\"hidden\": [6]", "\"hidden\": [40000, 40000]"),
                        "(weights, gradients and batch buffers)"));
    }

    static Stream<Arguments> badData() {
        return Stream.of(
                row("data file missing", data(path("nope.h5"), path("test.h5"), ""), path("nope.h5") + ": data file not found"),
                row("not HDF5", data(path("text.h5"), path("test.h5"), ""), path("text.h5") + ": not an HDF5 file"),
                row("hdfs URI of an unknown host", data("hdfs://nohost.invalid:9000/x.h5", path("test.h5"), ""),
                        "hdfs://nohost.invalid:9000/x.h5: cannot read: unknown host nohost.invalid (" + confs.resolve("hdfs-URI-of-an-unknown-host.json")
                                + ": data.train)"),
                row("s3a URI without hadoop-aws", data(path("train.h5"), "s3a://bucket/x.h5", ""),
                        "s3a://bucket/x.h5: cannot read: no file system for scheme \"s3a\" on the classpath; add its package, "
                                + "e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:"),
                row("truncated HDF5", data(path("truncated.h5"), path("test.h5"), ""),
                        path("truncated.h5") + ": cannot read HDF5 (truncated or corrupt file?)"),
                row("wrong dataset name", data(path("train.h5"), path("test.h5"), "\"features\": \"pixels\""),
                        path("train.h5") + ": no dataset 'pixels' (found: xdata, ydata)"),
                row("labels dataset missing", data(fixture("bad_missing_ydata.h5"), path("test.h5"), ""),
                        "bad_missing_ydata.h5: no dataset 'ydata' (found: labels, xdata)"),
                row("features are a group", data(fixture("bad_xdata_group.h5"), path("test.h5"), ""),
                        "bad_xdata_group.h5: 'xdata' is a group, expected a dataset"),
                row("features of rank 3", data(fixture("bad_rank.h5"), path("test.h5"), ""),
                        "bad_rank.h5: dataset 'xdata' has shape (12, 2, 3), expected (N, F)"),
                row("integer features", data(fixture("bad_int32_xdata.h5"), path("test.h5"), ""),
                        "bad_int32_xdata.h5: dataset 'xdata' has type int32, expected float32, float64 or uint8"),
                row("NaN feature", data(fixture("bad_nan.h5"), path("test.h5"), ""), "bad_nan.h5: dataset 'xdata' has NaN at row 4, column 2"),
                row("infinite feature", data(fixture("bad_inf.h5"), path("test.h5"), ""),
                        "bad_inf.h5: dataset 'xdata' has -Infinity at row 7, column 5, expected finite numbers"),
                row("labels not one-hot", data(fixture("bad_not_onehot.h5"), path("test.h5"), ""),
                        "bad_not_onehot.h5: dataset 'ydata' row 7 is [0, 1, 1], expected one-hot (a single 1, zeros elsewhere)"),
                row("negative label", data(fixture("bad_negative_label.h5"), path("test.h5"), ""),
                        "bad_negative_label.h5: dataset 'ydata' row "),
                row("fractional label", data(fixture("bad_fractional_label.h5"), path("test.h5"), ""),
                        "bad_fractional_label.h5: dataset 'ydata' row "),
                row("labels of rank 3", data(fixture("bad_labels_rank3.h5"), path("test.h5"), ""),
                        "bad_labels_rank3.h5: dataset 'ydata' has shape "),
                row("labels and features disagree on rows", data(fixture("bad_row_mismatch.h5"), path("test.h5"), ""),
                        "bad_row_mismatch.h5: dataset 'ydata' has "),
                row("test file narrower than the training file", data(path("train.h5"), fixture("bad_shape.h5"), ""),
                        "bad_shape.h5: dataset 'xdata' has shape (12, 5), expected (N, 8) (the width of " + path("train.h5") + ")"),
                row("test file with fewer classes", data(path("train.h5"), path("two-classes.h5"), ""),
                        "two-classes.h5: dataset 'ydata' has shape (20, 2), expected (N, 3) one-hot labels (the 3 classes of "
                                + path("train.h5") + ")"),
                row("test label beyond the training classes", data(path("train.h5"), path("label-5.h5"), ""),
                        "label-5.h5: dataset 'ydata' row 2 = 5, expected an integer class index in [0, 3) (the 3 classes of "
                                + path("train.h5") + ")"),
                row("fewer rows than one batch", config("\"batchSize\": 100000", ""),
                        "batchSize = 100000 (trial "),
                row("no validation rows left", data(path("train.h5"), path("test.h5"), "\"maxRows\": 1"),
                        "data.validationFraction = 0.16666666666666666 leaves 1 training and 0 validation rows of 1"));
    }

    static Stream<Arguments> badModels() {
        return Stream.of(
                row("warm start from a model of another width", config("\"init\": \"" + path("misfit.h5") + "\"", ""),
                        "misfit.h5: model has layer sizes [5, 6, 3], expected [8, 6, 3]"),
                row("warm start from a file that is not HDF5", config("\"init\": \"" + path("text.h5") + "\"", ""),
                        path("text.h5") + ": not an HDF5 file"),
                row("warm start from a missing model", config("\"init\": \"" + path("none.h5") + "\"", ""),
                        path("none.h5") + ": model file not found"),
                row("warm start from a model without attributes", config("\"init\": \"" + path("no-attributes.h5") + "\"", ""),
                        "no-attributes.h5: no attribute 'layer_sizes'; is this a SparkSweep model file?"),
                row("warm start from a model missing a layer", config("\"init\": \"" + path("no-W2.h5") + "\"", ""),
                        "no-W2.h5: no dataset 'W2'"),
                row("warm start from a truncated model", config("\"init\": \"" + path("truncated-model.h5") + "\"", ""),
                        "truncated-model.h5: "));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                opts("--master that Spark cannot parse", "sweep: --master bogus: not a Spark master URL; expected local, local[N]",
                        "run", "{ok}", "--out", "{out}", "--master", "bogus"),
                opts("--master local[0]", "--master local[0]: the number of threads must be at least 1",
                        "run", "{ok}", "--out", "{out}", "--master", "local[0]"),
                opts("--master with more threads than a JVM should start", "--master local[100000]: the number of threads must be at most 1024",
                        "run", "{ok}", "--out", "{out}", "--master", "local[100000]"),
                opts("--master local-cluster too small for an executor", "--master local-cluster[1,1,100]: each worker's memory M = 100 MiB "
                        + "is below the executor memory, 1024 MiB (spark.executor.memory), expected M >= 1024",
                        "run", "{ok}", "--out", "{out}", "--master", "local-cluster[1,1,100]"),
                opts("--out empty", "sweep: Invalid value for option '--out': '' is empty, expected a path; see 'sweep run --help'",
                        "run", "{ok}", "--out", ""),
                opts("report on an empty path", "Invalid value for positional parameter at index 0 (RUN_DIR): '' is empty, expected a path",
                        "report", ""),
                opts("--master no Spark master listens on", "--master spark://127.0.0.1:{port}: cannot connect to 127.0.0.1:{port}",
                        "run", "{ok}", "--out", "{out}", "--master", "spark://127.0.0.1:{port}"),
                opts("--master mesos", "Mesos support was removed in Spark 4", "run", "{ok}", "--out", "{out}", "--master", "mesos://h:5050"),
                opts("--progress-every negative", "--progress-every -1: expected 0 or more seconds",
                        "run", "{ok}", "--out", "{out}", "--progress-every", "-1"),
                opts("--progress-every not a number", "Invalid value for option '--progress-every': 'soon' is not an int",
                        "run", "{ok}", "--out", "{out}", "--progress-every", "soon"),
                opts("unknown option", "Unknown option: '--forse' (did you mean --force?); see 'sweep run --help'",
                        "run", "{ok}", "--out", "{out}", "--forse"),
                opts("unknown command", "'rnu', '{ok}', expected a command: run, data, predict, report, compare",
                        "rnu", "{ok}"),
                opts("config missing", "sweep: " + path("none.json") + ": config file not found", "run", path("none.json"), "--out", "{out}"),
                opts("config is a folder", "cannot read config file", "run", path("existing-run"), "--out", "{out}"),
                opts("--resume with --out", "cannot be combined with --out or --force", "run", "{ok}", "--resume", path("existing-run"), "--out", "{out}"),
                opts("--resume a folder that is not a run", "--resume " + path("existing-run") + ": not a run folder (no inputs.json)",
                        "run", "{ok}", "--resume", path("existing-run")),
                opts("predict without --data", "Missing required option: '--data=F.h5'", "predict", "--model", path("fits.h5")),
                opts("predict on a file that is not HDF5", path("text.h5") + ": not an HDF5 file",
                        "predict", "--model", path("fits.h5"), "--data", path("text.h5")),
                opts("predict with a model that is not HDF5", path("text.h5") + ": not an HDF5 file",
                        "predict", "--model", path("text.h5"), "--data", path("test.h5")),
                opts("predict with a model of another width", "test.h5: dataset 'xdata' has shape (150, 8), expected (N, 5) (the inputs of model "
                        + path("misfit.h5") + ")", "predict", "--model", path("misfit.h5"), "--data", path("test.h5")),
                opts("predict with a model of fewer classes", "test.h5: dataset 'ydata' has shape (150, 3), expected (N, 2) one-hot labels "
                        + "(the 2 classes model " + path("two-outputs.h5") + " predicts)",
                        "predict", "--model", path("two-outputs.h5"), "--data", path("test.h5")),
                opts("predict with non-finite weights", "nan-weights.h5: dataset 'W1' has NaN at (1, 4), expected finite weights",
                        "predict", "--model", path("nan-weights.h5"), "--data", path("test.h5")),
                opts("predict with a wrong features name", "test.h5: no dataset 'pixels' (found: xdata, ydata)",
                        "predict", "--model", path("fits.h5"), "--data", path("test.h5"), "--features", "pixels"),
                opts("predict --labels naming a missing dataset", "--labels ydta: no such dataset in " + path("test.h5")
                        + " (found: xdata, ydata)", "predict", "--model", path("fits.h5"), "--data", path("test.h5"), "--labels", "ydta"),
                opts("predict --out the --data file, even with --force", "--out " + path("test.h5") + ": is the --data file "
                        + path("test.h5") + ", expected another file for the predictions (--force never replaces an input)",
                        "predict", "--model", path("fits.h5"), "--data", path("test.h5"), "--out", path("test.h5"), "--force"),
                opts("predict --out the --model file", "--out " + path("fits.h5") + ": is the --model file " + path("fits.h5")
                        + ", expected another file for the predictions (--force never replaces an input)",
                        "predict", "--model", path("fits.h5"), "--data", path("test.h5"), "--out", path("fits.h5")),
                opts("predict with a model without an output layer", path("no-output-layer.h5") + ": attribute 'layer_sizes' = [8], "
                        + "expected at least two sizes [inputs, hidden..., classes]",
                        "predict", "--model", path("no-output-layer.h5"), "--data", path("test.h5")),
                opts("predict with a model of an extra layer", path("extra-layer.h5") + ": has dataset 'W2', expected only W1, b1 "
                        + "(the layers of layer_sizes [8, 3])", "predict", "--model", path("extra-layer.h5"), "--data", path("test.h5")),
                opts("data idx with a training label out of range", path("labels-200.idx") + ": row 2 has label 200, expected a class "
                        + "from 0 to 9 (as MNIST-style label files hold; pass --classes K for K classes)",
                        idxArgs(path("images.idx"), path("labels-200.idx"))),
                opts("data idx with test labels beyond --classes", path("labels.idx") + ": row 3 has label 3, expected a class "
                        + "from 0 to 2 (--classes 3)", idxArgs(path("images.idx"), path("labels.idx"), "--classes", "3")),
                opts("data idx --classes 1", "--classes 1: expected an integer from 2 to 256 (IDX labels are bytes)",
                        idxArgs(path("images.idx"), path("labels.idx"), "--classes", "1")),
                opts("data idx of a file that is not gzip", path("bad.gz") + ": not gzip data although it starts like gzip "
                        + "(Unsupported compression method), expected an IDX file, raw or gzip-compressed",
                        idxArgs(path("bad.gz"), path("labels.idx"))),
                opts("data idx of a folder", path("existing-run") + ": is a folder, expected an IDX file",
                        idxArgs(path("existing-run"), path("labels.idx"))),
                opts("compare --tolerance negative", "--tolerance -0.5: must be a finite number >= 0",
                        "compare", "conf/seed-reported.csv", "conf/seed-reported.csv", "--tolerance", "-0.5"),
                opts("compare --tolerance not a number", "Invalid value for option '--tolerance': 'tight' is not a double",
                        "compare", "conf/seed-reported.csv", "conf/seed-reported.csv", "--tolerance", "tight"),
                opts("compare --metric unknown", "Invalid value for option '--metric': 'accuracy' is not a metric, expected one of val_accuracy, "
                        + "val_loss, train_accuracy, train_loss, test_accuracy",
                        "compare", "conf/seed-reported.csv", "conf/seed-reported.csv", "--metric", "accuracy"),
                opts("compare --format unknown", "Invalid value for option '--format': 'xml' is not a format, expected one of text, markdown, csv, json",
                        "compare", "conf/seed-reported.csv", "conf/seed-reported.csv", "--format", "xml"),
                opts("compare a run that does not exist", path("none") + ": not found, expected a run folder, a results.json or a CSV file",
                        "compare", path("none"), "conf/seed-reported.csv"),
                opts("compare with one run only", "Missing required parameter: 'RUN_B'", "compare", "conf/seed-reported.csv"),
                opts("report of a file", path("sentinel.txt") + ": not a folder, expected a run folder written by 'sweep run'",
                        "report", path("sentinel.txt")),
                opts("report of a folder without results", "results.json: results file not found", "report", path("existing-run")),
                opts("data idx without its files", "Missing required options: '--train-images=FILE'", "data", "idx", "--out", "{out}"),
                opts("data idx --name with a folder in it", "--name ../x: expected a file name of letters, digits, '.', '_' "
                        + "or '-', not starting with '.' or '-'", "data", "idx", "--train-images", path("text.h5"),
                        "--train-labels", path("text.h5"), "--test-images", path("text.h5"), "--test-labels", path("text.h5"),
                        "--out", "{out}", "--name", "../x"));
    }

    private static Arguments row(String what, String json, String expected) {
        return Arguments.of(what, json, expected);
    }

    private static Arguments opts(String what, String expected, String... args) {
        return Arguments.of(what, expected, args);
    }

    // ---------------------------------------------------------------- running and asserting

    private static CliRun sweep(String... args) {
        return CliRun.of(args);
    }

    /**
     * Every folder, and every file's size, modification time and SHA-256, under {@code root}, but
     * the configs. A folder's own modification time is left out: a check may probe a folder by
     * creating and removing a file in it.
     */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p -> !p.startsWith(confs)).toList()) {
                String facts = Files.isRegularFile(p)
                        ? Files.getLastModifiedTime(p) + " " + Files.size(p) + " " + sha256(p) : "folder";
                m.put(root.relativize(p).toString(), facts);
            }
        }
        return m;
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String slug(String what) {
        return what.replaceAll("\\W+", "-");
    }

    /** Runs {@code args} and asserts the bad-input contract; {@code out} must not exist afterwards. */
    private static void assertRefused(String expected, Path out, String... args) throws IOException {
        Map<String, String> before = snapshot(dir);
        CliRun run = sweep(args);
        String all = run.err();
        assertEquals(2, run.exit(), "exit code; stderr: " + all + " stdout: " + run.out());
        List<String> lines = all.lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + all);
        assertTrue(lines.get(0).startsWith("sweep: "), lines.get(0));
        assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in: " + lines.get(0));
        assertFalse(all.contains("Exception") || all.contains("internal error"), all);
        assertFalse(out != null && Files.exists(out), "no output folder for bad input: " + out);
        assertEquals(before, snapshot(dir), "nothing the user gave is touched, nothing deleted");
    }

    private static void assertConfigRefused(String what, String json, String expected) throws IOException {
        Path conf = confs.resolve(slug(what) + ".json");
        Files.writeString(conf, json);
        Path out = dir.resolve("out-" + slug(what));
        assertRefused(expected, out, "run", conf.toString(), "--out", out.toString(), "--master", "local[1]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigExitsWithCode2AndOneLineAndWritesNothing(String what, String json, String expected) throws IOException {
        assertConfigRefused(what, json, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badData")
    void badDataFileExitsWithCode2AndOneLineBeforeAnyTraining(String what, String json, String expected) throws IOException {
        assertConfigRefused(what, json, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void badModelFileExitsWithCode2AndOneLine(String what, String json, String expected) throws IOException {
        assertConfigRefused(what, json, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionExitsWithCode2AndOneLineAndWritesNothing(String what, String expected, String[] args) throws IOException {
        Path ok = confs.resolve("ok.json");
        Files.writeString(ok, config("", ""));
        Path out = dir.resolve("out-" + slug(what));
        String port = String.valueOf(closedPort);
        List<String> resolved = new ArrayList<>();
        for (String a : args) {
            resolved.add(a.replace("{ok}", ok.toString()).replace("{out}", out.toString()).replace("{port}", port));
        }
        assertRefused(expected.replace("{port}", port).replace("{ok}", ok.toString()), out, resolved.toArray(String[]::new));
    }

    @Test
    void rowsCoverAtLeastThirtyKinds() {
        long kinds = badConfigs().count() + badData().count() + badModels().count() + badOptions().count()
                + outputFolderRows().count();
        assertTrue(kinds >= 30, "kinds: " + kinds);
    }

    /**
     * Output folders: rows that need the run folder checks of branch {@code safety} (marked), kept
     * apart from the other tables so that they can be told apart until that branch is merged.
     * {@code {ok}} is a valid config, {@code {out}} a folder that must not be left behind.
     */
    static Stream<Arguments> outputFolderRows() {
        return Stream.of(
                opts("existing folder without --force", "--out " + path("existing-run")
                                + ": folder exists; pass --force to overwrite it or choose another folder",
                        "run", "{ok}", "--out", path("existing-run"), "--master", "local[1]"),
                // fixed on branch safety: --out below a regular file is refused before Spark starts.
                opts("--out below a regular file", "sentinel.txt", "run", "{ok}", "--out", path("sentinel.txt") + "/run",
                        "--master", "local[1]"),
                // fixed on branch safety: --force may replace only what a run writes, never a .git folder.
                opts("--force on a folder holding .git", ".git", "run", "{ok}", "--out", path("repo"), "--force", "--master", "local[1]"),
                // fixed on branch safety: a failed conversion leaves no --out folder behind.
                opts("data idx given files that are not IDX", path("text.h5"), "data", "idx", "--train-images", path("text.h5"),
                        "--train-labels", path("text.h5"), "--test-images", path("text.h5"), "--test-labels", path("text.h5"),
                        "--out", "{out}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputFolderRows")
    void outputFolderRowsAreRefusedBeforeAnyWorkAndTouchNothing(String what, String expected, String[] args) throws IOException {
        Path git = dir.resolve("repo").resolve(".git");
        if (!Files.exists(git)) {
            Files.createDirectories(git);
            Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        }
        badOptionExitsWithCode2AndOneLineAndWritesNothing(what, expected, args);
    }

    // ---------------------------------------------------------------- good input still works

    @Test
    void aTestFileWhoseLabelVectorLacksTheLastClassIsStillUsable() throws IOException {
        Path vector = dir.resolve("confs").resolve("labels-0-1.h5");
        try (WritableHdfFile h5 = HdfFile.write(vector)) {
            h5.putDataset("xdata", new float[4][8]);
            h5.putDataset("ydata", new int[]{0, 1, 1, 0});
        }
        CliRun run = sweep("predict", "--model", path("fits.h5"), "--data", vector.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("accuracy"), run.out());
    }

    @Test
    void dryRunListsTheTrialsWithoutTouchingData() {
        CliRun run = sweep("run", "conf/mnist-seed.json", "--dry-run");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of("conf/mnist-seed.json: 6 trials", "", "#  trial     activation  learningRate"),
                lines.subList(0, 3));
        assertTrue(lines.get(4).matches("0  [0-9a-f]{8}  relu                1e-5"), lines.get(4));
        assertEquals(10, lines.size());
    }

    @Test
    void helpWorksOnEverySubcommand() {
        for (String[] args : List.of(new String[]{"--help"}, new String[]{"run", "--help"}, new String[]{"data", "--help"},
                new String[]{"data", "mnist", "--help"}, new String[]{"data", "idx", "--help"}, new String[]{"predict", "--help"},
                new String[]{"compare", "--help"}, new String[]{"report", "--help"})) {
            CliRun run = sweep(args);
            assertEquals(0, run.exit(), String.join(" ", args));
            assertTrue(run.out().contains("Usage: sweep"), String.join(" ", args) + ": " + run.out());
        }
    }

    @Test
    void predictWritesPredictionsAndRefusesToOverwrite() throws IOException {
        Path csv = confs.resolve("pred.csv");
        CliRun first = sweep("predict", "--model", path("fits.h5"), "--data", path("test.h5"), "--out", csv.toString());
        assertEquals(0, first.exit(), first.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(151, lines.size());
        assertEquals("row,predicted,label,p0,p1,p2", lines.get(0));
        String[] row = lines.get(1).split(",");
        double sum = Double.parseDouble(row[3]) + Double.parseDouble(row[4]) + Double.parseDouble(row[5]);
        assertEquals(1.0, sum, 1e-5);
        CliRun second = sweep("predict", "--model", path("fits.h5"), "--data", path("test.h5"), "--out", csv.toString());
        assertEquals(2, second.exit());
        assertTrue(second.err().contains("pass --force"), second.err());
    }
}
