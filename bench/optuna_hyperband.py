#!/usr/bin/python3
"""Optuna + PyTorch peer of a SparkSweep early-stopping sweep, for bench/hyperband.sh.

Reads a SparkSweep config (default conf/mnist-hyperband.json) and runs the same search with
Optuna 3.1: a seeded TPE sampler and HyperbandPruner(min_resource=1, max_resource=<epochs>,
reduction_factor=3) over PyTorch 1.13 CPU MLPs, in N worker processes (default 2) that share
one SQLite study in a temporary folder, torch.set_num_threads(1) in each, under a wall-clock
budget in seconds (Optuna's `timeout`: no trial starts after the budget; the trials running at
the budget finish, so the wall time exceeds the budget by up to one trial).

What it reproduces of SparkSweep (read from the config, SparkSweep's defaults where absent):
- data: the config's HDF5 files and dataset names; `maxRows`; the validation split of
  io.sparksweep.sweep.DataLoader: the LAST round(rows * validationFraction) rows of the training
  file validate (Java Math.round, default fraction 1/6: rows 50,000-59,999 of 60,000), the first
  rows train, in file order. Pixels: SparkSweep keeps float data that is exactly b/255 as the
  byte b and trains on b * (1f/255f) in float32 (io.sparksweep.data.ByteScaling), which can
  differ from the file's b/255 by one ulp; the peer does the same when every pixel is such a
  byte, and uses the file's float32 values otherwise (as SparkSweep does).
- network: 784-H...-10 with the config's activation (relu, tanh, sigmoid, leaky_relu with slope
  0.01), softmax + cross-entropy; init he (N(0, 2/in) weights, zero biases), xavier
  (N(0, 2/(in+out)), zero biases) or normal (N(0, initSigma^2) weights and biases).
- training: plain SGD (no momentum, no weight decay); reduction mean (step lr * batch mean
  gradient) or sum (lr * summed gradient); the last partial batch is used; shuffle: a new
  permutation each epoch; schedule step (x factor after every N epochs) or constant.
- after every epoch the loss and accuracy on the whole validation part; that accuracy is what
  the pruner sees (trial.report(acc, epoch)). SparkSweep also evaluates the whole training part
  after every epoch; --eval-train makes the peer do that extra work too (off by default: it is
  not what an Optuna user would write).
- search space: `search.space` of the config; `choice` -> suggest_categorical (lists such as
  hidden [512, 256] as the string "512-256"), `loguniform` -> suggest_float(log=True),
  `uniform` -> suggest_float, `intRange` -> suggest_int; `grid` lists become categoricals.
  Values are not rounded to 4 digits as SparkSweep's random search rounds them.

A completed trial's value is its LAST epoch's validation accuracy (SparkSweep ranks by the
final validation accuracy). The test accuracy is that of the best completed trial's FINAL
weights (saved when it completes), as SparkSweep tests its best trial's final weights; no
retraining. A trial whose loss becomes NaN or infinite stops and is recorded as failed
(diverged), as SparkSweep stops diverged trials.

    /usr/bin/python3 bench/optuna_hyperband.py [--config conf/mnist-hyperband.json] [--budget 330]
        [--workers 2] [--seed 1] [--summary FILE] [--events FILE] [--eval-train] [--max-trials N]

Prints one line per finished trial, then the summary as JSON, one field per line (also
written to --summary): configurations tried, epochs trained (sum), completed, pruned, failed,
best validation accuracy, test accuracy of the best, seconds until the first validation
accuracy >= 0.98 (null if never), wall seconds. All times are wall-clock seconds since this
process started (imports and data loading included).
"""
import time

T0 = time.time()  # the clock every reported time is measured from

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402

TARGET = 0.98

# SparkSweep's training defaults (io.sparksweep.config.ConfigLoader.DEFAULTS: the seed's settings).
DEFAULTS = {"hidden": [100], "activation": "relu", "epochs": 50, "batchSize": 100,
            "learningRate": 0.001, "reduction": "sum",
            "schedule": {"type": "step", "factor": 0.5, "every": 20},
            "init": "normal", "initSigma": 1.0, "shuffle": False}
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")


