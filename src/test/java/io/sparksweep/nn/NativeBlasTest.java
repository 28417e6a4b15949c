package io.sparksweep.nn;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeBlasTest {

    /** Runs {@link PrintBlasSetup} in a fresh JVM with {@code env} added and OPENBLAS_NUM_THREADS removed. */
    private static String[] child(Map<String, String> env, String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintBlasSetup.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_NUM_THREADS");
        pb.environment().remove(NativeBlas.CHOICE_ENV);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String last = out.lines().filter(l -> l.contains("|") || l.startsWith("bad input")).reduce((a, b) -> b).orElse(out);
        return last.split("\\|");
    }

    private static boolean bundledPlatform() {
        return NativeBlas.PLATFORMS.contains(NativeBlas.platform());
    }

    @Test
    void thisJvmUsesTheBundledOpenBlasThroughNetlibJni() {
        assumeTrue(bundledPlatform(), "no bundled OpenBLAS for " + NativeBlas.platform());
        BlasSetup s = NativeBlas.setup();
        assertEquals(BlasSource.BUNDLED, s.source(), s.describe());
        assertEquals("dev.ludovic.netlib.blas.JNIBLAS", s.implementation());
        assertTrue(s.library().contains("openblas") && s.library().contains(".javacpp"), s.library());
        assertTrue(s.version().startsWith("OpenBLAS 0.3.31"), s.version());
        assertFalse(s.core() == null || s.core().isBlank());
        assertEquals(1, s.threads());
        assertEquals(s.library(), System.getProperty(NativeBlas.NETLIB_LIBRARY_PATH));
    }

    @Test
    void onLinuxNoSystemBlasIsMappedWhenTheBundledOneIsUsed() throws IOException {
        assumeTrue(bundledPlatform() && Files.isReadable(Path.of("/proc/self/maps")));
        NativeBlas.setup();
        List<String> systemBlas = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("blas") && !l.contains(".javacpp") && !l.contains("netlibblasjni")).toList();
        assertEquals(List.of(), systemBlas);
    }

    @Test
    void threadsArePinnedToOneInsideTheProcessWithoutOpenblasNumThreads() throws Exception {
        assumeTrue(bundledPlatform());
        String[] out = child(Map.of());
        assertEquals("bundled", out[0], String.join("|", out));
        assertEquals("1", out[4], "threads");
        assertEquals("31.0", out[5], "2*5 + 3*7");
    }

    @Test
    void productsAreTheSameWithOrWithoutOpenblasNumThreadsSoThePinReachesNetlibsInstance() throws Exception {
        assumeTrue(bundledPlatform() && Runtime.getRuntime().availableProcessors() > 1, "needs two cores to tell");
        // OpenBLAS started with several threads computes other bits than with one, even when told
        // afterwards to use one: equal hashes show that netlib runs the very instance this pins.
        String[] unset = child(Map.of());
        String[] one = child(Map.of("OPENBLAS_NUM_THREADS", "1"));
        String[] two = child(Map.of("OPENBLAS_NUM_THREADS", "2"));
        assertEquals(one[6], unset[6], "product hash, OPENBLAS_NUM_THREADS unset vs 1");
        assertEquals(one[6], two[6], "product hash, OPENBLAS_NUM_THREADS 2 vs 1");
    }

    @Test
    void openblasCoretypePinsTheKernel() throws Exception {
        assumeTrue(bundledPlatform() && NativeBlas.platform().endsWith("x86_64"));
        String[] out = child(Map.of("OPENBLAS_CORETYPE", "Sandybridge"));
        assertEquals("Sandybridge", out[3], String.join("|", out));
        assertNotEquals("Sandybridge", NativeBlas.setup().core(), "the test needs a machine whose own kernel differs");
    }

    @Test
    void javaIsChosenByPropertyOrEnvironmentAndPropertyWins() throws Exception {
        String[] byEnv = child(Map.of(NativeBlas.CHOICE_ENV, "java"));
        assertEquals("java", byEnv[0], String.join("|", byEnv));
        assertTrue(byEnv[1].startsWith("dev.ludovic.netlib.blas.") && !byEnv[1].endsWith("JNIBLAS"), byEnv[1]);
        assertEquals("null", byEnv[2], "no native library");
        assertEquals("31.0", byEnv[5]);
        String[] byProperty = child(Map.of(NativeBlas.CHOICE_ENV, "bundled"), "-D" + NativeBlas.CHOICE_PROPERTY + "=java");
        assertEquals("java", byProperty[0], String.join("|", byProperty));
    }

    @Test
    void systemIsTheMachinesLibraryWhenOneIsInstalled() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3")) || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libblas.so.3")),
                "no system libblas.so.3");
        String[] out = child(Map.of(NativeBlas.CHOICE_ENV, "system", "OPENBLAS_NUM_THREADS", "1"));
        assertEquals("system", out[0], String.join("|", out));
        assertTrue(out[2].startsWith("/usr/lib/") && !out[2].contains(".javacpp"), out[2]);
        assertEquals("1", out[4], "threads as OPENBLAS_NUM_THREADS asks");
        assertEquals("31.0", out[5]);
    }

    @Test
    void anUnknownChoiceIsOneLineNamingTheVariable() throws Exception {
        String[] out = child(Map.of(NativeBlas.CHOICE_ENV, "mkl"));
        assertEquals("bad input: SPARKSWEEP_BLAS = 'mkl', expected one of [bundled, system, java]", out[0]);
    }

    @Test
    void requestedReadsThePropertyFirstThenTheEnvironmentThenDefaultsToBundled() {
        assertEquals(BlasSource.BUNDLED, NativeBlas.requested(null, null));
        assertEquals(BlasSource.BUNDLED, NativeBlas.requested(" ", ""));
        assertEquals(BlasSource.SYSTEM, NativeBlas.requested(null, "System"));
        assertEquals(BlasSource.JAVA, NativeBlas.requested(" java ", "system"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeBlas.requested("openblas", null));
        assertEquals("-Dsparksweep.blas = 'openblas', expected one of [bundled, system, java]", e.getMessage());
    }

    @Test
    void envThreadsIsZeroWhenUnsetOrNotANumber() {
        assertEquals(0, NativeBlas.envThreads(null));
        assertEquals(0, NativeBlas.envThreads("many"));
        assertEquals(4, NativeBlas.envThreads(" 4 "));
    }

    @Test
    void setupsDifferingOnlyInLibraryPathComputeTheSame() {
        BlasSetup a = new BlasSetup(BlasSource.BUNDLED, "dev.ludovic.netlib.blas.JNIBLAS", "/home/a/.javacpp/libopenblas.so.0",
                "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64", "Zen", 1);
        BlasSetup b = new BlasSetup(BlasSource.BUNDLED, a.implementation(), "/tmp/x/libopenblas.so.0", a.version(), "Zen", 1);
        assertTrue(a.sameNumerics(b));
        assertFalse(a.sameNumerics(new BlasSetup(BlasSource.BUNDLED, a.implementation(), a.library(), a.version(), "Haswell", 1)));
        assertFalse(a.sameNumerics(new BlasSetup(BlasSource.BUNDLED, a.implementation(), a.library(), a.version(), "Zen", 2)));
        assertFalse(a.sameNumerics(new BlasSetup(BlasSource.SYSTEM, a.implementation(), a.library(), a.version(), "Zen", 1)));
        assertEquals("bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64, core Zen, 1 thread (JNIBLAS)",
                a.describe());
        assertEquals("java, core Vector API 256-bit, 1 thread (VectorBLAS)", new BlasSetup(BlasSource.JAVA,
                "dev.ludovic.netlib.blas.VectorBLAS", null, "dev.ludovic.netlib.blas.VectorBLAS", "Vector API 256-bit", 1).describe());
    }
}
