package io.sparksweep.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the Spark context a sweep runs in. Under spark-submit the master and settings come
 * from spark-submit; in local mode (Spark embedded) the master defaults to {@code local[*]} and
 * every port binds to 127.0.0.1.
 */
public final class SparkContexts {
    /** The master when neither {@code --master} nor spark-submit names one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkContexts() {
    }

    /**
     * @param master  the master to use, or null to keep spark-submit's (or {@link #DEFAULT_MASTER})
     * @param appName the application name shown by the cluster manager
     */
    public static JavaSparkContext create(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        // One BLAS thread per task: two trials on two cores must not oversubscribe them.
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        // Heartbeats carry running trials' epoch counts to the progress line (Spark's default is 10s).
        conf.setIfMissing("spark.executor.heartbeatInterval", "5s");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
