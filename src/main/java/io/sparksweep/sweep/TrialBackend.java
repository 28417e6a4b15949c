package io.sparksweep.sweep;

import io.sparksweep.data.SweepData;
import io.sparksweep.config.Trial;

import java.util.List;

/** Runs a sweep's trials somewhere: in this thread, or as Spark tasks. */
public interface TrialBackend {

    /**
     * Runs every trial and reports each outcome to {@code events} on the calling (driver) side
     * as soon as it completes, in completion order.
     */
    void run(List<Trial> trials, SweepData data, TrialEvents events);

    /** Where trials run, e.g. {@code local[2]} or {@code sequential}; stored in results.json. */
    String master();

    /** Version of the engine, e.g. the Spark version; stored in results.json. */
    String engineVersion();
}
