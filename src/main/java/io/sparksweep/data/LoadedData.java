package io.sparksweep.data;

/**
 * A sweep's data on the driver: the rows trials train and validate on, the test rows, and where
 * they came from (paths, SHA-256 fingerprints, row counts) for results.json and inputs.json.
 */
public record LoadedData(SweepData sweepData, Dataset test, DataProvenance provenance) {
}
