package io.sparksweep.bench;

import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetReader;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Network;
import io.sparksweep.nn.Reduction;
import io.sparksweep.nn.Trainer;
import io.sparksweep.nn.TrainingSettings;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time to 97% validation accuracy, measured the same way for SparkSweep's trainer and for MLlib's
 * {@code MultilayerPerceptronClassifier}: both train on MNIST training rows 0–49,999 and are
 * evaluated on the same fixed rows 50,000–59,999 (SparkSweep's validation split); the clock
 * starts when the data is in memory (JVM and Spark start-up, file reading and DataFrame caching
 * are excluded for both) and stops at the first evaluation at or above the target.
 *
 * <ul>
 *   <li>SparkSweep: {@code conf/fast-97.json}'s trial (784-256-10 ReLU, He init, batch 32, mean
 *       reduction, shuffled, lr 0.1) on one thread; it evaluates after every epoch, and the time
 *       of the first epoch whose validation accuracy reaches the target counts.</li>
 *   <li>MLlib: L-BFGS on 784-256-10 (sigmoid hidden units, MLlib's only choice), local[2]. MLlib
 *       cannot report accuracy during a fit, so fits with maxIter = 25, 50, 100, 200, 400 are run
 *       from scratch; the fit time of the first one that reaches the target counts (an upper
 *       bound at that granularity, and the figure a user would get by asking for that many
 *       iterations).</li>
 * </ul>
 * Prints {@code t97_*} lines that bench/report.py parses.
 *
 * <pre>
 *   TimeTo97 &lt;train.hdf5&gt; &lt;master&gt; [target] [maxIterCap]
 * </pre>
 */
public final class TimeTo97 {
    private static final int TRAIN_ROWS = 50_000;

    private TimeTo97() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String master = args[1];
        double target = args.length > 2 ? Double.parseDouble(args[2]) : 0.97;
        int maxIterCap = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        Dataset all = Hdf5DatasetReader.read(file, "xdata", "ydata", 784);
        Dataset train = all.slice(0, TRAIN_ROWS);
        Dataset validation = all.slice(TRAIN_ROWS, all.rows());

        sparkSweep(train, validation, target);
        mllib(train, validation, master, target, maxIterCap);
    }

    private static void sparkSweep(Dataset train, Dataset validation, double target) {
        Architecture arch = Architecture.of(784, new int[] {256}, Activation.RELU, 10);
        Network start = Network.initialise(arch, Initializer.HE, 1.0, 243L);
        TrainingSettings settings = new TrainingSettings(10, 32, 0.1, Reduction.MEAN,
                LearningRateSchedule.constant(), true, 243L);
        double[] hit = {Double.NaN, 0};
        long t0 = System.nanoTime();
        Trainer.train(start, train, validation, settings, m -> {
            if (Double.isNaN(hit[0]) && m.validationAccuracy() >= target) {
                hit[0] = (System.nanoTime() - t0) / 1e9;
                hit[1] = m.epoch();
            }
            System.out.printf(Locale.ROOT, "t97_sparksweep_epoch %d %.4f %.2f%n", m.epoch(), m.validationAccuracy(),
                    (System.nanoTime() - t0) / 1e9);
        });
        System.out.printf(Locale.ROOT, "t97_sparksweep_seconds %.2f%n", hit[0]);
        System.out.printf(Locale.ROOT, "t97_sparksweep_epochs %d%n", (int) hit[1]);
    }

    private static void mllib(Dataset train, Dataset validation, String master, double target, int maxIterCap) {
        SparkSession spark = SparkSession.builder().master(master).appName("time-to-97")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType()
                    .add("label", DataTypes.DoubleType)
                    .add("features", SQLDataTypes.VectorType());
            org.apache.spark.sql.Dataset<Row> trainDf = spark.createDataFrame(rows(train), schema).repartition(2).cache();
            org.apache.spark.sql.Dataset<Row> validationDf = spark.createDataFrame(rows(validation), schema).cache();
            trainDf.count();
            validationDf.count();
            MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
            double seconds = Double.NaN;
            int iterations = 0;
            for (int maxIter = 25; maxIter <= maxIterCap && Double.isNaN(seconds); maxIter *= 2) {
                MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                        .setLayers(new int[] {784, 256, 10}).setSolver("l-bfgs").setMaxIter(maxIter)
                        .setTol(0.0).setSeed(243L);
                long t0 = System.nanoTime();
                MultilayerPerceptronClassificationModel model = mlp.fit(trainDf);
                double fit = (System.nanoTime() - t0) / 1e9;
                double acc = accuracy.evaluate(model.transform(validationDf));
                System.out.printf(Locale.ROOT, "t97_mllib_fit %d %.4f %.2f%n", maxIter, acc, fit);
                if (acc >= target) {
                    seconds = fit;
                    iterations = maxIter;
                }
            }
            System.out.printf(Locale.ROOT, "t97_mllib_seconds %.2f%n", seconds);
            System.out.printf(Locale.ROOT, "t97_mllib_iterations %d%n", iterations);
        } finally {
            spark.stop();
        }
    }

    private static List<Row> rows(Dataset data) {
        List<Row> rows = new ArrayList<>(data.rows());
        for (int r = 0; r < data.rows(); r++) {
            double[] x = new double[data.features()];
            for (int c = 0; c < x.length; c++) {
                x[c] = data.feature(r, c);
            }
            rows.add(RowFactory.create((double) data.label(r), Vectors.dense(x).compressed()));
        }
        return rows;
    }
}
