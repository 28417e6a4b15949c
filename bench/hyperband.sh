#!/usr/bin/env bash
# Early stopping, side by side: one command, the same 2 cores one after the other, the same
# wall-clock budget each, the search space of conf/mnist-hyperband.json:
#   (a) SparkSweep Hyperband on the preset (skipped, and said so, on a build without early stopping)
#   (b) SparkSweep random search of the same 49 samples without stopping
#   (c) Optuna 3.1 TPE + HyperbandPruner over PyTorch 1.13 MLPs (bench/optuna_hyperband.py)
# and prints a markdown table, also written to docs/results/hyperband-bench.md.
#
#   bench/hyperband.sh [BUDGET_SECONDS]      default 330 (the issue's Optuna reference budget);
#                                            the whole command takes about 3 x (budget + one trial)
#   env: MASTER (default local[2]), WORKERS (Optuna processes, default 2), PEER_SEED (default 1),
#        CONFIG (default conf/mnist-hyperband.json), RUNS (default "a b c"), RESULTS (the .md to
#        write, default docs/results/hyperband-bench.md; "-" for none)
#
# How a run is cut at the budget, the same rule for all three (Optuna's `timeout`): no trial
# starts after the budget, the trials running at the budget finish. For SparkSweep, which has no
# such option, the driver watches the run: at the budget it reads the last progress line
# (`--progress-every 1`: "D/N done, R running"), waits until the R trials running then have
# written their records, and kills the JVM; trials that started after the budget are not counted
# (SparkSweep submits one Spark job per trial in index order and the FIFO scheduler starts them
# in that order: the trials running at the budget are the R lowest indices without a record).
# A hard cap kills it at 2 x budget + 120 s anyway; trials it interrupts are lost and named so.
# A killed run has no results.json, so its figures come from trials/*.json and its test accuracy
# from `sweep predict` on the best-model.h5 the run keeps up to date. The table says for each run
# how it ended. A second table gives every run's figures as if it had been killed at the budget
# (for SparkSweep best-model.h5 is copied at the budget; Optuna saves every completed trial).
# Hyperband (a): the same rule, written before early stopping landed; if its trial-rung tasks
# do not start in trial-index order, the count of trials running at the budget is approximate.
#
# Times: wall-clock seconds from the launch of each tool's command (JVM and Spark start-up, or
# Python imports, and data loading included). Optuna logs the time of every epoch. SparkSweep's
# trial records carry no per-epoch time (unless a build adds one: a curve field named
# "seconds", "elapsedSeconds" or "time" is used when present); the time of epoch k of a trial
# of n epochs is then reconstructed as mtime(record) - wallSeconds * (n - k) / n, assuming
# evenly long epochs run in one piece; for a trial trained in several pieces (rungs) that is an
# upper bound on the real time.
#
# Needs: Java 17, Maven (offline cache), /usr/bin/python3 with numpy, h5py, optuna, torch
# (Debian: python3-optuna python3-torch), data/mnist_*.hdf5 (fetched when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
budget="${1:-330}"
if ! [[ "$budget" =~ ^[0-9]+$ ]] || (( budget < 10 )); then
  echo "bench/hyperband.sh: budget = '$budget', expected whole seconds >= 10" >&2; exit 2
fi
master="${MASTER:-local[2]}"
workers="${WORKERS:-2}"
peer_seed="${PEER_SEED:-1}"
config="${CONFIG:-conf/mnist-hyperband.json}"
runs="${RUNS:-a b c}"
results="${RESULTS:-docs/results/hyperband-bench.md}"
py=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 SPARK_LOCAL_IP=127.0.0.1
[[ -f "$config" ]] || { echo "bench/hyperband.sh: CONFIG = $config: no such file" >&2; exit 2; }
"$py" -c 'import numpy, h5py, optuna, torch' 2>/dev/null || {
  echo "bench/hyperband.sh: /usr/bin/python3 lacks numpy, h5py, optuna or torch (apt-get install python3-h5py python3-optuna python3-torch)" >&2; exit 2; }
out="$(mktemp -d /tmp/sparksweep-hyperband.XXXXXX)"
echo "bench/hyperband.sh: budget ${budget}s per run, $master / $workers Optuna workers -> $out" >&2