def bad(msg):
    """Bad input: one line on stderr, exit code 2."""
    print(f"optuna_hyperband.py: {msg}", file=sys.stderr)
    sys.exit(2)


def java_round(x):
    """Java's Math.round for non-negative doubles: floor(x + 0.5)."""
    return int(math.floor(x + 0.5))


def load_split(data):
    """Train / validation / test arrays as SparkSweep's DataLoader builds them."""
    import h5py
    feats, labs = data.get("features", "xdata"), data.get("labels", "ydata")
    fraction = data.get("validationFraction", 1.0 / 6.0)
    max_rows = data.get("maxRows", 0)

    def read(path):
        if not os.path.exists(path):
            bad(f"{path}: data file not found (run `submit-scripts/sweep data mnist --out data/`)")
        with h5py.File(path, "r") as f:
            x = np.asarray(f[feats])
            y = np.asarray(f[labs])
        if max_rows > 0:
            x, y = x[:max_rows], y[:max_rows]
        y = y.argmax(axis=1) if y.ndim == 2 else y
        return scale(x), y.astype(np.int64)

    x, y = read(data["train"])
    xt, yt = read(data["test"])
    n_val = java_round(len(x) * fraction)
    n_train = len(x) - n_val
    if n_val < 1 or n_train < 1:
        bad(f"data.validationFraction = {fraction} leaves {n_train} training and {n_val} validation rows")
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:]), (xt, yt)


def scale(x):
    """SparkSweep's pixels: b * (1f/255f) in float32 when every value is a byte b/255 (or uint8)."""
    inv = np.float32(1.0) / np.float32(255.0)
    if x.dtype == np.uint8:
        return x.astype(np.float32) * inv
    xf = x.astype(np.float32)
    b = np.floor(xf * np.float32(255.0) + np.float32(0.5))
    ok = (b >= 0) & (b < 256)
    if not ok.all():
        return xf
    b8 = b.astype(np.uint8)
    divided = b8.astype(np.float32) / np.float32(255.0)
    multiplied = b8.astype(np.float32) * inv
    if x.dtype == np.float64:
        exact = (x == b8.astype(np.float64) / 255.0) | (xf == divided) | (xf == multiplied)
    else:
        exact = (xf == divided) | (xf == multiplied)
    return multiplied if exact.all() else xf


def key(value):
    """A categorical value Optuna can store: numbers and strings as they are, lists as '512-256'."""
    if isinstance(value, list):
        return "-".join(str(v) for v in value) if value else "none"
    return value


def unkey(field, value):
    if field == "hidden":
        return [] if value == "none" else [int(v) for v in str(value).split("-")]
    if field == "activation" and isinstance(value, str) and "-" in value:
        return value.split("-")
    return value


def read_config(path):
    try:
        with open(path) as f:
            cfg = json.load(f)
    except OSError as e:
        bad(f"{path}: cannot read config ({e.strerror})")
    except json.JSONDecodeError as e:
        bad(f"{path}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}")
    training = dict(DEFAULTS)
    training.update(cfg.get("training", {}))
    space = {}
    for field, values in cfg.get("grid", {}).items():
        space[field] = {"choice": values}
    search = cfg.get("search")
    if search:
        space.update(search.get("space", {}))
    if not space:
        bad(f"{path}: no search.space or grid to search over")
    for field, dist in space.items():
        if field not in DEFAULTS or field in ("epochs", "schedule"):
            bad(f"{path}: search.space.{field} is not a field this peer can vary")
        if not isinstance(dist, dict) or len(dist) != 1 or next(iter(dist)) not in (
                "choice", "loguniform", "uniform", "intRange"):
            bad(f"{path}: search.space.{field} = {json.dumps(dist)}, expected one distribution")
    return cfg, training, space


def suggest(trial, space):
    """Draws one configuration of `space` (the config's search space) from the trial."""
    params = {}
    for field, dist in space.items():
        kind, args = next(iter(dist.items()))
        if kind == "choice":
            v = unkey(field, trial.suggest_categorical(field, [key(a) for a in args]))
        elif kind == "loguniform":
            v = trial.suggest_float(field, args[0], args[1], log=True)
        elif kind == "uniform":
            v = trial.suggest_float(field, args[0], args[1])
        else:
            v = trial.suggest_int(field, args[0], args[1])
        params[field] = v
    return params


