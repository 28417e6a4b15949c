#!/usr/bin/python3
"""Reads the outputs of bench/run.sh and prints the figures, the ratios and the README table.

    bench/report.py <out-dir> <mode> <epochs> <tiny-trials> <mllib-iter> <mllib97-iter> <mllib-budget> [rounds]

SparkSweep, SparkSweep with data.sparse and NumPy ran the seed sweep in turn, `rounds` times
(outputs seed2, seed2_2, ...): walls are medians over the rounds and ratios medians of the
per-round ratios.
"""
import json
import os
import re
import sys

FLOP_FWD = 2 * (784 * 100 + 100 * 10)  # 2 x 79,400 multiply-adds per row, forward
FLOP_TRAIN_ROW = FLOP_FWD + FLOP_FWD + 2 * 1000  # forward + dW + hidden delta
out, mode = sys.argv[1], sys.argv[2]
epochs, tiny, mllib_iter, mllib97_iter, budget = map(int, sys.argv[3:8])
rounds = int(sys.argv[8]) if len(sys.argv) > 8 else 1


def results(name):
    return json.load(open(f"{out}/{name}/results.json"))


def gnu_time(name):
    text = open(f"{out}/{name}.time").read()
    if "Elapsed" not in text:
        return float("nan"), float("nan")
    h, m, s = ([0] + [float(p) for p in re.search(r"Elapsed .*: ([\d:.]+)", text).group(1).split(":")])[-3:]
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return 3600 * h + 60 * m + s, rss / 1024 / 1024


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def walls(name):
    """The wall times of `name` in every round: name, name_2, ..."""
    return [gnu_time(name + ("" if r == 1 else f"_{r}"))[0] for r in range(1, rounds + 1)]


def log_value(name, key):
    m = re.search(rf"^{key} (\S+)", open(f"{out}/{name}.log").read(), re.M)
    return float(m.group(1)) if m else float("nan")


def sgemm_peak():
    """Single-thread sgemm peak measured in this run on the training BLAS (bench SgemmPeak)."""
    text = open(f"{out}/sgemm.log").read()
    shapes = dict(re.findall(r"^sgemm_gflops (\S+) (\S+)", text, re.M))
    return float(re.search(r"^sgemm_peak (\S+)", text, re.M).group(1)), shapes


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
# Medians over the rounds (SparkSweep and NumPy took turns): the headline figures.
seed_walls, np_walls = walls("seed2"), walls("numpy")
seed_med, np_med = median(seed_walls), median(np_walls)
ratio_med = median([a / b for a, b in zip(seed_walls, np_walls)])
sparse_ran = os.path.exists(f"{out}/seed2sparse/results.json")


def listed(values, digits=1):
    return "" if len(values) == 1 else " (rounds: " + ", ".join(f"{v:.{digits}f}" for v in values) + ")"

np_best = log_value("numpy", "numpy_best_val_acc")
torch_ran = os.path.exists(f"{out}/torch.time")
if torch_ran:
    pt_wall, pt_rss = gnu_time("torch")
    pt_best = log_value("torch", "torch_best_val_acc")
ml_wall, _ = gnu_time("mllib_grid")
ml_fit = log_value("mllib_grid", "mllib_fit_seconds")
ml_best = log_value("mllib_grid", "mllib_best_val_acc")
full = mode == "full"

print()
print(f"## SparkSweep benchmark ({mode}: seed sweep {epochs} epochs; {tiny} tiny trials)")
print(f"blas: {s2['environment'].get('blasSetup', s2['environment']['blas'])}, cores: {s2['environment']['cores']}, "
      f"java {s2['environment']['javaVersion']}, {s2['environment']['sparkVersion']}, "
      f"storage: {s2['data']['storage']}")
print()
add(f"seed sweep local[2], wall (process), median of {rounds}", f"{seed_med:.1f} s{listed(seed_walls)}",
    "≤ 48 s" if full else "", seed_med <= 48 if full else None)
add("seed sweep local[1], wall (process)", f"{wall1:.1f} s")
add("speedup local[1] → local[2]", f"{wall1 / wall2:.2f}×", "≥ 1.85×", wall1 / wall2 >= 1.85)
if os.path.exists(f"{out}/seed2sys/results.json"):
    sys_wall, _ = gnu_time("seed2sys")
    sys_r = results("seed2sys")
    sys_cpu = sum(t["cpuSeconds"] for t in sys_r["trials"])
    same = all(a["curve"] == b["curve"] for a, b in zip(s2["trials"], sys_r["trials"]))
    add("seed sweep local[2] on the system OpenBLAS (SPARKSWEEP_BLAS=system), wall",
        f"{sys_wall:.1f} s; bundled / system: wall {wall2 / sys_wall:.2f}×, trial CPU {cpu / sys_cpu:.2f}×; "
        f"curves {'bit-identical' if same else 'differ'}", "≤ 1.1×", wall2 / sys_wall <= 1.1)