[[ -f data/mnist_traindata.hdf5 && -f data/mnist_testdata.hdf5 ]] || submit-scripts/sweep data mnist --out data/ >&2
(mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package) >&2

cat > "$out/hb.py" <<'PY'
"""bench/hyperband.sh's helpers: derive configs, run and cut a SparkSweep sweep, summarise, tabulate."""
import glob, json, os, re, shutil, signal, subprocess, sys, time

TARGET = 0.98
EPOCH_TIME_FIELDS = ("seconds", "elapsedSeconds", "time")


def derive(preset, out, stopping):
    """The preset with absolute data paths; stopping: keep | none | drop."""
    c = json.load(open(preset))
    for k in ("train", "test"):
        c["data"][k] = os.path.abspath(c["data"][k])
    if stopping == "none":
        c["stopping"] = {"type": "none"}
        c["name"] = c.get("name", "sweep") + "-random"
    elif stopping == "drop":
        c.pop("stopping", None)
        c["name"] = c.get("name", "sweep") + "-random"
    json.dump(c, open(out, "w"), indent=1)


def records(run_dir):
    rs = []
    for p in glob.glob(os.path.join(run_dir, "trials", "*.json")):
        try:
            r = json.load(open(p))
        except (OSError, ValueError):
            continue  # being renamed into place, or unreadable: not a finished record
        r["_mtime"] = os.path.getmtime(p)
        rs.append(r)
    return rs


def run(conf, run_dir, master, budget, log, facts):
    """Runs `sweep run`, cuts it at the budget as the header of hyperband.sh says; writes facts JSON.

    SparkSweep submits one job per trial in index order and Spark's FIFO scheduler starts them in
    that order, so the trials running at the budget are the R lowest indices without a record."""
    t0 = time.time()
    cmd = ["submit-scripts/sweep", "run", conf, "--out", run_dir, "--master", master, "--progress-every", "1"]
    with open(log, "w") as lf:
        p = subprocess.Popen(cmd, stdout=lf, stderr=subprocess.STDOUT, start_new_session=True)
    counted = None            # trial indices that started before the budget
    ended, killed_at, running, cut = None, None, None, None
    trials = 0                # the sweep's trial count, from the progress line
    while True:
        rc = p.poll()
        now = time.time() - t0
        if rc is not None:
            ended = "finished" if rc == 0 else f"exited {rc}"
            break
        if counted is None and now >= budget:
            partial = {}
            for line in reversed(open(log, errors="replace").read().splitlines()):
                m = re.search(r"(\d+)/(\d+) done, (\d+) running", line)
                if m:
                    running = int(m.group(3))
                    trials = int(m.group(2))
                    partial = {i: int(e) for i, e in re.findall(r"([0-9a-f]{8,}) epoch (\d+)/\d+", line)}
                    break
            # What a hard cut at the budget would leave: the best weights so far, the running trials' epochs.
            model = os.path.join(run_dir, "best-model.h5")
            if os.path.exists(model):
                shutil.copyfile(model, run_dir + ".best-at-budget.h5")
            cut = {"running_epochs": partial}
            if running is None:
                running = 0  # no progress line yet: the sweep has not started a trial
            done = {r["index"] for r in records(run_dir)}
            waiting = [i for i in range(max(trials, max(done, default=-1) + 1)) if i not in done][:running]
            counted = done | set(waiting)
        if counted is not None:
            have = {r["index"] for r in records(run_dir)}
            if counted <= have or now >= 2 * budget + 120:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)  # the launcher and its JVM
                    p.wait()
                killed_at = now
                ended = "killed" if counted <= have else "killed at the hard cap (2 x budget + 120 s)"
                break
        time.sleep(0.5)
    wall = time.time() - t0
    json.dump({"t0": t0, "wall": wall, "ended": ended, "killed_at": killed_at, "budget": budget,
               "running_at_budget": running, "cut": cut, "counted": None if counted is None else sorted(counted),
               "master": master, "config": conf}, open(facts, "w"))


def epoch_times(r, t0, method):
    curve = r["curve"]
    n = len(curve["validationAccuracy"])
    for f in EPOCH_TIME_FIELDS:
        if f in curve and len(curve[f]) == n:
            method.add(f"per-epoch times from the records' curve.{f}")
            return [float(x) for x in curve[f]]
    method.add("epoch times reconstructed from record mtime and wallSeconds")
    end = r["_mtime"] - t0
    return [end - r["wallSeconds"] * (n - k) / n for k in range(1, n + 1)]


