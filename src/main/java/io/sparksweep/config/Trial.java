package io.sparksweep.config;

import java.io.Serializable;
import java.util.Map;

/**
 * One point of a sweep.
 *
 * @param index  position in the expanded sweep (grid order), for display only
 * @param id     stable id derived from the settings: the same settings always get the same id,
 *               whatever the grid order or the scheduling
 * @param varied the grid and search fields and the values this trial takes, in grid order, as
 *               written in the config (for tables)
 * @param config every setting; {@code config.training()} is what the trainer consumes, its
 *               shuffle seed already derived from {@code seed}
 * @param seed   derived from the sweep seed and {@code id}, never from scheduling order; seeds the
 *               initial weights
 */
public record Trial(int index, String id, Map<String, Object> varied, TrialConfig config, long seed)
        implements Serializable {
}
