#!/usr/bin/python3
"""Reads the outputs of bench/run.sh and prints the figures, the ratios and the README table.

    bench/report.py <out-dir> <mode> <epochs> <tiny-trials> <mllib-iter> <mllib97-iter>
"""
import json
import re
import sys

SGEMM_PEAK = 95.0  # GFLOP/s per core, OpenBLAS sgemm on batch-100 shapes (issue 4)
FLOP_FWD = 2 * (784 * 100 + 100 * 10)  # 2 x 79,400 multiply-adds per row, forward
FLOP_TRAIN_ROW = FLOP_FWD + FLOP_FWD + 2 * 1000  # forward + dW + hidden delta
out, mode, epochs, tiny, mllib_iter, mllib97_iter, budget = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])


def results(name):
    return json.load(open(f"{out}/{name}/results.json"))


def gnu_time(name):
    text = open(f"{out}/{name}.time").read()
    if "Elapsed" not in text:
        return float("nan"), float("nan")
    h, m, s = ([0] + [float(p) for p in re.search(r"Elapsed .*: ([\d:.]+)", text).group(1).split(":")])[-3:]
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return 3600 * h + 60 * m + s, rss / 1024 / 1024


def log_value(name, key):
    m = re.search(rf"^{key} (\S+)", open(f"{out}/{name}.log").read(), re.M)
    return float(m.group(1)) if m else float("nan")


def seed_flops(r):
    """FLOPs of every trial of a seed-shaped sweep, counting the epochs actually run."""
    d = r["data"]
    total = 0
    for t in r["trials"]:
        e = len(t["curve"]["validationAccuracy"])
        total += e * (d["trainRows"] * FLOP_TRAIN_ROW + (d["trainRows"] + d["validationRows"]) * FLOP_FWD)
    return total


rows = []  # (figure, value, target, met)


def add(figure, value, target="", met=None):
    rows.append((figure, value, target, "" if met is None else ("yes" if met else "**no**")))


s2, s1 = results("seed2"), results("seed1")
wall2, rss2 = gnu_time("seed2")
wall1, rss1 = gnu_time("seed1")
flops = seed_flops(s2)
cpu = sum(t["cpuSeconds"] for t in s2["trials"])
twall = sum(t["wallSeconds"] for t in s2["trials"])
per_core = flops / cpu / 1e9
per_core_wall = flops / twall / 1e9
best2 = max(t["curve"]["validationAccuracy"][-1] for t in s2["trials"])
np_wall, np_rss = gnu_time("numpy")
np_best = log_value("numpy", "numpy_best_val_acc")
ml_wall, _ = gnu_time("mllib_grid")
ml_fit = log_value("mllib_grid", "mllib_fit_seconds")
ml_best = log_value("mllib_grid", "mllib_best_val_acc")
full = mode == "full"

print()
print(f"## SparkSweep benchmark ({mode}: seed sweep {epochs} epochs; {tiny} tiny trials)")
print(f"blas: {s2['environment']['blas']}, cores: {s2['environment']['cores']}, "
      f"java {s2['environment']['javaVersion']}, {s2['environment']['sparkVersion']}, "
      f"storage: {s2['data']['storage']}")
print()
add("seed sweep local[2], wall (process)", f"{wall2:.1f} s", "≤ 48 s" if full else "", wall2 <= 48 if full else None)
add("seed sweep local[1], wall (process)", f"{wall1:.1f} s")
add("speedup local[1] → local[2]", f"{wall1 / wall2:.2f}×", "≥ 1.85×", wall1 / wall2 >= 1.85)
add("peak RSS local[2]", f"{rss2:.2f} GB", "≤ 1.5 GB", rss2 <= 1.5)
add("training throughput per core (FLOPs / trial CPU s)", f"{per_core:.1f} GFLOP/s = {per_core / SGEMM_PEAK:.0%} of sgemm peak",
    "≥ 60% of 95", per_core / SGEMM_PEAK >= 0.6)
