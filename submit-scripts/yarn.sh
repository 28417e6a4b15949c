#!/usr/bin/env bash
# Submits a sweep to YARN with your Spark 4.2.0 installation's spark-submit (HADOOP_CONF_DIR or
# YARN_CONF_DIR must point at the cluster's configuration).
#
#   submit-scripts/yarn.sh client  conf/mnist-seed.json --out runs/seed
#   submit-scripts/yarn.sh cluster conf/mnist-seed.json --out /shared/runs/seed
#
# client:  the driver runs here; config, data files and run folder are local paths of this machine.
# cluster: the driver runs in a YARN container. The config file is shipped with --files (and named by its
#          file name); the data paths inside it and --out must be valid on the cluster's nodes (an absolute
#          path on a shared filesystem), since the driver reads and writes them there.
# Environment: SPARK_HOME (required), SPARKSWEEP_APP_JAR, SPARKSWEEP_QUEUE (YARN queue, default "default"),
# SPARKSWEEP_SUBMIT_OPTS extra spark-submit options, e.g. "--num-executors 8 --executor-memory 4g".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: $0 client|cluster CONFIG [--out DIR] [--force]"
[[ $# -ge 2 ]] || { echo "$usage" >&2; exit 2; }
mode="$1"; config="$2"; shift 2
[[ "$mode" == client || "$mode" == cluster ]] || { echo "yarn: deploy mode '$mode' must be client or cluster" >&2; exit 2; }
[[ -f "$config" ]] || { echo "yarn: $config: no such config file" >&2; exit 2; }
spark_submit="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.0 installation}/bin/spark-submit"
[[ -x "$spark_submit" ]] || { echo "yarn: $spark_submit not found; is SPARK_HOME a Spark installation?" >&2; exit 2; }
source "$root/submit-scripts/build-info.sh"
app_jar="${SPARKSWEEP_APP_JAR:-$root/target/$(launch_prop app.jar)}"
[[ -f "$app_jar" ]] || { echo "yarn: $app_jar not found; run 'mvn package' first" >&2; exit 2; }

cmd=("$spark_submit"
  --master yarn --deploy-mode "$mode" --queue "${SPARKSWEEP_QUEUE:-default}"
  --class io.sparksweep.cli.Main
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1)
if [[ "$mode" == cluster ]]; then
  # The driver container gets the config in its working directory, and the BLAS limit in its environment.
  cmd+=(--files "$config" --conf spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1)
  config="$(basename "$config")"
fi
cmd+=(${SPARKSWEEP_SUBMIT_OPTS:-} "$app_jar" run "$config" "$@")
echo "+ ${cmd[*]}" >&2
exec "${cmd[@]}"