class Net:
    """The MLP of a SparkSweep trial, built with torch.nn."""

    @staticmethod
    def build(torch, inputs, classes, settings):
        nn = torch.nn
        hidden = settings["hidden"]
        acts = settings["activation"]
        acts = acts if isinstance(acts, list) else [acts] * len(hidden)
        if len(acts) != len(hidden):
            bad(f"activation {acts} has {len(acts)} entries for {len(hidden)} hidden layers")
        sizes = [inputs] + list(hidden) + [classes]
        layers = []
        for i in range(len(sizes) - 1):
            lin = nn.Linear(sizes[i], sizes[i + 1])
            init = settings["init"]
            fan_in, fan_out = sizes[i], sizes[i + 1]
            with torch.no_grad():
                if init == "he":
                    lin.weight.normal_(0.0, math.sqrt(2.0 / fan_in))
                    lin.bias.zero_()
                elif init == "xavier":
                    lin.weight.normal_(0.0, math.sqrt(2.0 / (fan_in + fan_out)))
                    lin.bias.zero_()
                elif init == "normal":
                    lin.weight.normal_(0.0, float(settings["initSigma"]))
                    lin.bias.normal_(0.0, float(settings["initSigma"]))
                else:
                    bad(f"init = {init!r}: this peer supports he, xavier and normal (no warm start)")
            layers.append(lin)
            if i < len(hidden):
                a = acts[i]
                if a not in ACTIVATIONS:
                    bad(f"activation = {a!r}, expected one of {', '.join(ACTIVATIONS)}")
                layers.append({"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
                               "leaky_relu": lambda: nn.LeakyReLU(0.01)}[a]())
        return nn.Sequential(*layers)


def evaluate(torch, model, x, y):
    """Mean cross-entropy and accuracy on all rows, in forward passes of 10,000 rows."""
    loss, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), 10000):
            z = model(x[i:i + 10000])
            yy = y[i:i + 10000]
            loss += float(torch.nn.functional.cross_entropy(z, yy, reduction="sum"))
            correct += int((z.argmax(dim=1) == yy).sum())
    return loss / len(x), correct / len(x)


