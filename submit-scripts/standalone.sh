#!/usr/bin/env bash
# Submits a sweep to a Spark standalone cluster with your Spark 4.2.0 installation's spark-submit.
# The driver runs here (client mode): it reads the config and the data files, and writes the run folder.
#
#   submit-scripts/standalone.sh spark://HOST:7077 conf/mnist-seed.json --out runs/seed
#
# Environment: SPARK_HOME (required), SPARKSWEEP_APP_JAR (default target/sparksweep-VERSION-app.jar),
# SPARKSWEEP_SUBMIT_OPTS extra spark-submit options, e.g. "--executor-memory 4g --properties-file conf/spark-defaults.conf".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: $0 spark://HOST:PORT CONFIG [--out DIR] [--force]"
[[ $# -ge 2 ]] || { echo "$usage" >&2; exit 2; }
master="$1"; shift
[[ "$master" == spark://* ]] || { echo "standalone: master '$master' must look like spark://HOST:PORT" >&2; exit 2; }
spark_submit="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.0 installation}/bin/spark-submit"
[[ -x "$spark_submit" ]] || { echo "standalone: $spark_submit not found; is SPARK_HOME a Spark installation?" >&2; exit 2; }
source "$root/submit-scripts/build-info.sh"
app_jar="${SPARKSWEEP_APP_JAR:-$root/target/$(launch_prop app.jar)}"
[[ -f "$app_jar" ]] || { echo "standalone: $app_jar not found; run 'mvn package' first" >&2; exit 2; }

cmd=("$spark_submit"
  --master "$master" --deploy-mode client
  --class io.sparksweep.cli.Main
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
  ${SPARKSWEEP_SUBMIT_OPTS:-}
  "$app_jar" run "$@")
echo "+ ${cmd[*]}" >&2
exec "${cmd[@]}"