def predict(model, test_file):
    """Test accuracy of a saved model, as `sweep predict` prints it (a percentage with 2 decimals)."""
    pr = subprocess.run(["submit-scripts/sweep", "predict", "--model", model, "--data", test_file],
                        capture_output=True, text=True)
    m = re.search(r"accuracy ([0-9.]+)%", pr.stdout)
    return round(float(m.group(1)) / 100, 4) if m else None


def summarise(run_dir, facts, label, test_file, summary):
    f = json.load(open(facts))
    t0, budget = f["t0"], f["budget"]
    rs = records(run_dir)
    keep = None if f["counted"] is None or f["ended"] == "finished" else set(f["counted"])
    kill = f["killed_at"]
    # A kill at the hard cap leaves "failed" records of the trials it interrupts: lost, not counted.
    lost = sum(1 for r in rs if kill is not None and r["index"] in (keep or ()) and r["_mtime"] - t0 > kill)
    counted = [r for r in rs if keep is None or (r["index"] in keep and (kill is None or r["_mtime"] - t0 <= kill))]
    # Records of trials that started after the budget and finished before the kill (the jobs
    # the kill cancels also leave "failed" records, written after it: neither is counted).
    excluded = sum(1 for r in rs if r not in counted and (kill is None or r["_mtime"] - t0 < kill))
    config = json.load(open(f["config"]))
    max_epochs = config["training"]["epochs"]
    method = set()
    first98 = None
    for r in counted:
        for t, acc in zip(epoch_times(r, t0, method), r["curve"]["validationAccuracy"]):
            if acc >= TARGET and (first98 is None or t < first98):
                first98 = t
    statuses = {}
    for r in counted:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    full = [r for r in counted if r["status"] == "ok" and len(r["curve"]["validationAccuracy"]) == max_epochs]
    ok = [r for r in counted if r["status"] in ("ok", "stopped")]
    res_path = os.path.join(run_dir, "results.json")
    test, best, test_of = None, None, None
    if f["ended"] == "finished" and os.path.exists(res_path):
        res = json.load(open(res_path))
        first = res["ranking"][0] if res.get("ranking") else None
        first_id = first if isinstance(first, str) else (first or {}).get("id")
        best = next((r for r in counted if r["id"] == first_id), None)
        t = res.get("test") or {}
        test = t.get("accuracy")
        test_of = "results.json test (best trial of the ranking, its final weights)"
    else:
        pool = full or ok
        if pool:
            best = max(pool, key=lambda r: (r["curve"]["validationAccuracy"][-1], r["id"]))
        model = os.path.join(run_dir, "best-model.h5")
        if os.path.exists(model):
            test = predict(model, test_file)
            test_of = "sweep predict on the run's best-model.h5 (best finished trial so far, final weights)"
            try:
                import h5py
                with h5py.File(model, "r") as h:
                    sizes = [int(x) for x in h.attrs["layer_sizes"]]
                if best and sizes[1:-1] != list(best["settings"]["hidden"]):
                    test_of += f"; WARNING: best-model.h5 has layers {sizes}, the best counted trial {best['settings']['hidden']}"
            except Exception as e:  # the check is a courtesy; the figure stands without it
                test_of += f" (layer check skipped: {e})"
    # The same figures as if the run had been cut hard at the budget (killed then, what finished counts).
    by = [r for r in counted if r["_mtime"] - t0 <= budget]
    cut = f.get("cut") or {}
    partial = cut.get("running_epochs", {})
    by_best = max(by, key=lambda r: (r["curve"]["validationAccuracy"][-1], r["id"])) if by else None
    snapshot = run_dir + ".best-at-budget.h5"
    if f["ended"] == "finished" and f["wall"] <= budget:
        by_test = test
    elif by and os.path.exists(snapshot):
        by_test = predict(snapshot, test_file)
    else:
        by_test = None
    by98 = None
    for r in by:
        for t, acc in zip(epoch_times(r, t0, method), r["curve"]["validationAccuracy"]):
            if acc >= TARGET and t <= budget and (by98 is None or t < by98):
                by98 = t
    at_budget = {
        "configurations": len(by) + len(partial),
        "epochs_trained": sum(len(r["curve"]["validationAccuracy"]) for r in by) + sum(partial.values()),
        "completed": sum(1 for r in by if r["status"] == "ok" and len(r["curve"]["validationAccuracy"]) == max_epochs),
        "stopped": sum(1 for r in by if r["status"] == "stopped"),
        "best_trial": by_best["id"] if by_best else None,
        "best_val_accuracy": by_best["curve"]["validationAccuracy"][-1] if by_best else None,
        "test_accuracy": by_test,
        "seconds_to_val_98": None if by98 is None else round(by98, 1),
    }
    s = {
        "tool": label,
        "ended": f["ended"] + (f" at {f['killed_at']:.0f} s, after the {f['running_at_budget']} trial(s) running at the budget finished"
                               if f["ended"] == "killed" else ""),
        "budget_seconds": budget,
        "configurations": len(counted),
        "epochs_trained": sum(len(r["curve"]["validationAccuracy"]) for r in counted),
        "completed": len(full),
        "stopped": statuses.get("stopped", 0),
        "statuses": statuses,
        "excluded_started_after_budget": excluded,
        "lost_at_kill": lost,
        "best_trial": best["id"] if best else None,
        "best_settings": {k: best["varied"][k] for k in best["varied"]} if best else None,
        "best_val_accuracy": best["curve"]["validationAccuracy"][-1] if best else None,
        "max_val_accuracy_any_epoch": max((max(r["curve"]["validationAccuracy"]) for r in counted
                                           if r["curve"]["validationAccuracy"]), default=None),
        "test_accuracy": test,
        "test_of": test_of,
        "seconds_to_val_98": None if first98 is None else round(first98, 1),
        "time_method": "; ".join(sorted(method)),
        "wall_seconds": round(f["wall"], 1),
        "at_budget": at_budget,
    }
    text = "{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in s.items()) + "\n}"
    open(summary, "w").write(text + "\n")
    print(text)