add("training throughput per core (FLOPs / trial wall s)", f"{per_core_wall:.1f} GFLOP/s = {per_core_wall / SGEMM_PEAK:.0%}")
add("seed sweep best validation accuracy", f"{best2:.2%}")
add("NumPy reference (2 processes), wall", f"{np_wall:.1f} s; best val acc {np_best:.2%}")
add("SparkSweep local[2] / NumPy", f"{wall2 / np_wall:.2f}×", "≤ 0.8×", wall2 / np_wall <= 0.8)
def timed_out(name):
    """Killed by the budget before it printed its result (a kill during spark.stop() does not count)."""
    text = open(f"{out}/{name}.log").read()
    return "mllib_timeout" in text and "mllib_best_val_acc" not in text



add(f"MLlib MLP gd {mllib_iter} iter, TVS grid {{1e-5,1e-4,1e-3}}, wall (process)",
    f"killed at the {budget} s budget" if timed_out("mllib_grid")
    else f"{ml_wall:.1f} s (fit {ml_fit:.1f} s); best val acc {ml_best:.2%}")

f97 = results("fast97")
f97_wall, f97_rss = gnu_time("fast97")
first97 = []
for t in f97["trials"]:
    acc = t["curve"]["validationAccuracy"]
    hit = next((i + 1 for i, a in enumerate(acc) if a >= 0.97), None)
    if hit:
        first97.append(t["wallSeconds"] * hit / len(acc))
best97 = max(t["curve"]["validationAccuracy"][-1] for t in f97["trials"])
ss97 = min(first97) if first97 else float("nan")
m97_wall, _ = gnu_time("mllib_97")
m97_fit = log_value("mllib_97", "mllib_fit_seconds")
m97_acc = log_value("mllib_97", "mllib_best_val_acc")
add("conf/fast-97.json local[2], wall (process)", f"{f97_wall:.1f} s; best val acc {best97:.2%}")
add("SparkSweep time to 97% val acc (first trial, its own wall)", f"{ss97:.1f} s" if first97 else "not reached")
if timed_out("mllib_97"):
    m97_fit, m97_acc = float(budget), 0.0
    add(f"MLlib l-bfgs {mllib97_iter} iter", f"killed at the {budget} s budget: 97% not reached")
else:
    add(f"MLlib l-bfgs {mllib97_iter} iter, wall (process)",
        f"{m97_wall:.1f} s (fit {m97_fit:.1f} s); val acc {m97_acc:.2%} "
        f"({'reached' if m97_acc >= 0.97 else 'did not reach'} 97%)")
if first97:
    if m97_acc >= 0.97:
        add("MLlib / SparkSweep time to 97%", f"{m97_fit / ss97:.1f}× (MLlib fit time / SparkSweep)", "≥ 10×", m97_fit / ss97 >= 10)
    else:
        add("MLlib / SparkSweep time to 97%", f"> {m97_fit / ss97:.1f}× (MLlib did not reach 97% in its budget)",
            "≥ 10×", m97_fit / ss97 >= 10 or None)

tr = results("tiny")
tiny_wall, tiny_rss = gnu_time("tiny")
n = len(tr["trials"])
tsum = sum(t["wallSeconds"] for t in tr["trials"])
over_job = (tr["wallSeconds"] - tsum / 2) / n
over_proc = (tiny_wall - tsum / 2) / n
add(f"{n} tiny trials, wall (process / job)", f"{tiny_wall:.1f} s / {tr['wallSeconds']:.1f} s; trials' own wall sum {tsum:.1f} s")
add("driver overhead per trial = (job wall − Σ trial wall / 2) / n", f"{over_job * 1000:.1f} ms", "≤ 50 ms", over_job <= 0.05)
add("same, with JVM + Spark start-up (process wall)", f"{over_proc * 1000:.1f} ms")

print("| figure | measured | target | met |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print()
print(f"Re-run: `bench/run.sh{' --quick' if mode == 'quick' else ''}` (outputs in {out})")
