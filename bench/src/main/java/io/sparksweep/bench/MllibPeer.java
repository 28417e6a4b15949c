package io.sparksweep.bench;

import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetReader;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
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
 * The peer a Spark user would reach for: MLlib's {@code MultilayerPerceptronClassifier}
 * (784-100-10, sigmoid hidden units, softmax output) tuned over a step-size grid with
 * {@code ParamGridBuilder} + {@code TrainValidationSplit} (parallelism 2, trainRatio 5/6) on
 * the 60,000 MNIST training rows. Prints {@code mllib_*} lines that bench/run.sh parses.
 *
 * <pre>
 *   MllibPeer &lt;train.hdf5&gt; &lt;master&gt; &lt;solver gd|l-bfgs&gt; &lt;maxIter&gt; &lt;stepSize,...&gt; [blockSize]
 * </pre>
 */
public final class MllibPeer {
    private MllibPeer() {
    }

    public static void main(String[] args) {
        if (args.length < 5) {
            System.err.println("usage: MllibPeer <train.hdf5> <master> <gd|l-bfgs> <maxIter> <stepSize,...> [blockSize]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String master = args[1];
        String solver = args[2];
        int maxIter = Integer.parseInt(args[3]);
        String[] steps = args[4].split(",");
        int blockSize = args.length > 5 ? Integer.parseInt(args[5]) : 128;

        Dataset data = Hdf5DatasetReader.read(file, "xdata", "ydata", 784);
        SparkSession spark = SparkSession.builder().master(master).appName("mllib-peer")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            long t0 = System.nanoTime();
            List<Row> rows = new ArrayList<>(data.rows());
            double[] x = new double[data.features()];
            for (int r = 0; r < data.rows(); r++) {
                for (int c = 0; c < x.length; c++) {
                    x[c] = data.feature(r, c);
                }
                rows.add(RowFactory.create((double) data.label(r), Vectors.dense(x.clone()).compressed()));
            }
            StructType schema = new StructType()
                    .add("label", DataTypes.DoubleType)
                    .add("features", SQLDataTypes.VectorType());
            org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2).cache();
            df.count();

            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {784, 100, 10}).setSolver(solver).setMaxIter(maxIter)
                    .setBlockSize(blockSize).setSeed(243L).setTol(0.0);
            double[] stepSizes = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                stepSizes[i] = Double.parseDouble(steps[i]);
            }
            ParamMap[] grid = new ParamGridBuilder().addGrid(mlp.stepSize(), stepSizes).build();
            MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
                    .setMetricName("accuracy");
            TrainValidationSplit tvs = new TrainValidationSplit().setEstimator(mlp).setEvaluator(accuracy)
                    .setEstimatorParamMaps(grid).setTrainRatio(5.0 / 6.0).setParallelism(2).setSeed(243L);
            long t1 = System.nanoTime();
            TrainValidationSplitModel model = tvs.fit(df);
            long t2 = System.nanoTime();
            double[] metrics = model.validationMetrics();
            double best = 0;
            for (int i = 0; i < metrics.length; i++) {
                System.out.printf(Locale.ROOT, "mllib_trial solver=%s stepSize=%s maxIter=%d val_acc=%.4f%n",
                        solver, steps[i], maxIter, metrics[i]);
                best = Math.max(best, metrics[i]);
            }
            MultilayerPerceptronClassificationModel chosen = (MultilayerPerceptronClassificationModel) model.bestModel();
            System.out.printf(Locale.ROOT, "mllib_best_step %s%n", chosen.getStepSize());
            System.out.printf(Locale.ROOT, "mllib_best_val_acc %.4f%n", best);
            System.out.printf(Locale.ROOT, "mllib_fit_seconds %.2f%n", (t2 - t1) / 1e9);
            System.out.printf(Locale.ROOT, "mllib_wall_seconds %.2f%n", (t2 - t0) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
