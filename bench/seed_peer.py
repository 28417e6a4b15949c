"""What the seed-sweep peers (numpy_sweep.py, torch_sweep.py) share: the grid, the data split and
the command line that runs the six trials in worker processes and prints the figures
bench/run.sh reads (`<prefix>_wall_seconds`, one `<prefix>_trial` line per trial)."""
import argparse
import os
import sys
import time
from multiprocessing import get_context

import numpy as np

GRID = [(act, lr) for act in ("relu", "tanh") for lr in (1e-5, 1e-4, 1e-3)]
BATCH = 100
HIDDEN = 100
EVAL_BATCH = 10000
DATA = None  # (train x, train y, validation x, validation y), loaded once by main before the workers fork


def load_split(path):
    """The seed's split of `path` as float32 pixels and int64 labels: the first 5/6 train, the rest validate."""
    import h5py
    with h5py.File(path, "r") as f:
        x = f["xdata"]
        # `sweep data` writes uint8 pixels with a scale_factor (1/255); the course files are float32.
        scale = x.attrs.get("scale_factor")
        x = np.asarray(x, dtype=np.float32) if scale is None else (x[()] * scale).astype(np.float32)
        y = np.asarray(f["ydata"]).argmax(axis=1).astype(np.int64)
    n_train = len(x) * 5 // 6
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def main(prefix, description, load, trial, header=()):
    """Parses the command line, loads the data with `load(path)` into DATA, which the forked
    workers read, runs `trial((act, lr, epochs))` for every grid point in a fork
    pool, and prints the figures. `trial` returns (act, lr, wall, ((train loss, train acc),
    (val loss, val acc))); `header` lines are printed after loading."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--data", default="data/mnist_traindata.hdf5")
    ap.add_argument("--processes", type=int, default=2)
    a = ap.parse_args()
    if not os.path.exists(a.data):
        sys.exit(f"{a.data}: no such file (run `submit-scripts/sweep data mnist --out data/`)")
    global DATA
    t0 = time.perf_counter()
    DATA = load(a.data)
    for line in header:
        print(line)
    print(f"{prefix}_load_seconds {time.perf_counter() - t0:.2f}")
    with get_context("fork").Pool(a.processes) as pool:  # the forked workers inherit DATA
        results = pool.map(trial, [(act, lr, a.epochs) for act, lr in GRID], chunksize=1)
    wall = time.perf_counter() - t0
    for act, lr, twall, ((tl, ta), (vl, va)) in results:
        print(f"{prefix}_trial {act:4s} lr={lr:g} train_acc={ta:.4f} val_acc={va:.4f} val_loss={vl:.4f} "
              f"trial_wall={twall:.1f}s")
    print(f"{prefix}_best_val_acc {max(r[3][1][1] for r in results):.4f}")
    print(f"{prefix}_trial_wall_sum {sum(r[2] for r in results):.2f}")
    print(f"{prefix}_wall_seconds {wall:.2f}")
