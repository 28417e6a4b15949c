package io.sparksweep.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Where a training run stands after some epochs: everything {@link Trainer#train(TrainingState,
 * io.sparksweep.data.Dataset, io.sparksweep.data.Dataset, TrainingSettings, int, EpochListener)}
 * needs to continue it so that the continuation is bit for bit the uninterrupted run: the
 * parameters, the number of epochs done (which fixes the next epoch's learning rate through the
 * schedule), the state of the shuffling random stream, and the curve so far.
 *
 * <p>Immutable. {@link #toBytes()} is the checkpoint format, and {@link #fromBytes} reads it back:
 * <pre>
 *   int    magic 0x53534B50 ("SSKP"), int format version 1
 *   int    layer count L+1, then L+1 ints: the layer sizes (checked against the architecture on read)
 *   int    P, then P floats: the parameters, raw IEEE bits, in the layout of {@link Network#parameters()}
 *   int    epochs done
 *   byte   1 when the run diverged, else 0
 *   int    B, then B bytes: the java.util.Random of the shuffle, in its specified serialized form
 *          (its 48-bit seed and its Gaussian cache), about 100 bytes
 *   int    C, then C times: int epoch and 5 doubles (rate, train loss, train accuracy,
 *          validation loss, validation accuracy), raw IEEE bits
 *   long   CRC-32 of every byte before it
 * </pre>
 * all big-endian. Measured for a 784-100-10 network (79,510 parameters): 318,193 bytes before
 * the first epoch, of which 318,040 are the weights, plus 44 bytes per epoch of curve (320,393
 * after 50 epochs); 784-800-10: 2,544,193 bytes. The weights are 99.9% of it: as small as float32
 * weights get without compression.
 */
public final class TrainingState implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAGIC = 0x53534B50;
    private static final int VERSION = 1;

    private final Network network;
    private final int epochsDone;
    private final byte[] shuffleRandom;
    private final List<EpochMetrics> curve;
    private final boolean diverged;

    TrainingState(Network network, int epochsDone, byte[] shuffleRandom, List<EpochMetrics> curve, boolean diverged) {
        this.network = network;
        this.epochsDone = epochsDone;
        this.shuffleRandom = shuffleRandom;
        this.curve = List.copyOf(curve);
        this.diverged = diverged;
    }

    /**
     * The state before the first epoch: {@code start}'s parameters (copied) and the shuffle
     * stream {@code new java.util.Random(settings.seed())}, as {@link TrainingSettings} specifies.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static TrainingState initial(Network start, TrainingSettings settings) {
        if (start == null || settings == null) {
            throw new IllegalArgumentException("network and settings must not be null");
        }
        return new TrainingState(Network.wrap(start.architecture(), start.parameters()), 0,
                serialize(new Random(settings.seed())), List.of(), false);
    }

    /** The parameters after {@link #epochsDone()} epochs. */
    public Network network() {
        return network;
    }

    /** Epochs trained so far; the next epoch run is {@code epochsDone() + 1}. */
    public int epochsDone() {
        return epochsDone;
    }

    /** Metrics of every epoch run so far, in order; immutable. */
    public List<EpochMetrics> curve() {
        return curve;
    }

    /** True when the last epoch run had a non-finite loss or parameter: such a run does not continue. */
    public boolean diverged() {
        return diverged;
    }

    /** The run so far as a {@link TrainingResult}. */
    public TrainingResult toResult() {
        return new TrainingResult(network, curve, diverged);
    }

    /** A fresh copy of the shuffle stream at this point, for the trainer to draw from. */
    Random shuffleRandom() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(shuffleRandom))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
            return (Random) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("checkpoint: the shuffle random stream cannot be read (" + e + ")", e);
        }
    }

    static byte[] serialize(Random random) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise java.util.Random", e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The checkpoint bytes, in the format of the class comment. */
    public byte[] toBytes() {
        int[] sizes = network.architecture().layerSizes();
        float[] p = network.parametersView();
        int length = 4 + 4 + 4 + 4 * sizes.length + 4 + 4 * p.length + 4 + 1 + 4 + shuffleRandom.length + 4
                + curve.size() * (4 + 5 * 8) + 8;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(sizes.length);
        for (int s : sizes) {
            b.putInt(s);
        }
        b.putInt(p.length);
        b.asFloatBuffer().put(p);
        b.position(b.position() + 4 * p.length);
        b.putInt(epochsDone).put((byte) (diverged ? 1 : 0)).putInt(shuffleRandom.length).put(shuffleRandom);
        b.putInt(curve.size());
        for (EpochMetrics m : curve) {
            b.putInt(m.epoch()).putDouble(m.learningRate()).putDouble(m.trainLoss()).putDouble(m.trainAccuracy())
                    .putDouble(m.validationLoss()).putDouble(m.validationAccuracy());
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        return b.array();
    }

    /**
     * Reads checkpoint bytes written by {@link #toBytes()} for a network of {@code architecture}.
     *
     * @throws IllegalArgumentException naming what is wrong when the bytes are truncated, corrupt
     *                                  (CRC mismatch), of another format, or of another layer shape
     */
    public static TrainingState fromBytes(Architecture architecture, byte[] bytes) {
        if (architecture == null || bytes == null) {
            throw new IllegalArgumentException("architecture and bytes must not be null");
        }
        if (bytes.length < 16) {
            throw new IllegalArgumentException("checkpoint: " + bytes.length + " bytes, too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (b.getLong(bytes.length - 8) != crc.getValue()) {
            throw new IllegalArgumentException("checkpoint: CRC-32 mismatch, the file is corrupt or truncated");
        }
        try {
            if (b.getInt() != MAGIC) {
                throw new IllegalArgumentException("checkpoint: not a SparkSweep checkpoint (bad magic number)");
            }
            int version = b.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("checkpoint: format version " + version + ", expected " + VERSION);
            }
            int[] sizes = new int[b.getInt()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = b.getInt();
            }
            if (!Arrays.equals(sizes, architecture.layerSizes())) {
                throw new IllegalArgumentException("checkpoint: layer sizes " + Arrays.toString(sizes) + ", expected "
                        + Arrays.toString(architecture.layerSizes()));
            }
            float[] p = new float[b.getInt()];
            if (p.length != architecture.parameterCount()) {
                throw new IllegalArgumentException("checkpoint: " + p.length + " parameters, expected "
                        + architecture.parameterCount());
            }
            b.asFloatBuffer().get(p);
            b.position(b.position() + 4 * p.length);
            int epochs = b.getInt();
            boolean diverged = b.get() != 0;
            byte[] random = new byte[b.getInt()];
            b.get(random);
            int count = b.getInt();
            if (count != epochs) {
                throw new IllegalArgumentException("checkpoint: " + count + " curve entries for " + epochs + " epochs");
            }
            List<EpochMetrics> curve = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                curve.add(new EpochMetrics(b.getInt(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(),
                        b.getDouble()));
            }
            if (b.position() != bytes.length - 8) {
                throw new IllegalArgumentException("checkpoint: " + (bytes.length - 8 - b.position()) + " unexpected bytes");
            }
            TrainingState state = new TrainingState(Network.wrap(architecture, p), epochs, random, curve, diverged);
            state.shuffleRandom(); // fails now, not in the middle of training, when the stream is unreadable
            return state;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("checkpoint: truncated or malformed (" + e + ")", e);
        }
    }

    /** Whether this state and {@code other} are the same point of the same run: parameters, epochs, stream and curve, bit for bit. */
    public boolean sameAs(TrainingState other) {
        return other != null && Arrays.equals(toBytes(), other.toBytes());
    }

    @Override
    public String toString() {
        return "TrainingState{" + network.architecture() + ", epochsDone=" + epochsDone + ", diverged=" + diverged + "}";
    }
}
