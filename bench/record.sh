#!/usr/bin/env bash
# Re-runs the sweeps whose figures the README quotes and commits-ready copies their outputs to
# docs/results/<name>/ (console.txt, results.csv, results.json):
#   mnist-seed   conf/mnist-seed.json, local[*]      (~1-2 min on 2 cores)
#   mnist-wide   conf/mnist-wide.json, local[*]      (~6-8 min)
#   seed-spread-N  the seed's two lr-1e-5 trials under sweep seeds 1..4, to show how much of the
#                difference to the seed's table is the random initialisation (~2 min)
#   bench/record.sh [mnist-seed|mnist-wide|seed-spread ...]   (default: all three)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1
work="$(mktemp -d /tmp/sparksweep-record.XXXXXX)"
trap 'rm -rf "$work"' EXIT
[[ -f data/mnist_traindata.hdf5 ]] || submit-scripts/sweep data mnist --out data/ >&2

# record NAME CONFIG: runs CONFIG and copies what the README quotes to docs/results/NAME/.
record() {
  local name=$1 conf=$2 dest="docs/results/$1"
  echo "record: $name ($conf)" >&2
  local t0=$SECONDS
  submit-scripts/sweep run "$conf" --out "$work/$name" --progress-every 0 > "$work/$name.txt"
  echo "(whole command: $((SECONDS - t0)) s, measured by bench/record.sh on $(nproc) cores)" >> "$work/$name.txt"
  mkdir -p "$dest"
  cp "$work/$name.txt" "$dest/console.txt"
  cp "$work/$name/results.csv" "$work/$name/results.json" "$dest/"
}

spread() {
  local s
  for s in 1 2 3 4; do
    "$py" - "$s" "$work/spread-$s.json" "$root" <<'PY'
import json, sys
seed, out, root = int(sys.argv[1]), sys.argv[2], sys.argv[3]
c = json.load(open(root + "/conf/mnist-seed.json"))
c["name"] = f"seed-spread-{seed}"
c["seed"] = seed
c["grid"]["learningRate"] = [1e-5]
for k in ("train", "test"):   # absolute, whatever folder the sweep runs from
    c["data"][k] = root + "/" + c["data"][k]
json.dump(c, open(out, "w"), indent=2)
PY
    record "seed-spread-$s" "$work/spread-$s.json"
  done
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(mnist-seed mnist-wide seed-spread)
for t in "${targets[@]}"; do
  case "$t" in
    mnist-seed) record mnist-seed conf/mnist-seed.json ;;
    mnist-wide) record mnist-wide conf/mnist-wide.json ;;
    seed-spread) spread ;;
    *) echo "record: unknown target $t (mnist-seed, mnist-wide, seed-spread)" >&2; exit 2 ;;
  esac
done
