#!/usr/bin/python3
"""The seed sweep as a Python user would write it: plain batched NumPy float32.

784-100-10, {relu, tanh} x lr {1e-5, 1e-4, 1e-3}, mini-batches of 100 in file order,
gradients SUMMED over the batch, N(0, 1) init, lr x0.5 every 20 epochs, 50 epochs, and after
every epoch loss/accuracy on the whole training part (50,000 rows) and the validation part
(10,000 rows). One process per trial, two at a time, OPENBLAS_NUM_THREADS=1.

    /usr/bin/python3 bench/numpy_sweep.py [--epochs N] [--data data/mnist_traindata.hdf5]

Prints one line per trial and a final line `numpy_wall_seconds <s>` for bench/run.sh.
"""
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402  (after the thread settings)

import seed_peer  # noqa: E402
from seed_peer import BATCH, EVAL_BATCH, HIDDEN  # noqa: E402



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




def trial(args):
    act, lr, epochs = args
    xt, yt, xv, yv = seed_peer.DATA
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


if __name__ == "__main__":
    seed_peer.main("numpy", __doc__.splitlines()[0], seed_peer.load_split, trial)
