package io.sparksweep.data;

import io.sparksweep.data.Dataset;

import java.util.Map;

/**
 * A sweep's data on the driver: what trials read, the test rows, and a description (paths,
 * SHA-256 fingerprints, row counts) for results.json.
 */
public record LoadedData(SweepData sweepData, Dataset test, Map<String, Object> description) {
}
