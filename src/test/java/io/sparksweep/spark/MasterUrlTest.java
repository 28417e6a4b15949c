package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Master URLs are checked in the forms Spark 4 parses, and standalone masters are probed, before Spark starts. */
class MasterUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "local[1]", "local[16]", "local[*]", "local[2,3]", "local[*, 4]",
            "local[1024]", "local-cluster[2, 1, 1024]", "local-cluster[2,1,2048]", "spark://head:7077", "spark://10.0.0.1:7077,10.0.0.2:7077",
            "spark://[::1]:7077"})
    void acceptsTheFormsSparkParses(String master) {
        assertEquals(Optional.empty(), MasterUrl.problem(master));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bogus|not a Spark master URL; expected local, local[N], local[*], local[N,F], local-cluster[W,C,M], spark://HOST:PORT[,HOST:PORT], yarn or k8s://HOST:PORT",
            "local[0]|the number of threads must be at least 1",
            "local[1025]|the number of threads must be at most 1024 (this machine has ",
            "local[99999999999]|the number of threads must be at most 1024 (this machine has ",
            "local[2,0]|the number of task failures allowed must be at least 1",
            "local[ 2]|not a Spark master URL",
            "local[two]|not a Spark master URL",
            "spark://head|\"head\" is not HOST:PORT (port 1 to 65535), expected spark://HOST:PORT[,HOST:PORT]",
            "spark://head:99999|\"head:99999\" is not HOST:PORT",
            "spark://a:7077,|\"\" is not HOST:PORT",
            "local-cluster[0, 1, 1024]|workers, cores and memory (MiB) of local-cluster[W,C,M] must each be at least 1",
            "local-cluster[1,1,100]|each worker's memory M = 100 MiB is below the executor memory, 1024 MiB (spark.executor.memory), expected M >= 1024",
            "mesos://zk:5050|Mesos support was removed in Spark 4",
            "yarn-client|use yarn with --deploy-mode client or cluster",
            "k8s://|expected k8s://https://HOST:PORT, the Kubernetes API server"})
    void refusesWhatSparkCannotParse(String master, String expected) {
        String problem = MasterUrl.problem(master).orElseThrow();
        assertTrue(problem.startsWith(expected), problem);
    }

    @Test
    void suggestsTheNearestKeyword() {
        assertTrue(MasterUrl.problem("locl[2]").orElseThrow().endsWith(" (did you mean \"local[2]\"?)"));
        assertTrue(MasterUrl.problem("yran").orElseThrow().endsWith(" (did you mean \"yarn\"?)"));
        assertTrue(MasterUrl.problem("bogus").orElseThrow().endsWith("yarn or k8s://HOST:PORT"), "no suggestion when none is close");
        assertTrue(MasterUrl.problem("local[-1]").orElseThrow().endsWith("yarn or k8s://HOST:PORT"),
                "no suggestion that repeats the value: the keyword is right, the brackets are not");
    }

    @Test
    void clusterManagersMissingFromTheClasspathAreNamed() {
        // The test classpath has spark-core only, as the embedded launcher does.
        assertTrue(MasterUrl.problem("yarn").orElseThrow().startsWith("this Spark has no YARN support"));
        assertTrue(MasterUrl.problem("k8s://https://api:6443").orElseThrow().startsWith("this Spark has no Kubernetes support"));
    }

    @Test
    void checkNamesTheOptionAndTheValue() {
        assertEquals("--master bogus: not a Spark master URL; expected local, local[N], local[*], local[N,F], "
                        + "local-cluster[W,C,M], spark://HOST:PORT[,HOST:PORT], yarn or k8s://HOST:PORT",
                assertThrows(BadInputException.class, () -> MasterUrl.check("bogus", "--master")).getMessage());
        assertDoesNotThrow(() -> MasterUrl.check(null, "--master"));
    }

    @Test
    void probesEveryStandaloneMasterAndTheKubernetesServer() {
        assertEquals(List.of(new MasterUrl.Endpoint("a", 7077), new MasterUrl.Endpoint("b", 7078)),
                MasterUrl.endpoints("spark://a:7077,b:7078"));
        assertEquals(List.of(new MasterUrl.Endpoint("api", 443)), MasterUrl.endpoints("k8s://https://api"));
        assertEquals(List.of(new MasterUrl.Endpoint("api", 6443)), MasterUrl.endpoints("k8s://api:6443"));
        assertEquals(List.of(), MasterUrl.endpoints("local[2]"));
    }

    @Test
    void unreachableMasterIsRefusedQuicklyAndAListeningOneIsAccepted() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        String message = assertThrows(BadInputException.class,
                () -> MasterUrl.checkReachable("spark://127.0.0.1:" + closedPort, "--master")).getMessage();
        assertTrue(message.startsWith("--master spark://127.0.0.1:" + closedPort + ": cannot connect to 127.0.0.1:"
                + closedPort + " ("), message);
        assertTrue(message.endsWith("), expected a running Spark master"), message);
        assertTrue(System.nanoTime() - t0 < (MasterUrl.CONNECT_TIMEOUT_MILLIS + 2000) * 1_000_000L, "bounded time");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int open = s.getLocalPort();
            assertDoesNotThrow(() -> MasterUrl.checkReachable("spark://127.0.0.1:" + closedPort + ",127.0.0.1:" + open, "--master"),
                    "one reachable master of several is enough");
        }
        assertTrue(assertThrows(BadInputException.class, () -> MasterUrl.checkReachable("spark://no-such-host.invalid:7077",
                "spark.master")).getMessage().contains("unknown host no-such-host.invalid"));
    }

    @Test
    void localMastersGiveTheirThreadsAttemptsAndClusterCores() {
        assertEquals(OptionalInt.of(3), MasterUrl.localTaskAttempts("local[2,3]"));
        assertEquals(OptionalInt.of(1), MasterUrl.localTaskAttempts("local[*]"));
        assertEquals(OptionalInt.of(1), MasterUrl.localTaskAttempts("local"));
        assertEquals(OptionalInt.empty(), MasterUrl.localTaskAttempts("local-cluster[2,1,1024]"));
        assertEquals(OptionalInt.empty(), MasterUrl.localTaskAttempts("spark://h:7077"));
        assertEquals(OptionalInt.of(3), MasterUrl.localClusterCores("local-cluster[2, 3, 1024]"));
        assertEquals(OptionalInt.empty(), MasterUrl.localClusterCores("local[3]"));
        assertEquals(4, MasterUrl.localThreads("local[4,2]", 2));
        assertEquals(1, MasterUrl.localThreads("yarn", 2));
    }
}
