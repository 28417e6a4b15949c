package io.sparksweep.data;

import io.sparksweep.data.Dataset;
import io.sparksweep.nn.Network;

import java.io.Serializable;
import java.util.Map;

/**
 * What every trial reads: the training and validation parts, and the warm-start models named
 * by the config. The Spark layer broadcasts one instance per sweep.
 *
 * @param train      rows that train
 * @param validation rows evaluated after every epoch
 * @param warmStarts model files by the path written in the config
 */
public record SweepData(Dataset train, Dataset validation, Map<String, Network> warmStarts)
        implements Serializable {

    /** Bytes of the feature and label arrays and warm-start parameters, as broadcast. */
    public long sizeInBytes() {
        long models = warmStarts.values().stream().mapToLong(n -> 4L * n.architecture().parameterCount()).sum();
        return train.sizeInBytes() + validation.sizeInBytes() + models;
    }
}