add("peak RSS local[2]", f"{rss2:.2f} GB", "≤ 1 GB", rss2 <= 1.0)
peak, shapes = sgemm_peak()
add("sgemm peak, one thread, this run (best shape)", f"{peak:.1f} GFLOP/s; "
    + ", ".join(f"{k} {float(v):.1f}" for k, v in shapes.items()))
add("training throughput per core (FLOPs / trial CPU s)", f"{per_core:.1f} GFLOP/s = {per_core / peak:.0%} of sgemm peak",
    "≥ 60% of peak", per_core / peak >= 0.6)
if os.path.exists(f"{out}/trialspeed.log"):
    for act, g, pp, own in re.findall(r"^trialspeed_trial (\S+) (\S+) GFLOP/s = (\S+)% of sgemm peak.*?, (\S+)% of the trial's own",
                                     open(f"{out}/trialspeed.log").read(), re.M):
        add(f"one {act} seed trial, 1 thread (bench TrialSpeed, same JVM as its sgemm peak)",
            f"{float(g):.1f} GFLOP/s = {float(pp):.0f}% of the sgemm peak, {float(own):.0f}% of its own sgemm calls alone",
            "≥ 85% of peak", float(pp) >= 85)
ts_log = open(f"{out}/trialspeed.log").read() if os.path.exists(f"{out}/trialspeed.log") else ""
sgemm_only = re.search(r"^trialspeed_sgemm_only (\S+)", ts_log, re.M)
all_cores = re.search(r"^trialspeed_sgemm_only_all_cores (\S+) on (\d+) cores at once \((\S+)%", ts_log, re.M)
if sgemm_only:
    # The floor of any bit-identical build: the sweep's products alone, at the speed the trial's own
    # sgemm calls reach (TrialSpeed's replay) with every core replaying at once, as in the sweep,
    # spread evenly over the cores, with nothing else.
    cores = int(s2["environment"]["cores"])
    speed = float(all_cores.group(1)) if all_cores else float(sgemm_only.group(1))
    floor = flops / (speed * 1e9) / cores
    how = (f"{speed:.1f} GFLOP/s per core with {all_cores.group(2)} replaying at once, {all_cores.group(3)}% of one alone"
           if all_cores else f"{speed:.1f} GFLOP/s per core")
    add("floor: the sweep's sgemm calls alone at the replay's speed, spread over the cores",
        f"{floor:.1f} s = {floor / np_med:.2f}× NumPy's median ({how}; {speed / peak:.0%} of the sgemm peak)")
committed = "docs/results/mnist-seed/results.json"
if full and os.path.exists(committed):
    ref = {t["id"]: t["curve"] for t in json.load(open(committed))["trials"]}
    same = all(ref.get(t["id"]) == t["curve"] for t in s2["trials"]) and len(ref) == len(s2["trials"])
    add(f"seed sweep curves against the committed {committed}", "bit-identical" if same else "**differ**",
        "unchanged", same)
add("training throughput per core (FLOPs / trial wall s)", f"{per_core_wall:.1f} GFLOP/s = {per_core_wall / peak:.0%}")
add("seed sweep best validation accuracy", f"{best2:.2%}")
add(f"NumPy reference (2 processes), wall, median of {rounds}", f"{np_med:.1f} s{listed(np_walls)}; best val acc {np_best:.2%}")
add("SparkSweep local[2] / NumPy, median of the per-round ratios", f"{ratio_med:.2f}×"
    + listed([a / b for a, b in zip(seed_walls, np_walls)], 2), "≤ 0.8×", ratio_med <= 0.8)
if sparse_ran:
    sp = results("seed2sparse")
    _, sp_rss = gnu_time("seed2sparse")
    sp_walls = walls("seed2sparse")
    sp_wall = median(sp_walls)
    sp_ratio = median([a / b for a, b in zip(sp_walls, np_walls)])
    sp_best = max(t["curve"]["validationAccuracy"][-1] for t in sp["trials"])
    dense_curves = {t["id"]: t["curve"] for t in s2["trials"]}
    # Largest difference in validation accuracy, over every trial and epoch, against the default build's.
    delta = max(abs(a - b) for t in sp["trials"]
                for a, b in zip(t["curve"]["validationAccuracy"], dense_curves[t["id"]]["validationAccuracy"]))
    add(f"seed sweep local[2] with data.sparse (input layer over nonzero pixels), wall, median of {rounds}",
        f"{sp_wall:.1f} s{listed(sp_walls)}: {sp_ratio:.2f}× NumPy (median of per-round ratios), "
        f"{median([a / b for a, b in zip(sp_walls, seed_walls)]):.2f}× the default; peak RSS {sp_rss:.2f} GB; "
        f"validation accuracy within {delta * 100:.2f} points of the default's at every trial and epoch",
        "≤ 0.8× NumPy", sp_ratio <= 0.8)
