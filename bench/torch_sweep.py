#!/usr/bin/python3
"""The seed sweep as a PyTorch user would write it: nn.Linear layers, autograd, torch.optim.SGD.

The same work as the seed config and bench/numpy_sweep.py: 784-100-10, {relu, tanh} x lr
{1e-5, 1e-4, 1e-3}, float32, mini-batches of 100 in file order (no shuffle), cross-entropy
SUMMED over the batch, every weight and bias drawn from N(0, 1), lr x0.5 every 20 epochs
(StepLR), 50 epochs, and after every epoch loss/accuracy on the whole training part (the first
50,000 rows) and the validation part (the last 10,000 rows). One torch thread per process
(torch.set_num_threads(1), OPENBLAS/OMP/MKL_NUM_THREADS=1), one process per trial, two at a time,
the six trials split over the two workers as numpy_sweep.py splits them (Pool.map, chunksize 1).

    /usr/bin/python3 bench/torch_sweep.py [--epochs N] [--data data/mnist_traindata.hdf5]

Prints one line per trial and a final line `torch_wall_seconds <s>` for bench/run.sh.
"""
import argparse
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402  (after the thread settings)
import torch  # noqa: E402
from multiprocessing import get_context  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)

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
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def evaluate(model, x, y):
    loss, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), EVAL_BATCH):
            z = model(x[i:i + EVAL_BATCH])
            yy = y[i:i + EVAL_BATCH]
            loss += float(torch.nn.functional.cross_entropy(z, yy, reduction="sum"))
            correct += int((z.argmax(dim=1) == yy).sum())
    return loss / len(x), correct / len(x)


DATA = None  # loaded once in the parent; the forked workers inherit it


def trial(args):
    act, lr, epochs = args
    torch.set_num_threads(1)
    xt, yt, xv, yv = DATA
    t0 = time.perf_counter()
    torch.manual_seed(243)
    model = torch.nn.Sequential(torch.nn.Linear(784, HIDDEN),
                                torch.nn.ReLU() if act == "relu" else torch.nn.Tanh(),
                                torch.nn.Linear(HIDDEN, 10))
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 1.0)  # the seed's N(0, 1) for weights and biases
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.StepLR(opt, step_size=20, gamma=0.5)
    history = []
    for _ in range(epochs):
        for i in range(0, len(xt), BATCH):
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(xt[i:i + BATCH]), yt[i:i + BATCH], reduction="sum")
            loss.backward()
            opt.step()
        schedule.step()
        history.append((evaluate(model, xt, yt), evaluate(model, xv, yv)))
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
    print(f"torch_version {torch.__version__} threads {torch.get_num_threads()}")
    print(f"torch_load_seconds {time.perf_counter() - t0:.2f}")
    with get_context("fork").Pool(a.processes) as pool:
        results = pool.map(trial, [(act, lr, a.epochs) for act, lr in GRID], chunksize=1)
    wall = time.perf_counter() - t0
    for act, lr, twall, ((tl, ta), (vl, va)) in results:
        print(f"torch_trial {act:4s} lr={lr:g} train_acc={ta:.4f} val_acc={va:.4f} val_loss={vl:.4f} "
              f"trial_wall={twall:.1f}s")
    print(f"torch_best_val_acc {max(r[3][1][1] for r in results):.4f}")
    print(f"torch_trial_wall_sum {sum(r[2] for r in results):.2f}")
    print(f"torch_wall_seconds {wall:.2f}")


if __name__ == "__main__":
    main()
