package io.sparksweep.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparksweep.data.DataConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated sweep: its data, the ordered list of trials it expands into, and how poor trials
 * are stopped early.
 *
 * @param source   the config file it was read from
 * @param name     sweep name, used for the default output folder
 * @param seed     sweep seed from which every trial seed derives
 * @param data     data files and split
 * @param trials   the trials in stable grid order
 * @param asRun    the config document as read, stored in results.json
 * @param stopping the {@code stopping} section ({@link Stopping#NONE} when there is none); when
 *                 enabled, every trial has the same {@code epochs}, at least {@code stopping.minEpochs}
 */
public record SweepConfig(Path source, String name, long seed, DataConfig data, List<Trial> trials,
                          JsonNode asRun, Stopping stopping) {
}
