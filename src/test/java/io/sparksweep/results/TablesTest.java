package io.sparksweep.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TablesTest {
    @Test
    void formatsSettingsAsAUserWritesThem() {
        assertEquals("1e-4", Tables.format(1.0e-4));
        assertEquals("2.5e-5", Tables.format(2.5e-5));
        assertEquals("0.001", Tables.format(0.001));
        assertEquals("100", Tables.format(100.0));
        assertEquals("256-128", Tables.format(List.of(256, 128)));
        assertEquals("step x0.5/20", Tables.format(Map.of("type", "step", "factor", 0.5, "every", 20)));
        assertEquals("-", Tables.percent(Double.NaN));
        assertEquals("93.57%", Tables.percent(0.9357));
    }
}
