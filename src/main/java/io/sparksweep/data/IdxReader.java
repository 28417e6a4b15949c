package io.sparksweep.data;

import io.sparksweep.BadInputException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST's IDX files (LeCun et al., "THE MNIST DATABASE of handwritten digits", file
 * format section): a big-endian header, then unsigned bytes.
 *
 * <ul>
 *   <li>images: magic {@code 0x00000803}, then N, rows, cols as int32, then N*rows*cols pixels;
 *   <li>labels: magic {@code 0x00000801}, then N as int32, then N labels.
 * </ul>
 *
 * <p>Files may be raw or gzip-compressed; gzip is recognised by its magic bytes {@code 1f 8b},
 * not by the file name.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension. */
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * The most classes a conversion gives without being told more ({@code sweep data idx --classes}):
     * MNIST, Fashion-MNIST and Kuzushiji-MNIST label files hold 0 to 9.
     */
    public static final int DEFAULT_MAX_CLASSES = 10;

    /**
     * Reads an image file and its label file into a dataset with byte storage: features
     * {@code F = rows * cols} (each image flattened row by row), pixel {@code b} meaning
     * {@code b / 255}. The class count is the largest label + 1, but at least 2 (10 for MNIST);
     * a label of {@value #DEFAULT_MAX_CLASSES} or more is refused (see {@link #read(Path, Path, int, String)}).
     *
     * @throws BadInputException naming the file if either is missing, a folder, not gzip data
     *                           although it starts like gzip, has the wrong magic number, is
     *                           truncated or has trailing bytes, if the two counts differ, or
     *                           naming the row if a label is {@value #DEFAULT_MAX_CLASSES} or more
     */
    public static Dataset read(Path images, Path labels) {
        return read(images, labels, -1, null);
    }

    /**
     * As {@link #read(Path, Path)}, with {@code classes} classes: every label must lie in
     * {@code [0, classes)}, and the dataset has that many classes (its one-hot width) even when
     * its largest label is smaller. With {@code classes = -1}, the class count is the largest
     * label + 1 (at least 2), and labels must lie below {@value #DEFAULT_MAX_CLASSES}.
     *
     * @param classesFrom where {@code classes} comes from, for messages, e.g.
     *                    {@code "the 10 classes of train-labels-idx1-ubyte"} or {@code "--classes 47"}
     * @throws BadInputException as {@link #read(Path, Path)}, naming the file, row and value of a
     *                           label out of range
     */
    public static Dataset read(Path images, Path labels, int classes, String classesFrom) {
        Images im = readImages(images);
        byte[] lb = readLabels(labels);
        if (lb.length != im.count()) {
            throw new BadInputException(labels + ": holds " + lb.length + " labels, expected " + im.count()
                    + " (the images in " + images + ")");
        }
        int limit = classes > 0 ? classes : DEFAULT_MAX_CLASSES;
        int[] indices = new int[lb.length];
        int max = 0;
        for (int i = 0; i < lb.length; i++) {
            indices[i] = lb[i] & 0xFF;
            if (indices[i] >= limit) {
                throw new BadInputException(labels + ": row " + i + " has label " + indices[i]
                        + ", expected a class from 0 to " + (limit - 1) + " (" + (classes > 0 ? classesFrom
                        : "as MNIST-style label files hold; pass --classes K for K classes") + ")");
            }
            max = Math.max(max, indices[i]);
        }
        return Dataset.ofBytes(im.count(), im.features(), classes > 0 ? classes : Math.max(2, max + 1),
                im.pixels(), indices);
    }

    private record Images(int count, int features, byte[] pixels) {
    }

    private static Images readImages(Path file) {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new BadInputException(file + ": magic number " + hex(magic) + ", expected " + hex(IMAGES_MAGIC)
                        + " (IDX images)" + (magic == LABELS_MAGIC ? "; this is a label file" : ""));
            }
            int count = readInt(in, file, "image count");
            int rows = readInt(in, file, "row count");
            int cols = readInt(in, file, "column count");
            long size = (long) count * rows * cols;
            if (count < 0 || rows < 1 || cols < 1 || size > Integer.MAX_VALUE - 8) {
                throw new BadInputException(file + ": header says " + Integer.toUnsignedString(count) + " images of "
                        + rows + " x " + cols + ", expected at most " + (Integer.MAX_VALUE - 8) + " pixels in all");
            }
            byte[] pixels = readBody(in, file, (int) size, count + " images of " + rows + " x " + cols);
            return new Images(count, rows * cols, pixels);
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    private static byte[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new BadInputException(file + ": magic number " + hex(magic) + ", expected " + hex(LABELS_MAGIC)
                        + " (IDX labels)" + (magic == IMAGES_MAGIC ? "; this is an image file" : ""));
            }
            int count = readInt(in, file, "label count");
            if (count < 0) {
                throw new BadInputException(file + ": header says " + Integer.toUnsignedString(count)
                        + " labels, expected at most " + Integer.MAX_VALUE);
            }
            return readBody(in, file, count, count + " labels");
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Opens {@code file}, decompressing when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, expected an IDX file");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static int readInt(InputStream in, Path file, String what) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
            throw new BadInputException(file + ": truncated IDX header, ends before the " + what);
        }
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static byte[] readBody(InputStream in, Path file, int size, String what) throws IOException {
        byte[] body = new byte[size];
        int got = in.readNBytes(body, 0, size);
        if (got < size) {
            throw new BadInputException(file + ": truncated, " + got + " of " + size + " data bytes for " + what);
        }
        if (in.read() >= 0) {
            throw new BadInputException(file + ": has bytes after the " + size + " data bytes for " + what
                    + ", expected the file to end");
        }
        return body;
    }

    private static BadInputException wrap(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": no such file", e);
        }
        if (e instanceof EOFException) { // a gzip stream cut short
            return new BadInputException(file + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) { // starts with the gzip magic bytes, but the rest is not gzip
            return new BadInputException(file + ": not gzip data although it starts like gzip ("
                    + e.getMessage() + "), expected an IDX file, raw or gzip-compressed", e);
        }
        if (e instanceof AccessDeniedException) {
            return new BadInputException(file + ": cannot read: permission denied", e);
        }
        return new BadInputException(file + ": cannot read: "
                + (e.getMessage() == null ? "the system gave no reason" : e.getMessage()), e);
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }
}
