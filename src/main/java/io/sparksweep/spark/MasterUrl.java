package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.config.ConfigLoader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before Spark starts, so that a mistyped or unreachable master is one
 * line and exit code 2 rather than Spark's error log and a long series of retries.
 *
 * <p>The forms Spark 4 accepts ({@code SparkContext.createTaskScheduler}, "Master URLs" in the
 * Spark docs): {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]},
 * {@code local[*,F]} (N threads, F task failures allowed), {@code local-cluster[W,C,M]} (W workers
 * of C cores and M MiB), {@code spark://HOST:PORT[,HOST:PORT...]} (standalone, several masters
 * with ZooKeeper HA), {@code yarn}, and {@code k8s://[https://]HOST[:PORT]}. Mesos was removed in
 * Spark 4.
 *
 * <p>{@link #checkReachable} opens a TCP connection to each standalone master (and to the
 * Kubernetes API server) with a timeout: Spark itself would retry an unreachable standalone
 * master for a minute and then leave a context without executors. A port that accepts the
 * connection but is not a Spark master is not detected here.
 */
public final class MasterUrl {
    /** How long a TCP connection to a master may take before it counts as unreachable. */
    public static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private static final Pattern LOCAL = Pattern.compile("local(\\[([0-9]+|\\*)(\\s*,\\s*([0-9]+))?])?");
    private static final Pattern LOCAL_CLUSTER =
            Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*]");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})");
    private static final String EXPECTED = "expected local, local[N], local[*], local[N,F], local-cluster[W,C,M], "
            + "spark://HOST:PORT[,HOST:PORT], yarn or k8s://HOST:PORT";

    /** A host and port to probe. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private MasterUrl() {
    }

    /**
     * Checks the form of {@code master}.
     *
     * @param master the master URL, or null (Spark's default will be used)
     * @param origin how the user gave it, for the message: {@code --master} or {@code spark.master}
     * @throws BadInputException when Spark cannot parse it, or names a cluster manager this build lacks
     */
    public static void check(String master, String origin) {
        if (master == null) {
            return;
        }
        problem(master).ifPresent(p -> {
            throw new BadInputException(origin + " " + master + ": " + p);
        });
    }

    /**
     * Checks that the standalone masters (at least one of them) or the Kubernetes API server that
     * {@code master} names accept a TCP connection within {@link #CONNECT_TIMEOUT_MILLIS}. Local
     * and YARN masters are not probed.
     *
     * @throws BadInputException when none can be reached
     */
    public static void checkReachable(String master, String origin) {
        if (master == null) {
            return;
        }
        List<Endpoint> endpoints = endpoints(master);
        if (endpoints.isEmpty()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Optional<String> failure = connect(e, CONNECT_TIMEOUT_MILLIS);
            if (failure.isEmpty()) {
                return;
            }
            failures.add(e + " (" + failure.get() + ")");
        }
        throw new BadInputException(origin + " " + master + ": cannot connect to " + String.join(", ", failures)
                + ", expected a running " + (master.startsWith("k8s://") ? "Kubernetes API server" : "Spark master"));
    }

    /** Whether tasks run inside the driver JVM: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}. */
    static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }

    /** Task threads of a local master: N of local[N], {@code cores} for local[*], 1 for local (and any other master). */
    static int localThreads(String master, int cores) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches() || m.group(2) == null) {
            return 1;
        }
        return m.group(2).equals("*") ? cores : Integer.parseInt(m.group(2));
    }

    /** Attempts per task of a local master: F of local[N,F], else 1; empty for other masters (spark.task.maxFailures applies). */
    static OptionalInt localTaskAttempts(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
    }

    /** Cores per worker of {@code local-cluster[W,C,M]}; empty for other masters. */
    static OptionalInt localClusterCores(String master) {
        Matcher m = LOCAL_CLUSTER.matcher(master);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
    }

    /** Why Spark cannot use {@code master}, or empty when the form is valid. */
    static Optional<String> problem(String master) {
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            if (local.group(2) != null && !local.group(2).equals("*") && !atMost(local.group(2), MAX_LOCAL_THREADS)) {
                return Optional.of("the number of threads must be at most " + MAX_LOCAL_THREADS + " (this machine has "
                        + Runtime.getRuntime().availableProcessors() + " cores), expected local[*] or local[N] with N near that");
            }
            if (local.group(2) != null && !local.group(2).equals("*") && !positive(local.group(2))) {
                return Optional.of("the number of threads must be at least 1");
            }
            if (local.group(4) != null && !positive(local.group(4))) {
                return Optional.of("the number of task failures allowed must be at least 1");
            }
            return Optional.empty();
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) {
            for (int g = 1; g <= 3; g++) {
                if (!positive(cluster.group(g))) {
                    return Optional.of("workers, cores and memory (MiB) of local-cluster[W,C,M] must each be at least 1");
                }
            }
            long executorMiB = executorMemoryMiB();
            if (Integer.parseInt(cluster.group(3)) < executorMiB) {
                return Optional.of("each worker's memory M = " + cluster.group(3) + " MiB is below the executor memory, "
                        + executorMiB + " MiB (spark.executor.memory), expected M >= " + executorMiB);
            }
            return Optional.empty();
        }
        if (master.startsWith("spark://")) {
            String rest = master.substring("spark://".length());
            for (String hostPort : rest.split(",", -1)) {
                Matcher m = HOST_PORT.matcher(hostPort.strip());
                if (!m.matches() || !validPort(m.group(2))) {
                    return Optional.of("\"" + hostPort + "\" is not HOST:PORT (port 1 to 65535), "
                            + "expected spark://HOST:PORT[,HOST:PORT]");
                }
            }
            return Optional.empty();
        }
        if (master.equals("yarn")) {
            if (!hasClass("org.apache.spark.deploy.yarn.YarnClusterManager")) {
                return Optional.of("this Spark has no YARN support (spark-yarn is not on the classpath); "
                        + "expected a Spark distribution's spark-submit, e.g. submit-scripts/yarn.sh");
            }
            if (System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null) {
                return Optional.of("neither HADOOP_CONF_DIR nor YARN_CONF_DIR is set, expected one of them "
                        + "to name the folder of the cluster's yarn-site.xml");
            }
            return Optional.empty();
        }
        if (master.startsWith("k8s://")) {
            if (k8sEndpoint(master).isEmpty()) {
                return Optional.of("expected k8s://https://HOST:PORT, the Kubernetes API server");
            }
            if (!hasClass("org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager")) {
                return Optional.of("this Spark has no Kubernetes support (spark-kubernetes is not on the classpath); "
                        + "expected a Spark distribution's spark-submit, e.g. submit-scripts/k8s.sh");
            }
            return Optional.empty();
        }
        if (master.startsWith("mesos://")) {
            return Optional.of("Mesos support was removed in Spark 4; " + EXPECTED);
        }
        if (master.startsWith("yarn-")) {
            return Optional.of("use yarn with --deploy-mode client or cluster; " + EXPECTED);
        }
        return Optional.of("not a Spark master URL; " + EXPECTED + nearest(master));
    }

    /** The most task threads a local master may ask for: far above any machine's cores, below the JVM's thread limits. */
    static final int MAX_LOCAL_THREADS = 1024;

    /** Whether the decimal {@code digits} are at most {@code max} (false when too long for a long). */
    private static boolean atMost(String digits, long max) {
        try {
            return Long.parseLong(digits) <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code spark.executor.memory} as spark-submit passes it (a system property) in MiB; Spark's default 1024. */
    private static long executorMemoryMiB() {
        String given = System.getProperty("spark.executor.memory");
        if (given == null) {
            return 1024;
        }
        try {
            return org.apache.spark.network.util.JavaUtils.byteStringAsMb(given);
        } catch (NumberFormatException e) {
            return 1024; // Spark itself reports a malformed size
        }
    }

    /** A suggestion for a misspelled keyword, e.g. {@code locl[2]} -> {@code local[2]}. */
    private static String nearest(String master) {
        int cut = master.indexOf('[');
        String word = cut < 0 ? master : master.substring(0, cut);
        String rest = cut < 0 ? "" : master.substring(cut);
        String hint = ConfigLoader.suggest(word, List.of("local", "local-cluster", "yarn"));
        if (hint.isEmpty()) {
            return "";
        }
        String known = hint.substring(hint.indexOf('"') + 1, hint.lastIndexOf('"'));
        if (known.equals(word)) {
            return ""; // the keyword is right; what is in the brackets is not
        }
        return " (did you mean \"" + known + rest + "\"?)";
    }

    /** The endpoints {@link #checkReachable} probes: the standalone masters, or the Kubernetes API server. */
    static List<Endpoint> endpoints(String master) {
        List<Endpoint> out = new ArrayList<>();
        if (master.startsWith("spark://")) {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                Matcher m = HOST_PORT.matcher(hostPort.strip());
                if (m.matches()) {
                    String host = m.group(1);
                    if (host.startsWith("[")) {
                        host = host.substring(1, host.length() - 1);
                    }
                    out.add(new Endpoint(host, Integer.parseInt(m.group(2))));
                }
            }
        } else if (master.startsWith("k8s://")) {
            k8sEndpoint(master).ifPresent(out::add);
        }
        return out;
    }

    /** {@code k8s://https://api:6443} or {@code k8s://api:6443} (https is Spark's default scheme). */
    private static Optional<Endpoint> k8sEndpoint(String master) {
        String rest = master.substring("k8s://".length());
        if (!rest.contains("://")) {
            rest = "https://" + rest;
        }
        try {
            URI uri = new URI(rest);
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
            return Optional.of(new Endpoint(uri.getHost(), port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Empty when a TCP connection to {@code e} opens within {@code timeoutMillis}, else why not. */
    static Optional<String> connect(Endpoint e, int timeoutMillis) {
        InetSocketAddress address = new InetSocketAddress(e.host(), e.port());
        if (address.isUnresolved()) {
            return Optional.of("unknown host " + e.host());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            return Optional.empty();
        } catch (SocketTimeoutException ex) {
            return Optional.of("no answer within " + timeoutMillis / 1000 + " s");
        } catch (IOException ex) {
            return Optional.of(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
        }
    }

    private static boolean positive(String digits) {
        try {
            return Integer.parseInt(digits) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean validPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535;
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, MasterUrl.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