class Events:
    """Appends one JSON line per event to a file shared by the workers (O_APPEND, one write each)."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, **event):
        os.write(self.fd, (json.dumps(event) + "\n").encode())


def worker(w, args, storage_url, study_name, training, space, data, weights_dir, events_path):
    """One worker process: its own TPE sampler (seed + w) on the shared study, one torch thread."""
    import optuna
    import torch
    torch.set_num_threads(1)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    (xtr, ytr), (xva, yva), _ = data
    xtr, ytr, xva, yva = (torch.from_numpy(a) for a in (xtr, ytr, xva, yva))
    inputs, classes = xtr.shape[1], int(max(ytr.max(), yva.max())) + 1
    epochs = int(training["epochs"])
    sched = training["schedule"]
    events = Events(events_path)

    def objective(trial):
        settings = dict(training)
        settings.update(suggest(trial, space))
        seed = args.seed * 1_000_003 + trial.number
        torch.manual_seed(seed)
        model = Net.build(torch, inputs, classes, settings)
        gen = torch.Generator().manual_seed(seed)
        batch = int(settings["batchSize"])
        mean = settings["reduction"] == "mean"
        opt = torch.optim.SGD(model.parameters(), lr=float(settings["learningRate"]))
        n = len(xtr)
        started = time.time() - T0
        for epoch in range(1, epochs + 1):
            lr = float(settings["learningRate"])
            if sched.get("type") == "step":
                lr *= sched["factor"] ** ((epoch - 1) // sched["every"])
            for g in opt.param_groups:
                g["lr"] = lr
            order = torch.randperm(n, generator=gen) if settings["shuffle"] else None
            model.train()
            for first in range(0, n, batch):
                if order is not None:
                    idx = order[first:first + batch]
                    xb, yb = xtr[idx], ytr[idx]
                else:
                    xb, yb = xtr[first:first + batch], ytr[first:first + batch]
                loss = torch.nn.functional.cross_entropy(model(xb), yb, reduction="mean" if mean else "sum")
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
            model.eval()
            train_metrics = evaluate(torch, model, xtr, ytr) if args.eval_train else None
            vloss, vacc = evaluate(torch, model, xva, yva)
            t = time.time() - T0
            events.write(kind="epoch", trial=trial.number, worker=w, epoch=epoch, val_acc=vacc, val_loss=vloss,
                         train=train_metrics, t=round(t, 3))
            if not math.isfinite(vloss):
                events.write(kind="end", trial=trial.number, worker=w, state="diverged", epochs=epoch,
                             params=settings_of(settings, space), started=round(started, 3), t=round(t, 3))
                return float("nan")  # Optuna records the trial as FAIL
            trial.report(vacc, epoch)
            if trial.should_prune():
                events.write(kind="end", trial=trial.number, worker=w, state="pruned", epochs=epoch,
                             params=settings_of(settings, space), started=round(started, 3), t=round(t, 3))
                raise optuna.TrialPruned()
        torch.save(model.state_dict(), os.path.join(weights_dir, f"trial-{trial.number}.pt"))
        events.write(kind="end", trial=trial.number, worker=w, state="completed", epochs=epochs,
                     params=settings_of(settings, space), started=round(started, 3), t=round(time.time() - T0, 3),
                     value=vacc)
        return vacc

    pruner = optuna.pruners.HyperbandPruner(min_resource=1, max_resource=epochs, reduction_factor=3)
    study = optuna.load_study(study_name=study_name, storage=make_storage(storage_url),
                              sampler=optuna.samplers.TPESampler(seed=args.seed + w), pruner=pruner)
    remaining = args.budget - (time.time() - T0)
    if remaining > 0:
        study.optimize(objective, timeout=remaining,
                       n_trials=None if args.max_trials is None else max(1, args.max_trials // args.workers),
                       catch=())


def settings_of(settings, space):
    return {f: settings[f] for f in space}


def make_storage(url):
    import optuna
    # SQLite shared by several processes: wait for the other's write lock instead of failing.
    return optuna.storages.RDBStorage(url, engine_kwargs={"connect_args": {"timeout": 60}})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default="conf/mnist-hyperband.json")
    ap.add_argument("--budget", type=float, default=330.0, help="wall-clock seconds (Optuna timeout)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-trials", type=int, default=None, help="also stop after about this many trials")
    ap.add_argument("--eval-train", action="store_true",
                    help="also evaluate the whole training part after every epoch, as SparkSweep does")
    ap.add_argument("--summary", help="also write the summary JSON here")
    ap.add_argument("--events", help="keep the per-epoch event log (JSON lines) here")
    args = ap.parse_args()
    if args.workers < 1 or args.budget <= 0:
        bad(f"--workers = {args.workers}, --budget = {args.budget}: expected >= 1 and > 0")

    cfg, training, space = read_config(args.config)
    if "data" not in cfg or "train" not in cfg["data"] or "test" not in cfg["data"]:
        bad(f"{args.config}: data.train and data.test are required")
    data = load_split(cfg["data"])
    loaded_at = time.time() - T0

    import optuna
    import torch
    from multiprocessing import get_context

    work = tempfile.mkdtemp(prefix="optuna-hyperband.")
    try:
        storage_url = f"sqlite:///{work}/study.db"
        weights_dir = os.path.join(work, "weights")
        os.makedirs(weights_dir)
        events_path = args.events or os.path.join(work, "events.jsonl")
        if args.events and os.path.exists(args.events):
            os.remove(args.events)
        study_name = cfg.get("name", "sweep") + "-optuna"
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        epochs = int(training["epochs"])
        optuna.create_study(study_name=study_name, storage=make_storage(storage_url), direction="maximize",
                            sampler=optuna.samplers.TPESampler(seed=args.seed),
                            pruner=optuna.pruners.HyperbandPruner(min_resource=1, max_resource=epochs,
                                                                  reduction_factor=3))
        ctx = get_context("fork")  # the workers inherit the loaded arrays
        procs = [ctx.Process(target=worker, args=(w, args, storage_url, study_name, training, space, data,
                                                  weights_dir, events_path)) for w in range(args.workers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        failed_workers = [p.exitcode for p in procs if p.exitcode != 0]
        wall = time.time() - T0

        events = [json.loads(line) for line in open(events_path)] if os.path.exists(events_path) else []
        ends = {e["trial"]: e for e in events if e["kind"] == "end"}
        curves = {}
        for e in events:
            if e["kind"] == "epoch":
                curves.setdefault(e["trial"], []).append(e)
        for n in sorted(curves):
            end = ends.get(n, {"state": "unfinished", "params": {}})
            pts = " ".join(f"{c['val_acc']:.4f}@{c['t']:.0f}s" for c in curves[n])
            print(f"optuna_trial {n} worker {curves[n][0]['worker']} {end['state']} after {len(curves[n])} epochs "
                  f"{json.dumps(end['params'])}: val acc {pts}", flush=True)

        completed = {n: e for n, e in ends.items() if e["state"] == "completed"}
        first98 = min((e["t"] for e in events if e["kind"] == "epoch" and e["val_acc"] >= TARGET), default=None)
        torch.set_num_threads(1)
        (_, ytr), (_, yva), (xte, yte) = data
        classes = int(max(ytr.max(), yva.max())) + 1

        def best_of(done):
            """The best of `done` (trial -> end event) by final validation accuracy, and its test accuracy."""
            if not done:
                return None, None, None
            n = max(done, key=lambda k: (done[k]["value"], -k))
            settings = dict(training)
            settings.update(done[n]["params"])
            model = Net.build(torch, xte.shape[1], classes, settings)
            model.load_state_dict(torch.load(os.path.join(weights_dir, f"trial-{n}.pt")))
            model.eval()
            return n, done[n]["value"], evaluate(torch, model, torch.from_numpy(xte), torch.from_numpy(yte))[1]

        best_trial, best_val, test_acc = best_of(completed)
        # The same figures as if the run had been cut hard at the budget: only epochs measured by then.
        done_by = {n: e for n, e in completed.items() if e["t"] <= args.budget}
        cut_trial, cut_val, cut_test = best_of(done_by)
        in_budget = [e for e in events if e["kind"] == "epoch" and e["t"] <= args.budget]
        at_budget = {
            "configurations": len({e["trial"] for e in in_budget}),
            "epochs_trained": len(in_budget),
            "completed": len(done_by),
            "pruned": sum(1 for e in ends.values() if e["state"] == "pruned" and e["t"] <= args.budget),
            "best_trial": cut_trial,
            "best_val_accuracy": cut_val,
            "test_accuracy": cut_test,
            "seconds_to_val_98": first98 if first98 is not None and first98 <= args.budget else None,
        }
        summary = {
            "tool": f"optuna {optuna.__version__} TPE + HyperbandPruner, torch {torch.__version__}",
            "config": args.config,
            "workers": args.workers,
            "budget_seconds": args.budget,
            "configurations": len(curves),
            "epochs_trained": sum(len(c) for c in curves.values()),
            "completed": len(completed),
            "pruned": sum(1 for e in ends.values() if e["state"] == "pruned"),
            "failed": sum(1 for e in ends.values() if e["state"] == "diverged"),
            "best_trial": best_trial,
            "best_params": completed[best_trial]["params"] if completed else None,
            "best_val_accuracy": best_val,
            "max_val_accuracy_any_epoch": max((e["val_acc"] for e in events if e["kind"] == "epoch"), default=None),
            "test_accuracy": test_acc,
            "test_of": "final weights of the best completed trial (by last-epoch validation accuracy)",
            "seconds_to_val_98": first98,
            "at_budget": at_budget,
            "data_loaded_seconds": round(loaded_at, 3),
            "wall_seconds": round(wall, 3),
            "worker_exit_codes_nonzero": failed_workers,
        }
        text = "{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in summary.items()) + "\n}"
        print(text)
        if args.summary:
            with open(args.summary, "w") as f:
                f.write(text + "\n")
        return 1 if failed_workers else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