def pct(x):
    return "–" if x is None else f"{100 * x:.2f}%"


def table(out, md, header):
    names = (("a", "(a) SparkSweep Hyperband"), ("b", "(b) SparkSweep random search, no stopping"),
             ("c", "(c) Optuna TPE + HyperbandPruner, PyTorch"))
    cols = ("| run | configurations tried | epochs trained | completed / stopped early | best val acc "
            "| test acc of best | first val acc ≥ 98.0% | wall | how it ended |")
    rows, cut_rows, notes = [], [], []
    for key, name in names:
        path = os.path.join(out, f"{key}.summary.json")
        skip = os.path.join(out, f"{key}.skipped")
        if os.path.exists(skip) or not os.path.exists(path):
            why = open(skip).read().strip() if os.path.exists(skip) else "not run"
            rows.append(f"| {name} | {why} | | | | | | | |")
            cut_rows.append(f"| {name} | {why} | | | | | |")
            continue
        s = json.load(open(path))

        def row(x, wall=None, ended=None):
            early = x.get("stopped", x.get("pruned", 0))
            t98 = "never" if x["seconds_to_val_98"] is None else f"{x['seconds_to_val_98']:.0f} s"
            tail = f" | {wall:.0f} s | {ended} |" if wall is not None else " |"
            return (f"| {name} | {x['configurations']} | {x['epochs_trained']} | {x['completed']} / {early} | "
                    f"{pct(x['best_val_accuracy'])} | {pct(x['test_accuracy'])} | {t98}{tail}")

        rows.append(row(s, s["wall_seconds"], s.get("ended") or "Optuna timeout: no trial starts after the budget"))
        cut_rows.append(row(s["at_budget"]))
        best = s.get("best_settings") or s.get("best_params")
        notes.append(f"- {name}: best {json.dumps(best)}; test accuracy: {s.get('test_of')}"
                     + (f"; {s['time_method']}" if s.get("time_method") else "")
                     + (f"; statuses {json.dumps(s['statuses'])}" if s.get("statuses") else "")
                     + (f"; {s['excluded_started_after_budget']} trial(s) that started after the budget and "
                        "finished before the kill not counted" if s.get("excluded_started_after_budget") else "")
                     + (f"; {s['lost_at_kill']} trial(s) running at the budget killed at the hard cap, not counted"
                        if s.get("lost_at_kill") else "")
                     + (f"; {s['failed']} diverged" if s.get("failed") else ""))
    text = "\n".join([
        header, "", "Each run ends as Optuna's `timeout` ends a study (no trial starts after the budget, the ones "
        "running then finish):", "", cols, "|---|---:|---:|---:|---:|---:|---:|---:|---|", *rows, "",
        "The same runs as if each had been killed at the budget (only what was measured by then; the epochs of "
        "SparkSweep trials running at the budget, from its progress line, count as trained but their trials "
        "give no accuracy; the test accuracy is that of the best weights saved by then):", "",
        cols.rsplit("| wall", 1)[0] + "|", "|---|---:|---:|---:|---:|---:|---:|", *cut_rows, "", *notes, ""])
    print(text)
    if md != "-":
        open(md, "w").write(text)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "derive":
        derive(*args)
    elif cmd == "run":
        run(args[0], args[1], args[2], float(args[3]), args[4], args[5])
    elif cmd == "summarise":
        summarise(*args)
    elif cmd == "table":
        table(*args)
