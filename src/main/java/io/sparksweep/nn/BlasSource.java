package io.sparksweep.nn;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a JVM's matrix products come from, as asked for ({@link NativeBlas#CHOICE_PROPERTY}) and
 * as found ({@link BlasSetup#source()}).
 */
public enum BlasSource {
    /** The native OpenBLAS inside SparkSweep's jar (org.bytedeco:openblas), the same on every node. */
    BUNDLED,
    /** The machine's own BLAS ({@code libblas.so.3}, e.g. Debian's libopenblas0-pthread), loaded by netlib. */
    SYSTEM,
    /** netlib's pure-Java BLAS (Vector API where available): no native code, several times slower. */
    JAVA;

    /** {@code bundled}, {@code system} or {@code java}: the value of the property and of the JSON field. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The source named {@code id} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming {@code what}, the bad value and the choices
     */
    public static BlasSource fromId(String id, String what) {
        String t = id.trim().toLowerCase(Locale.ROOT);
        for (BlasSource s : values()) {
            if (s.id().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException(what + " = '" + id + "', expected one of "
                + Arrays.stream(values()).map(BlasSource::id).toList());
    }
}
