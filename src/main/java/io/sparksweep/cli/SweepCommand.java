package io.sparksweep.cli;

import picocli.CommandLine.Command;

/** {@code sweep}: the top-level command; subcommands do the work. */
@Command(name = "sweep", mixinStandardHelpOptions = true, version = "SparkSweep 0.1.0",
        description = "Distributed hyperparameter sweeps of small neural networks on Apache Spark.",
        subcommands = {RunCommand.class, DataCommand.class, PredictCommand.class, ReportCommand.class, CompareCommand.class})
public final class SweepCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