PY

# Does this build accept the "stopping" section?
has_stopping=0
if submit-scripts/sweep run "$config" --dry-run > "$out/dry-run.txt" 2>&1; then
  has_stopping=1
elif grep -q "stopping is not a known field" "$out/dry-run.txt"; then
  has_stopping=0
else
  echo "bench/hyperband.sh: $config is refused:" >&2; cat "$out/dry-run.txt" >&2; exit 2
fi
"$py" "$out/hb.py" derive "$config" "$out/hyperband.json" keep
"$py" "$out/hb.py" derive "$config" "$out/random.json" "$([[ $has_stopping == 1 ]] && echo none || echo drop)"
test_file="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["test"])' "$out/random.json")"

for r in $runs; do
  case "$r" in
    a)
      if [[ $has_stopping == 1 ]]; then
        echo "(a) SparkSweep Hyperband, $master, budget ${budget}s" >&2
        "$py" "$out/hb.py" run "$out/hyperband.json" "$out/a" "$master" "$budget" "$out/a.log" "$out/a.facts.json"
        "$py" "$out/hb.py" summarise "$out/a" "$out/a.facts.json" "SparkSweep Hyperband" "$test_file" "$out/a.summary.json" >&2
      else
        echo "(a) skipped: this build has no early stopping" >&2
        echo "skipped: this build has no early stopping" > "$out/a.skipped"
      fi ;;
    b)
      echo "(b) SparkSweep random search without stopping, $master, budget ${budget}s" >&2
      "$py" "$out/hb.py" run "$out/random.json" "$out/b" "$master" "$budget" "$out/b.log" "$out/b.facts.json"
      "$py" "$out/hb.py" summarise "$out/b" "$out/b.facts.json" "SparkSweep random search" "$test_file" "$out/b.summary.json" >&2 ;;
    c)
      echo "(c) Optuna + PyTorch, $workers workers, budget ${budget}s" >&2
      "$py" bench/optuna_hyperband.py --config "$out/random.json" --budget "$budget" --workers "$workers" \
        --seed "$peer_seed" --summary "$out/c.summary.json" --events "$out/c.events.jsonl" > "$out/c.log" 2>&1 \
        || { tail -20 "$out/c.log" >&2; exit 1; }
      cat "$out/c.summary.json" >&2 ;;
    *) echo "bench/hyperband.sh: RUNS entry '$r', expected a, b or c" >&2; exit 2 ;;
  esac
done

header="## Early stopping side by side: \`bench/hyperband.sh $budget\`

$(date -u '+%Y-%m-%d %H:%M UTC'), $(getconf _NPROCESSORS_ONLN) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)),
shared with other jobs. Space: \`$config\` ($(sed -n 's/.*"trials": *\([0-9]*\).*/\1/p' "$config" | head -1) samples,
\`training.epochs\` $(sed -n 's/.*"epochs": *\([0-9]*\).*/\1/p' "$config" | head -1) as the most epochs a trial trains). SparkSweep on \`$master\`; Optuna with $workers worker processes
sharing one SQLite study, one torch thread each, TPE seeded $peer_seed. Each run gets the budget
of ${budget} s: no trial starts after it, the trials running at it finish (see bench/hyperband.sh).
Times are from the launch of each command. Outputs: \`$out\`."
"$py" "$out/hb.py" table "$out" "$results" "$header"
