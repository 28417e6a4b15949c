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
import os
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402  (after the thread settings)
import torch  # noqa: E402

import seed_peer  # noqa: E402
from seed_peer import BATCH, EVAL_BATCH, HIDDEN  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)



def load(path):
    return tuple(torch.from_numpy(a) for a in seed_peer.load_split(path))


def evaluate(model, x, y):
    loss, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), EVAL_BATCH):
            z = model(x[i:i + EVAL_BATCH])
            yy = y[i:i + EVAL_BATCH]
            loss += float(torch.nn.functional.cross_entropy(z, yy, reduction="sum"))
            correct += int((z.argmax(dim=1) == yy).sum())
    return loss / len(x), correct / len(x)




def trial(args):
    act, lr, epochs = args
    torch.set_num_threads(1)
    xt, yt, xv, yv = seed_peer.DATA
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


if __name__ == "__main__":
    seed_peer.main("torch", __doc__.splitlines()[0], load, trial,
                   header=[f"torch_version {torch.__version__} threads {torch.get_num_threads()}"])
