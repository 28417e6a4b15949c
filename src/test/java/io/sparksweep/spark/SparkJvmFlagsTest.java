package io.sparksweep.spark;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's JVM module flags are written once, in pom.xml (spark.jvm.flags): the launchers read them from
 * target/launch.properties, Surefire from its argLine. They must open every module Spark's own launcher
 * opens (Kryo fails without them).
 */
class SparkJvmFlagsTest {
    static List<String> launcherFlags() {
        return Arrays.asList(LaunchProperties.get("spark.jvm.flags").split(" "));
    }

    @Test
    void launcherFlagsOpenEveryModuleSparksLauncherOpensAndAddNothingElse() {
        List<String> spark = Arrays.asList(JavaModuleOptions.defaultModuleOptionArray());
        List<String> missing = new ArrayList<>();
        for (String f : spark) {
            if (f.startsWith("--add-opens=") || f.startsWith("--add-modules=") || f.startsWith("--enable-native-access=")) {
                if (!launcherFlags().contains(f)) {
                    missing.add(f);
                }
            }
        }
        assertEquals(List.of(), missing, "Spark's module flags missing from pom.xml spark.jvm.flags");
        List<String> foreign = new ArrayList<>(launcherFlags());
        foreign.removeAll(spark);
        assertEquals(List.of(), foreign, "flags of pom.xml spark.jvm.flags that Spark's launcher does not set");
    }

    @Test
    void launcherFlagsLeaveOutTheOneJava17Rejects() {
        assertTrue(launcherFlags().stream().noneMatch(f -> f.startsWith("--sun-misc-unsafe-memory-access")),
                launcherFlags().toString());
    }

    @Test
    void surefireRunsTheTestsWithTheLauncherFlags() {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> absent = new ArrayList<>(launcherFlags());
        absent.removeAll(jvm);
        assertEquals(List.of(), absent, "flags of target/launch.properties not on this JVM's command line");
    }
}
