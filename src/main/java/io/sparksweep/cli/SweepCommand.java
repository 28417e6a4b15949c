package io.sparksweep.cli;

import io.sparksweep.results.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sweep}: the top-level command; subcommands do the work. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = SweepCommand.Version.class,
        description = "Distributed hyperparameter sweeps of small neural networks on Apache Spark.",
        subcommands = {RunCommand.class, DataCommand.class, PredictCommand.class, ReportCommand.class, CompareCommand.class})
public final class SweepCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version}: the version the build wrote into the jar (pom.xml), as results record it. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SparkSweep " + Provenance.sparksweepVersionOfThisJvm()};
        }
    }
}
