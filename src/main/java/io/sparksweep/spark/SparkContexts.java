package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.StoppedException;
import io.sparksweep.SweepException;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the Spark context a sweep runs in. Under spark-submit the master and settings come
 * from spark-submit; in local mode (Spark embedded) the master defaults to {@code local[*]} and
 * every port binds to 127.0.0.1.
 *
 * <p>Spark's own log lines: unless the user configured log4j2 themselves (a
 * {@code log4j2.configurationFile} system property, or a {@code log4j2.properties} of their own
 * on the classpath, e.g. in {@code $SPARK_CONF_DIR}), Spark's default configuration logs at INFO,
 * which buries the sweep's output; the root level is then set to WARN before the context starts.
 * {@code --conf spark.sparksweep.sparkLogLevel=INFO} (or the environment variable
 * {@code SPARKSWEEP_SPARK_LOG_LEVEL=INFO}) sets the level Spark logs at instead.
 */
public final class SparkContexts {
    /** The master when neither {@code --master} nor spark-submit names one. */
    public static final String DEFAULT_MASTER = "local[*]";
    /** Spark setting naming the level of Spark's log lines (e.g. INFO, DEBUG). */
    public static final String LOG_LEVEL_SETTING = "spark.sparksweep.sparkLogLevel";
    /** Environment variable naming the level of Spark's log lines, where {@link #LOG_LEVEL_SETTING} is not given. */
    public static final String LOG_LEVEL_ENV = "SPARKSWEEP_SPARK_LOG_LEVEL";
    /** The level Spark logs at when the user configured nothing. */
    static final String QUIET_LEVEL = "WARN";
    /**
     * Priority, in Hadoop's ShutdownHookManager, of {@link #stoppedBySignal}: above Spark's own
     * hooks (its hook manager is registered there at {@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}
     * = 40, and stops the SparkContext), which run after it, highest priority first.
     */
    static final int STOPPED_HOOK_PRIORITY = 100;
    private static final AtomicBoolean SHUTDOWN_HOOK_REGISTERED = new AtomicBoolean();
    /** The context {@link #create} made last (one per sweep run). */
    private static volatile SparkContext latest;

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
        String level = configureLogging();
        JavaSparkContext sc = start(conf);
        if (level != null) {
            // Embedded in this JVM, Spark loads its default configuration (INFO) while the context starts.
            sc.setLogLevel(level);
        }
        latest = sc.sc();
        if (SHUTDOWN_HOOK_REGISTERED.compareAndSet(false, true)) {
            ShutdownHookManager.get().addShutdownHook(SparkContexts::stoppedBySignal, STOPPED_HOOK_PRIORITY);
        }
        return sc;
    }

    /**
     * The context for {@code conf}. When Spark cannot start (a local-cluster too small for its
     * executors, a port in use, a cluster manager refusing the application) this is one line
     * naming the master and Spark's reason; with Spark's logging quiet, Spark's own ERROR line and
     * stack trace for it are kept off the console.
     *
     * @throws SweepException when the context cannot be created
     */
    private static JavaSparkContext start(SparkConf conf) {
        String logger = "org.apache.spark.SparkContext";
        Level before = LogManager.getLogger(logger).getLevel();
        boolean quiet = quietRoot();
        if (quiet) {
            Configurator.setLevel(logger, Level.OFF);
        }
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) { // Spark also throws checked exceptions (a BindException) unannounced
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new SweepException("Spark could not start on master " + conf.get("spark.master") + ": " + reason, e);
        } finally {
            if (quiet) {
                Configurator.setLevel(logger, before);
            }
        }
    }

    /**
     * Runs when the JVM shuts down. If the context still runs, a signal (Ctrl-C, SIGTERM from a
     * cluster manager) is stopping the sweep: this says so and what is kept, at once, as the JVM may
     * halt before the driver's main thread gets to say it. With Spark's logging kept quiet
     * ({@link #quietRoot}), it and stderr are then turned off: Spark's shutdown would otherwise log
     * every task it can no longer launch or report, with stack traces, after that line.
     */
    private static void stoppedBySignal() {
        SparkContext sc = latest;
        if (sc == null || sc.isStopped()) {
            return;
        }
        boolean quiet = quietRoot();
        if (quiet) {
            Configurator.setRootLevel(Level.OFF);
        }
        if (StoppedException.firstAnnouncement()) {
            System.err.println("sweep: " + StoppedException.MESSAGE);
        }
        if (quiet) {
            // Spark's threads also print the futures and tasks their stopped pools reject straight
            // to stderr, past log4j; nothing after the line above is the sweep's own.
            System.err.flush();
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        }
    }

    /**
     * Whether Spark's log lines are kept to warnings or fewer: the quiet default, the launcher's
     * {@code submit-scripts/log4j2.properties}, or a user's configuration at WARN or above. Only then
     * is Spark's logging turned off at shutdown; who asked for INFO or DEBUG keeps every line.
     */
    static boolean quietRoot() {
        Level root = LogManager.getRootLogger().getLevel();
        return root != null && root.isMoreSpecificThan(Level.WARN);
    }

    /**
     * Sets the level of Spark's (and the libraries') log lines, as the class comment describes; call
     * it at the start of a run, before data loading and before the context exists. With the quiet
     * default, jhdf (which warns on every file it writes that writing is "alpha") and Hadoop's
     * native-library notice are kept to errors, as in {@code submit-scripts/log4j2.properties}.
     *
     * @return the root level set, or null when the user's own configuration was left alone
     * @throws BadInputException when the level asked for is not a log4j level
     */
    public static String configureLogging() {
        SparkConf sparkConf = new SparkConf();
        // Let Spark configure log4j first (its defaults, unless the user has a configuration), so
        // that it does not reload them later over the levels set here.
        sparkConf.initializeLogIfNecessary(false);
        String requested = sparkConf.get(LOG_LEVEL_SETTING, System.getenv(LOG_LEVEL_ENV));
        String level = logLevel(requested, userLogConfiguration());
        if (level != null) {
            Configurator.setRootLevel(Level.getLevel(level));
            if (requested == null || requested.isBlank()) {
                Configurator.setLevel("io.jhdf", Level.ERROR);
                Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
                // Hadoop's FileSystem warns, class names and all, before it throws what HadoopDataSource words as one line.
                Configurator.setLevel("org.apache.hadoop.fs.FileSystem", Level.ERROR);
            }
        }
        return level;
    }

    /**
     * The root log level to set: the one asked for, else {@value #QUIET_LEVEL} unless the user
     * configured logging themselves (then null: leave it alone).
     *
     * @throws BadInputException when the level asked for is not a log4j level
     */
    static String logLevel(String requested, boolean userConfigured) {
        if (requested != null && !requested.isBlank()) {
            Level level = Level.getLevel(requested.strip().toUpperCase(Locale.ROOT));
            if (level == null) {
                throw new BadInputException(LOG_LEVEL_SETTING + " (or " + LOG_LEVEL_ENV + ") = " + requested
                        + " is not a log level, expected one of OFF, ERROR, WARN, INFO, DEBUG, TRACE, ALL");
            }
            return level.name();
        }
        return userConfigured ? null : QUIET_LEVEL;
    }

    /**
     * Whether log4j2 runs a configuration the user chose: a {@code log4j2.configurationFile}
     * property, or a file found on the classpath that is not one of Spark's bundled defaults.
     */
    static boolean userLogConfiguration() {
        if (System.getProperty("log4j2.configurationFile") != null || System.getProperty("log4j.configurationFile") != null) {
            return true;
        }
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return false;
        }
        Configuration configuration = context.getConfiguration();
        String location = configuration.getConfigurationSource() == null ? null
                : configuration.getConfigurationSource().getLocation();
        // Spark's defaults live in its jars as org/apache/spark/log4j2-defaults.properties (and the JSON-layout variant).
        return location != null && !location.contains("org/apache/spark/log4j2");
    }
}
