package io.sparksweep.sweep;

import io.sparksweep.nn.Network;
import io.sparksweep.results.TrialResult;

import java.io.Serializable;

/**
 * A finished trial: its result, and its trained network (null when it failed). The driver keeps
 * only the best outcome's network.
 */
public record TrialOutcome(TrialResult result, Network network) implements Serializable {
}