if torch_ran:
    add("PyTorch reference (1 torch thread per process, 2 processes), wall",
        f"{pt_wall:.1f} s; best val acc {pt_best:.2%}; peak RSS {pt_rss:.2f} GB")
    add("SparkSweep local[2] / PyTorch, round 1", f"{wall2 / pt_wall:.2f}×", "< 1×", wall2 / pt_wall < 1)
def timed_out(name):
    """Killed by the budget before it printed its result (a kill during spark.stop() does not count)."""
    text = open(f"{out}/{name}.log").read()
    return "mllib_timeout" in text and "mllib_best_val_acc" not in text



add(f"MLlib MLP gd {mllib_iter} iter, TVS grid {{1e-5,1e-4,1e-3}}, wall (process)",
    f"killed at the {budget} s budget" if timed_out("mllib_grid")
    else f"{ml_wall:.1f} s (fit {ml_fit:.1f} s); best val acc {ml_best:.2%}")

# Time to 97%: both on the same fixed validation rows, clock from data-in-memory (bench TimeTo97).
t97 = open(f"{out}/t97.log").read()
ss97 = log_value("t97", "t97_sparksweep_seconds")
m97 = log_value("t97", "t97_mllib_seconds")
m97_iter = int(log_value("t97", "t97_mllib_iterations")) if "t97_mllib_iterations" in t97 else 0
m97_fits = re.findall(r"^t97_mllib_fit (\d+) (\S+) (\S+)", t97, re.M)
add("SparkSweep trainer, time to 97% val acc (784-256-10 ReLU, 1 thread)",
    f"{ss97:.1f} s (epoch {int(log_value('t97', 't97_sparksweep_epochs'))})" if ss97 == ss97 else "not reached")
fits = "; ".join(f"{i} iter: {float(a):.2%} in {float(t):.1f} s" for i, a, t in m97_fits)
if m97 == m97:
    add("MLlib l-bfgs 784-256-10, local[2], time to 97% val acc", f"{m97:.1f} s ({m97_iter} iterations; {fits})")
    add("MLlib / SparkSweep time to 97%", f"{m97 / ss97:.1f}×", "≥ 10×", m97 / ss97 >= 10)
else:
    why = f"killed at the {budget} s budget" if "t97_timeout" in t97 or "mllib_timeout" in t97 else "not reached"
    add("MLlib l-bfgs 784-256-10, local[2], time to 97% val acc", f"{why} ({fits or 'no fit finished'})")
    spent = sum(float(t) for _, _, t in m97_fits)
    if ss97 == ss97 and spent > 0:
        add("MLlib / SparkSweep time to 97%", f"> {spent / ss97:.1f}× (MLlib did not reach 97%)", "≥ 10×",
            spent / ss97 >= 10 or None)

tr = results("tiny")
tiny_wall, tiny_rss = gnu_time("tiny")
n = len(tr["trials"])
tsum = sum(t["wallSeconds"] for t in tr["trials"])
over_job = (tr["wallSeconds"] - tsum / 2) / n
over_proc = (tiny_wall - tsum / 2) / n
add(f"{n} tiny trials, wall (process / job)", f"{tiny_wall:.1f} s / {tr['wallSeconds']:.1f} s; trials' own wall sum {tsum:.1f} s")
add("driver overhead per trial = (job wall − Σ trial wall / 2) / n", f"{over_job * 1000:.1f} ms", "≤ 50 ms", over_job <= 0.05)
add("same, with JVM + Spark start-up (process wall)", f"{over_proc * 1000:.1f} ms")

def sp_col(text):
    return f" {text} |" if sparse_ran else ""


print("| seed sweep, whole command | SparkSweep local[2] |" + sp_col("SparkSweep local[2], data.sparse")
      + " NumPy, 2 processes | PyTorch, 2 processes |")
print("|---|---|" + sp_col("---") + "---|---|")
print(f"| wall (median of {rounds}; PyTorch: round 1) | {seed_med:.1f} s |" + sp_col(f"{sp_wall:.1f} s" if sparse_ran else "")
      + f" {np_med:.1f} s | " + (f"{pt_wall:.1f} s |" if torch_ran else "not run |"))
print(f"| / NumPy (median of per-round ratios) | {ratio_med:.2f}× |" + sp_col(f"{sp_ratio:.2f}×" if sparse_ran else "")
      + " 1.00× | " + (f"{pt_wall / np_wall:.2f}× |" if torch_ran else "|"))
print(f"| peak RSS | {rss2:.2f} GB |" + sp_col(f"{sp_rss:.2f} GB" if sparse_ran else "") + f" {np_rss:.2f} GB | "
      + (f"{pt_rss:.2f} GB |" if torch_ran else "|"))
print(f"| best validation accuracy | {best2:.2%} |" + sp_col(f"{sp_best:.2%}" if sparse_ran else "") + f" {np_best:.2%} | "
      + (f"{pt_best:.2%} |" if torch_ran else "|"))
print()
print("| figure | measured | target | met |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print()
print(f"Re-run: `bench/run.sh{' --quick' if mode == 'quick' else ''}` (outputs in {out})")
