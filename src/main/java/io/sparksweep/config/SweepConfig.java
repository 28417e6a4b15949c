package io.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated sweep: its data and the ordered list of trials it expands into.
 *
 * @param source the config file it was read from
 * @param name   sweep name, used for the default output folder
 * @param seed   sweep seed from which every trial seed derives
 * @param data   data files and split
 * @param trials the trials in stable grid order
 * @param asRun  the config document as read, stored in results.json
 * @param stopping the early-stopping settings ({@link Stopping#NONE} when the config has none)
 */
public record SweepConfig(Path source, String name, long seed, DataConfig data, List<Trial> trials,
                          JsonNode asRun, Stopping stopping) {
    // TEMPORARY (branch stop): the stopping component until the typed config model (branch cfg) lands.

    /** A sweep without early stopping. */
    public SweepConfig(Path source, String name, long seed, DataConfig data, List<Trial> trials, JsonNode asRun) {
        this(source, name, seed, data, trials, asRun, Stopping.NONE);
    }
}
