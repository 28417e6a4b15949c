#!/usr/bin/env bash
# SparkSweep benchmark: everything measured in ONE run on this machine, printed side by side.
#   bench/run.sh            full: sgemm peak, seed sweep (50 epochs) local[2] + local[1] (+ local[2]
#                           on the system OpenBLAS when one is installed, + local[2] with
#                           data.sparse), NumPy and PyTorch
#                           references, MLlib peer, time to 97%, 1,000 tiny trials (~20-30 min on 2 cores)
#   bench/run.sh --quick    the same with 5 epochs, 200 tiny trials, small MLlib budget (< 5 min)
# Needs: Java 17, Maven (offline cache is enough after the README set-up), /usr/bin/python3 with
# numpy + h5py (+ torch: installed with apt-get install -y python3-torch when missing),
# data/mnist_traindata.hdf5 (fetched with `submit-scripts/sweep data mnist --out data/` when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode=full
[[ "${1:-}" == "--quick" ]] && mode=quick
py=/usr/bin/python3
if [[ "$mode" == quick ]]; then
  epochs=5; tiny=200; mllib_iter=10; mllib97_iter=100; mllib_budget=300; rounds=1
else
  epochs=50; tiny=1000; mllib_iter=50; mllib97_iter=400; mllib_budget=1500; rounds=3
fi
# ROUNDS (turns of SparkSweep, SparkSweep with data.sparse and NumPy on the seed sweep) overrides the mode's.
rounds="${ROUNDS:-$rounds}"
# MLLIB_BUDGET (seconds per MLlib run) overrides the mode's budget.
mllib_budget="${MLLIB_BUDGET:-$mllib_budget}"
export OPENBLAS_NUM_THREADS=1 SPARK_LOCAL_IP=127.0.0.1
out="$(mktemp -d /tmp/sparksweep-bench.XXXXXX)"
echo "bench/run.sh ($mode) -> $out" >&2

if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (apt-get install -y time) ..." >&2
  (apt-get update -qq && apt-get install -y -qq time) >&2
fi
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "installing PyTorch for the peer (apt-get install -y python3-torch) ..." >&2
  (apt-get update -qq && apt-get install -y -qq python3-torch) >&2
fi
[[ -f data/mnist_traindata.hdf5 ]] || submit-scripts/sweep data mnist --out data/ >&2

# Build: the MLlib peer (profile bench) first, then the default build, so that
# target/classpath.txt, which the launcher uses, stays without spark-mllib.
(mvn -q -o -Pbench -DskipTests package || mvn -q -Pbench -DskipTests package) >&2
(mvn -q -o -DskipTests package || mvn -q -DskipTests package) >&2

# Configs derived for the quick mode (same data and grid, fewer epochs / trials).
seed_conf=conf/mnist-seed.json
tiny_conf=conf/bench-1000.json
if [[ "$mode" == quick ]]; then
  seed_conf="$out/mnist-seed-$epochs.json"
  tiny_conf="$out/bench-$tiny.json"
  "$py" - "$root" "$epochs" "$seed_conf" "$tiny_conf" <<'EOF'
import json, sys
root, epochs, seed_out, tiny_out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def fix(c):
    for k in ("train", "test"):
        c["data"][k] = root + "/" + c["data"][k]
    return c
c = fix(json.load(open(root + "/conf/mnist-seed.json")))
c["training"]["epochs"] = epochs
json.dump(c, open(seed_out, "w"))
t = fix(json.load(open(root + "/conf/bench-1000.json")))
t["grid"]["hidden"] = t["grid"]["hidden"][:1]   # 4 x 10 x 5 = 200 trials
json.dump(t, open(tiny_out, "w"))
EOF
fi

# Runs the sweep under /usr/bin/time -v; leaves $out/<name>/results.json and <name>.time
sweep() {
  local name=$1 conf=$2 master=$3
  echo "  sweep $name: $conf on $master" >&2
  /usr/bin/time -v -o "$out/$name.time" submit-scripts/sweep run "$conf" --out "$out/$name" \
    --master "$master" > "$out/$name.log" 2>&1 || { tail -20 "$out/$name.log" >&2; exit 1; }
}

source "$root/submit-scripts/build-info.sh"
load_spark_flags
# The JVM command for the Java peers in bench/src (profile bench), with the launcher's Spark flags.
bench_java=(java "${spark_flags[@]}" -Xmx6g -Dlog4j2.configurationFile="$root/submit-scripts/log4j2.properties"
  -cp "target/bench-classes:target/classes:$(cat target/bench-classpath.txt)")

