package io.sparksweep;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a tool from outside the JVM (Debian's h5py, Chromium). On a developer's laptop a
 * missing tool skips the test; on CI ({@code CI=true}, where {@code .ci/run} installs every tool)
 * it fails it, so that a broken install step cannot pass silently.
 */
public final class OutsideTool {
    private OutsideTool() {
    }

    /** Skips (laptop) or fails (CI) the calling test when {@code present} is false. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(what + ", and CI=true: .ci/run must install it");
        }
        Assumptions.abort(what + " (skipped outside CI)");
    }
}
