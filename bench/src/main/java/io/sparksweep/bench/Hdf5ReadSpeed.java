package io.sparksweep.bench;

import io.sparksweep.data.Dataset;
import io.sparksweep.data.Fingerprint;
import io.sparksweep.data.Hdf5DatasetReader;
import io.sparksweep.data.Hdf5DatasetWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fixed cost of loading data: for each HDF5 file given, the wall time of
 * {@link Hdf5DatasetReader#read} (open, decode, convert to a {@link Dataset}) and of
 * {@link Fingerprint#sha256}, in {@code rounds} rounds that visit the files in turn (the machine is
 * shared, so files are compared within a round), after one untimed warm-up read of each. Prints
 * {@code hdf5read <file> <bytes> first_read_ms <..> read_median_ms <..> sha256_median_ms <..> storage <..>}
 * per file ({@code first_read_ms}: the warm-up read, which for the first file includes class
 * loading and JIT warm-up, as in a sweep's driver; run one file per JVM to see it for each), and
 * checks that every file gives the same features and labels bit for bit. {@code --convert in out}
 * rewrites {@code in} with {@link Hdf5DatasetWriter}'s default layout instead.
 *
 * <pre>
 *   Hdf5ReadSpeed rounds file.h5 ...
 *   Hdf5ReadSpeed --convert in.h5 out.h5
 * </pre>
 */
public final class Hdf5ReadSpeed {
    private Hdf5ReadSpeed() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--convert")) {
            Dataset d = Hdf5DatasetReader.read(Path.of(args[1]), "xdata", "ydata", Hdf5DatasetReader.Expected.ANY);
            Hdf5DatasetWriter.write(Path.of(args[2]), d, "xdata", "ydata");
            return;
        }
        int rounds = Integer.parseInt(args[0]);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        double[][] read = new double[files.size()][rounds];
        double[][] sha = new double[files.size()][rounds];
        Dataset[] first = new Dataset[files.size()];
        double[] cold = new double[files.size()];
        for (int f = 0; f < files.size(); f++) {
            long t0 = System.nanoTime();
            first[f] = Hdf5DatasetReader.read(files.get(f), "xdata", "ydata", Hdf5DatasetReader.Expected.ANY);
            cold[f] = (System.nanoTime() - t0) / 1e6;
            Fingerprint.sha256(files.get(f));
        }
        for (int r = 0; r < rounds; r++) {
            for (int f = 0; f < files.size(); f++) {
                long t0 = System.nanoTime();
                Hdf5DatasetReader.read(files.get(f), "xdata", "ydata", Hdf5DatasetReader.Expected.ANY);
                long t1 = System.nanoTime();
                Fingerprint.sha256(files.get(f));
                long t2 = System.nanoTime();
                read[f][r] = (t1 - t0) / 1e6;
                sha[f][r] = (t2 - t1) / 1e6;
            }
        }
        for (int f = 0; f < files.size(); f++) {
            boolean same = sameValues(first[0], first[f]);
            System.out.printf(Locale.ROOT, "hdf5read %s %d first_read_ms %.0f read_median_ms %.0f sha256_median_ms %.0f storage %s same_as_first %b%n",
                    files.get(f).getFileName(), Files.size(files.get(f)), cold[f], rounds == 0 ? Double.NaN : median(read[f]), rounds == 0 ? Double.NaN : median(sha[f]),
                    first[f].isByteStorage() ? "uint8/255" : "float32", same);
        }
    }

    private static boolean sameValues(Dataset a, Dataset b) {
        if (a.rows() != b.rows() || a.features() != b.features() || a.classes() != b.classes()
                || a.isByteStorage() != b.isByteStorage()) {
            return false;
        }
        float[] ra = new float[a.features()];
        float[] rb = new float[b.features()];
        for (int r = 0; r < a.rows(); r++) {
            a.copyRows(r, 1, ra);
            b.copyRows(r, 1, rb);
            if (!Arrays.equals(ra, rb) || a.label(r) != b.label(r)) {
                return false;
            }
        }
        return true;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
