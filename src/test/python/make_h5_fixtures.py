#!/usr/bin/python3
"""Writes the small HDF5 fixtures that Hdf5DatasetReaderTest reads.

Regenerate (from the repository root) with Debian's h5py:

    /usr/bin/python3 src/test/python/make_h5_fixtures.py

and commit the files it writes into src/test/resources/data/. The output is
deterministic apart from HDF5 timestamps (track_times=False keeps those out too).

Every good file holds the same 12 rows x 6 features and 3 classes, only the
layout differs, so the Java test can assert identical values for all of them:

    x[i, j] = ((i * 6 + j) * 37 % 256) / 255     (exact multiples of 1/255)
    label[i] = i % 3

good_f32_realvalued.h5 holds values that are not multiples of 1/255
(x[i, j] = i - j / 8, exact in float32), which the reader keeps as floats.
"""

import os

import h5py
import numpy as np

ROWS, FEATURES, CLASSES = 12, 6, 3
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "data")

PIXELS = ((np.arange(ROWS * FEATURES) * 37) % 256).astype(np.uint8).reshape(ROWS, FEATURES)
LABELS = np.arange(ROWS) % CLASSES
ONE_HOT = np.eye(CLASSES)[LABELS]


def write(name, **datasets):
    """datasets: name -> array, or name -> (array, dict of h5py create_dataset options)."""
    path = os.path.join(OUT, name)
    with h5py.File(path, "w", track_order=False) as f:
        for key, value in datasets.items():
            data, options = value if isinstance(value, tuple) else (value, {})
            f.create_dataset(key, data=data, track_times=False, **options)
    print("wrote", os.path.relpath(path))


def main():
    os.makedirs(OUT, exist_ok=True)
    gzip = {"chunks": (5, FEATURES), "compression": "gzip", "compression_opts": 4}
    scaled64 = PIXELS / 255.0

    # Good layouts: the same values every time.
    write("good_f32_contiguous.h5",
          xdata=(PIXELS / np.float32(255)).astype(np.float32),
          ydata=ONE_HOT.astype(np.float32))
    write("good_f64_chunked_gzip.h5",
          xdata=(scaled64, gzip),
          ydata=(ONE_HOT.astype(np.float64), {"chunks": (5, CLASSES), "compression": "gzip"}))
    write("good_u8_labelvector_int64.h5",
          xdata=PIXELS,
          ydata=LABELS.astype(np.int64))
    write("good_f32_labelvector_f64.h5",
          xdata=(PIXELS / np.float32(255)).astype(np.float32),
          ydata=LABELS.astype(np.float64))
    write("good_f64_onehot_u8.h5",
          xdata=scaled64,
          ydata=ONE_HOT.astype(np.uint8))
    write("good_f32_realvalued.h5",
          xdata=(np.arange(ROWS)[:, None] - np.arange(FEATURES)[None, :] / 8).astype(np.float32),
          ydata=ONE_HOT.astype(np.float32))

    # Bad files: one defect each.
    write("bad_shape.h5", xdata=scaled64[:, :5], ydata=ONE_HOT)
    write("bad_rank.h5", xdata=scaled64.reshape(ROWS, 2, 3), ydata=ONE_HOT)
    nan = scaled64.copy()
    nan[4, 2] = np.nan
    write("bad_nan.h5", xdata=nan, ydata=ONE_HOT)
    inf = scaled64.astype(np.float32)
    inf[7, 5] = -np.inf
    write("bad_inf.h5", xdata=inf, ydata=ONE_HOT)
    not_one_hot = ONE_HOT.copy()
    not_one_hot[7] = [0, 1, 1]
    write("bad_not_onehot.h5", xdata=scaled64, ydata=not_one_hot)
    write("bad_missing_ydata.h5", xdata=scaled64, labels=LABELS)
    write("bad_row_mismatch.h5", xdata=scaled64, ydata=ONE_HOT[:10])
    negative = LABELS.astype(np.int32)
    negative[3] = -1
    write("bad_negative_label.h5", xdata=scaled64, ydata=negative)
    fractional = LABELS.astype(np.float32)
    fractional[5] = 1.5
    write("bad_fractional_label.h5", xdata=scaled64, ydata=fractional)
    write("bad_int32_xdata.h5", xdata=PIXELS.astype(np.int32), ydata=ONE_HOT)
    write("bad_labels_rank3.h5", xdata=scaled64, ydata=ONE_HOT.reshape(ROWS, 3, 1))
    path = os.path.join(OUT, "bad_xdata_group.h5")
    with h5py.File(path, "w") as f:
        f.create_group("xdata").create_dataset("pixels", data=PIXELS, track_times=False)
        f.create_dataset("ydata", data=ONE_HOT, track_times=False)
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main()
