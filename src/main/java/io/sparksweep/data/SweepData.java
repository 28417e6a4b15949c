package io.sparksweep.data;

import java.io.Serializable;

/**
 * The rows every trial reads: the training and validation parts of the training file.
 *
 * @param train      rows that train
 * @param validation rows evaluated after every epoch
 */
public record SweepData(Dataset train, Dataset validation) implements Serializable {

    /** Bytes of the feature and label arrays, as broadcast. */
    public long sizeInBytes() {
        return train.sizeInBytes() + validation.sizeInBytes();
    }

    /** Bytes of the nonzeros each JVM builds for sparse products ({@code data.sparse}); 0 without. */
    public long sparseRowsBytes() {
        return train.sparseRowsBytes() + validation.sparseRowsBytes();
    }
}
