package io.sparksweep.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone Master and two Workers on 127.0.0.1, started and stopped through
 * {@code submit-scripts/local-cluster.sh} (the script users run), on free ports and with its PID
 * files and logs in a folder of the test's own, so that it cannot meet another cluster.
 */
final class LoopbackCluster implements AutoCloseable {
    static final Path SCRIPT = Path.of("submit-scripts/local-cluster.sh").toAbsolutePath();
    private final Path state;
    private final Map<String, String> env;

    private LoopbackCluster(Path state, Map<String, String> env) {
        this.state = state;
        this.env = env;
    }

    /** Starts the cluster; returns once both workers have registered with the master. */
    static LoopbackCluster up(Path state) throws IOException, InterruptedException {
        return up(state, Map.of());
    }

    /**
     * Starts the cluster with {@code extraEnv} added to the script's environment (e.g.
     * {@code LOCAL_CLUSTER_WORKER_ENV_2}); returns once both workers have registered.
     */
    static LoopbackCluster up(Path state, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Files.createDirectories(state);
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("LOCAL_CLUSTER_MASTER_PORT", String.valueOf(freePort()));
        env.put("LOCAL_CLUSTER_UI_PORT", String.valueOf(freePort()));
        env.put("LOCAL_CLUSTER_DIR", state.toString());
        LoopbackCluster cluster = new LoopbackCluster(state, Map.copyOf(env));
        int code = cluster.script(List.of("up"), state.resolve("up.out"));
        if (code != 0) {
            cluster.close();
            throw new IllegalStateException("local-cluster.sh up exited with " + code + ":\n" + cluster.read("up.out"));
        }
        return cluster;
    }

    /** Runs {@code sweep run ARGS} through spark-submit and waits for it; its output goes to {@code log}. */
    int submit(List<String> sweepArgs, Path log) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("submit"));
        args.addAll(sweepArgs);
        return script(args, log);
    }

    /**
     * Runs {@code sweep run ARGS} through spark-submit with {@code --master local[2]} on the script's
     * Spark home (no cluster: {@code local-cluster.sh local}); output to {@code log}, PID files and
     * logs under {@code state}.
     */
    static int submitLocal(Path state, List<String> sweepArgs, Path log) throws IOException, InterruptedException {
        Files.createDirectories(state);
        LoopbackCluster none = new LoopbackCluster(state, Map.of("LOCAL_CLUSTER_DIR", state.toString()));
        List<String> args = new ArrayList<>(List.of("local"));
        args.addAll(sweepArgs);
        return none.script(args, log);
    }

    /** Lines of spark-submit's output that Spark logged at INFO (the console should hold none). */
    static List<String> infoLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(" INFO ")).toList();
    }

    /** Starts {@code sweep run ARGS} through spark-submit without waiting. */
    Process submitAsync(List<String> sweepArgs, Path log) throws IOException {
        List<String> args = new ArrayList<>(List.of("submit"));
        args.addAll(sweepArgs);
        return start(args, log);
    }

    String read(String file) {
        try {
            return Files.readString(state.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    /** Stops every process the script started, by PID. */
    @Override
    public void close() throws IOException, InterruptedException {
        script(List.of("down"), state.resolve("down.out"));
    }

    private int script(List<String> args, Path log) throws IOException, InterruptedException {
        Process p = start(args, log);
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            destroyTree(p);
            throw new IllegalStateException("local-cluster.sh " + args + " did not finish in 4 minutes");
        }
        return p.exitValue();
    }

    private Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Kills a process and everything it started (a driver JVM under the script). */
    static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
