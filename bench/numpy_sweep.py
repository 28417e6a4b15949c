#!/usr/bin/python3
"""The seed sweep as a Python user would write it: plain batched NumPy float32.

784-100-10, {relu, tanh} x lr {1e-5, 1e-4, 1e-3}, mini-batches of 100 in file order,
gradients SUMMED over the batch, N(0, 1) init, lr x0.5 every 20 epochs, 50 epochs, and after
every epoch loss/accuracy on the whole training part (50,000 rows) and the validation part
(10,000 rows). One process per trial, two at a time, OPENBLAS_NUM_THREADS=1.

    /usr/bin/python3 bench/numpy_sweep.py [--epochs N] [--data data/mnist_traindata.hdf5]

Prints one line per trial and a final line `numpy_wall_seconds <s>` for bench/run.sh.
"""
import argparse
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402  (after the thread settings)
from multiprocessing import get_context  # noqa: E402

GRID = [(act, lr) for act in ("relu", "tanh") for lr in (1e-5, 1e-4, 1e-3)]
BATCH = 100
HIDDEN = 100
EVAL_BATCH = 10000


def load(path):
    import h5py
    with h5py.File(path, "r") as f:
        x = f["xdata"]
        # `sweep data` writes uint8 pixels with a scale_factor (1/255); the course files are float32.
        scale = x.attrs.get("scale_factor")
        x = np.asarray(x, dtype=np.float32) if scale is None else (x[()] * scale).astype(np.float32)
        y = np.asarray(f["ydata"]).argmax(axis=1).astype(np.int64)
    n_train = len(x) * 5 // 6
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def forward(x, w1, b1, w2, b2, act):
    s1 = x @ w1.T + b1
    a1 = np.maximum(s1, 0, out=s1) if act == "relu" else np.tanh(s1, out=s1)
    z = a1 @ w2.T + b2
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    return a1, p, z


def evaluate(x, y, params, act):
    loss, correct = 0.0, 0
    for i in range(0, len(x), EVAL_BATCH):
        _, p, z = forward(x[i:i + EVAL_BATCH], *params, act)
        yy = y[i:i + EVAL_BATCH]
        logsum = np.log(np.exp(z).sum(axis=1))
        loss += float((logsum - z[np.arange(len(yy)), yy]).sum())
        correct += int((p.argmax(axis=1) == yy).sum())
    return loss / len(x), correct / len(x)


DATA = None  # loaded once in the parent; the forked workers inherit it


def trial(args):
    act, lr, epochs = args
    xt, yt, xv, yv = DATA
    t0 = time.perf_counter()
    rng = np.random.default_rng(243)
    w1 = rng.standard_normal((HIDDEN, 784), dtype=np.float32)
    b1 = rng.standard_normal(HIDDEN, dtype=np.float32)
    w2 = rng.standard_normal((10, HIDDEN), dtype=np.float32)
    b2 = rng.standard_normal(10, dtype=np.float32)
    eye = np.eye(10, dtype=np.float32)
    history = []
    for epoch in range(1, epochs + 1):
        rate = np.float32(lr * 0.5 ** ((epoch - 1) // 20))
        for i in range(0, len(xt), BATCH):
            x = xt[i:i + BATCH]
            a1, p, _ = forward(x, w1, b1, w2, b2, act)
            d2 = p - eye[yt[i:i + BATCH]]
            d1 = d2 @ w2
            d1 *= (a1 > 0) if act == "relu" else (1 - a1 * a1)
            w2 -= rate * (d2.T @ a1)
            b2 -= rate * d2.sum(axis=0)
            w1 -= rate * (d1.T @ x)
            b1 -= rate * d1.sum(axis=0)
        history.append((evaluate(xt, yt, (w1, b1, w2, b2), act), evaluate(xv, yv, (w1, b1, w2, b2), act)))
    wall = time.perf_counter() - t0
    return act, lr, wall, history[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--data", default="data/mnist_traindata.hdf5")
    ap.add_argument("--processes", type=int, default=2)
    a = ap.parse_args()
    if not os.path.exists(a.data):
        sys.exit(f"{a.data}: no such file (run `submit-scripts/sweep data mnist --out data/`)")
    global DATA
    t0 = time.perf_counter()
    DATA = load(a.data)
    print(f"numpy_load_seconds {time.perf_counter() - t0:.2f}")
    with get_context("fork").Pool(a.processes) as pool:
        results = pool.map(trial, [(act, lr, a.epochs) for act, lr in GRID], chunksize=1)
    wall = time.perf_counter() - t0
    for act, lr, twall, ((tl, ta), (vl, va)) in results:
        print(f"numpy_trial {act:4s} lr={lr:g} train_acc={ta:.4f} val_acc={va:.4f} val_loss={vl:.4f} "
              f"trial_wall={twall:.1f}s")
    print(f"numpy_best_val_acc {max(r[3][1][1] for r in results):.4f}")
    print(f"numpy_trial_wall_sum {sum(r[2] for r in results):.2f}")
    print(f"numpy_wall_seconds {wall:.2f}")


if __name__ == "__main__":
    main()