# MLlib runs under a time budget (seconds, per run); past it the run is killed and reported as such.
mllib() {
  local name=$1; shift
  echo "  MLlib $name: $* (budget ${mllib_budget}s)" >&2
  /usr/bin/time -v -o "$out/$name.time" timeout "$mllib_budget" "${bench_java[@]}" "$@" > "$out/$name.log" 2>&1 || {
    rc=$?; if [[ $rc == 124 ]]; then echo "mllib_timeout $mllib_budget" >> "$out/$name.log";
    else tail -20 "$out/$name.log" >&2; exit 1; fi; }
}

echo "1/6 sgemm peak of the training BLAS, one thread; one seed trial per activation against it" >&2
"${bench_java[@]}" io.sparksweep.nn.SgemmPeak 1 > "$out/sgemm.log" 2>&1 || { tail -20 "$out/sgemm.log" >&2; exit 1; }
# One seed trial per activation against the sgemm peak and its own sgemm calls, same JVM (bench TrialSpeed).
"${bench_java[@]}" io.sparksweep.nn.TrialSpeed data/mnist_traindata.hdf5 2 3 0.5 > "$out/trialspeed.log" 2>&1 \
  || { tail -20 "$out/trialspeed.log" >&2; exit 1; }
# The same sweep with data.sparse: the input layer multiplies the nonzero pixels only (results equal to rounding).
sparse_conf="$out/mnist-seed-sparse.json"
"$py" - "$root" "$seed_conf" "$sparse_conf" <<'EOF'
import json, os, sys
root, src, dst = sys.argv[1:]
c = json.load(open(src))
for k in ("train", "test"):
    if not os.path.isabs(c["data"][k]):
        c["data"][k] = root + "/" + c["data"][k]
c["data"]["sparse"] = True
json.dump(c, open(dst, "w"))
EOF
# The machine is shared: SparkSweep and its peers take turns, $rounds rounds, and the report quotes
# the medians of the per-round ratios. Round 1 also runs PyTorch; its outputs are the unsuffixed ones.
echo "2/6 seed sweep local[2], the same with data.sparse, NumPy (and PyTorch in round 1), $rounds rounds in turn" >&2
for round in $(seq 1 "$rounds"); do
  s=""
  [[ $round -gt 1 ]] && s="_$round"
  sweep "seed2$s" "$seed_conf" 'local[2]'
  sweep "seed2sparse$s" "$sparse_conf" 'local[2]'
  echo "  NumPy reference (round $round)" >&2
  /usr/bin/time -v -o "$out/numpy$s.time" "$py" bench/numpy_sweep.py --epochs "$epochs" > "$out/numpy$s.log" 2>&1
  if [[ $round == 1 ]]; then
    echo "  PyTorch reference (one torch thread per process, two processes)" >&2
    /usr/bin/time -v -o "$out/torch.time" "$py" bench/torch_sweep.py --epochs "$epochs" > "$out/torch.log" 2>&1 \
      || { tail -20 "$out/torch.log" >&2; exit 1; }
  fi
done
echo "3/6 seed sweep, local[1]; then local[2] on the system OpenBLAS (if installed)" >&2
sweep seed1 "$seed_conf" 'local[1]'
if ls /usr/lib/*/libopenblas*.so* /usr/lib/*/openblas*/libblas.so* >/dev/null 2>&1; then
  SPARKSWEEP_BLAS=system sweep seed2sys "$seed_conf" 'local[2]'
fi
echo "4/6 MLlib MultilayerPerceptronClassifier + TrainValidationSplit" >&2
mllib mllib_grid io.sparksweep.bench.MllibPeer data/mnist_traindata.hdf5 'local[2]' gd "$mllib_iter" 1e-5,1e-4,1e-3
echo "5/6 time to 97% on the same fixed validation rows: SparkSweep trainer vs MLlib l-bfgs" >&2
mllib t97 io.sparksweep.bench.TimeTo97 data/mnist_traindata.hdf5 'local[2]' 0.97 "$mllib97_iter"
echo "6/6 $tiny tiny trials" >&2;     sweep tiny "$tiny_conf" 'local[2]'

"$py" bench/report.py "$out" "$mode" "$epochs" "$tiny" "$mllib_iter" "$mllib97_iter" "$mllib_budget" "$rounds"
