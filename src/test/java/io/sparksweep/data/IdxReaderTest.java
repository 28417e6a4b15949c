package io.sparksweep.data;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsRawAndGzipImagesFlattenedRowByRow(boolean gzip) throws IOException {
        byte[] im = IdxFiles.images(3, 2, 4);
        byte[] lb = IdxFiles.labels(5, 0, 9);
        // Names that lie: compression is recognised by content.
        Path images = file("images.idx", gzip ? IdxFiles.gzip(im) : im);
        Path labels = file("labels.gz", gzip ? IdxFiles.gzip(lb) : lb);

        Dataset d = IdxReader.read(images, labels);

        assertEquals(3, d.rows());
        assertEquals(8, d.features());
        assertEquals(10, d.classes(), "largest label + 1");
        assertTrue(d.isByteStorage());
        assertEquals(5, d.label(0));
        assertEquals(9, d.label(2));
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 8; p++) {
                assertEquals(IdxFiles.pixel(i, p) / 255f, d.feature(i, p), 1e-7f);
            }
        }
    }

    @Test
    void classCountIsAtLeastTwo() throws IOException {
        Dataset d = IdxReader.read(file("i", IdxFiles.images(2, 1, 1)), file("l", IdxFiles.labels(0, 0)));

        assertEquals(2, d.classes());
    }

    @Test
    void rejectsLabelFileGivenAsImages() throws IOException {
        Path labels = file("l", IdxFiles.labels(1, 2));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(labels, labels));

        assertEquals(labels + ": magic number 0x00000801, expected 0x00000803 (IDX images); this is a label file",
                e.getMessage());
    }

    @Test
    void rejectsWrongMagicInLabels() throws IOException {
        Path images = file("i", IdxFiles.images(2, 2, 2));
        Path labels = file("l", "hello, world".getBytes());

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(labels + ": magic number 0x68656C6C, expected 0x00000801 (IDX labels)", e.getMessage());
    }

    @Test
    void rejectsTruncatedImages() throws IOException {
        byte[] im = IdxFiles.images(3, 2, 4);
        Path images = file("i", Arrays.copyOf(im, im.length - 5));
        Path labels = file("l", IdxFiles.labels(1, 2, 3));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(images + ": truncated, 19 of 24 data bytes for 3 images of 2 x 4", e.getMessage());
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        Path images = file("i", Arrays.copyOf(IdxFiles.images(3, 2, 4), 10));
        Path labels = file("l", IdxFiles.labels(1, 2, 3));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(images + ": truncated IDX header, ends before the row count", e.getMessage());
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(30, 8, 8));
        Path images = file("i.gz", Arrays.copyOf(gz, gz.length / 2));
        Path labels = file("l", IdxFiles.labels(new int[30]));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertTrue(e.getMessage().startsWith(images + ": truncated"), e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] lb = IdxFiles.labels(1, 2);
        Path images = file("i", IdxFiles.images(2, 1, 1));
        Path labels = file("l", Arrays.copyOf(lb, lb.length + 1));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(labels + ": has bytes after the 2 data bytes for 2 labels, expected the file to end",
                e.getMessage());
    }

    @Test
    void rejectsCountMismatchNamingBothFiles() throws IOException {
        Path images = file("i", IdxFiles.images(3, 2, 2));
        Path labels = file("l", IdxFiles.labels(1, 2));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(labels + ": holds 2 labels, expected 3 (the images in " + images + ")", e.getMessage());
    }

    @Test
    void rejectsMissingFile() {
        Path images = dir.resolve("nope");

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, images));

        assertEquals(images + ": no such file", e.getMessage());
    }

    @Test
    void rejectsAFolderAsAnIdxFile() {
        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(dir, dir));
        assertEquals(dir + ": is a folder, expected an IDX file", e.getMessage());
    }

    @Test
    void rejectsAFileThatStartsLikeGzipButIsNot() throws IOException {
        Path images = Files.write(dir.resolve("bad.gz"), new byte[]{0x1f, (byte) 0x8b, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Path labels = Files.write(dir.resolve("labels"), IdxFiles.labels(1));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(images + ": not gzip data although it starts like gzip (Unsupported compression method), "
                + "expected an IDX file, raw or gzip-compressed", e.getMessage());
    }

    @Test
    void rejectsALabelBeyondTheMnistClassesNamingRowAndValue() throws IOException {
        Path images = Files.write(dir.resolve("images"), IdxFiles.images(3, 2, 2));
        Path labels = Files.write(dir.resolve("labels"), IdxFiles.labels(4, 200, 9));

        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels));

        assertEquals(labels + ": row 1 has label 200, expected a class from 0 to 9 (as MNIST-style label files hold; "
                + "pass --classes K for K classes)", e.getMessage());
    }

    @Test
    void givenClassesSetTheWidthAndTheRange() throws IOException {
        Path images = Files.write(dir.resolve("images"), IdxFiles.images(3, 2, 2));
        Path labels = Files.write(dir.resolve("labels"), IdxFiles.labels(4, 200, 9));

        assertEquals(201, IdxReader.read(images, labels, 201, "--classes 201").classes());
        assertEquals(12, IdxReader.read(images, Files.write(dir.resolve("small"), IdxFiles.labels(4, 1, 9)), 12, "x").classes());
        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.read(images, labels, 47, "--classes 47"));
        assertEquals(labels + ": row 1 has label 200, expected a class from 0 to 46 (--classes 47)", e.getMessage());
    }
}
