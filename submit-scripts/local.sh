#!/usr/bin/env bash
# Runs a sweep in local mode through your Spark 4.2.0 installation's spark-submit (for users who have a
# Spark distribution; without one, submit-scripts/sweep runs the same sweep with Spark embedded).
#
#   submit-scripts/local.sh conf/smoke.json --out runs/smoke          # master local[*]
#   SPARKSWEEP_MASTER='local[2]' submit-scripts/local.sh conf/smoke.json
#
# Environment: SPARK_HOME (required), SPARKSWEEP_MASTER (default local[*]), SPARKSWEEP_APP_JAR,
# SPARKSWEEP_SUBMIT_OPTS extra spark-submit options (e.g. "--driver-memory 8g").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { echo "usage: $0 CONFIG [--out DIR] [--force]" >&2; exit 2; }
spark_submit="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.0 installation}/bin/spark-submit"
[[ -x "$spark_submit" ]] || { echo "local: $spark_submit not found; is SPARK_HOME a Spark installation?" >&2; exit 2; }
source "$root/submit-scripts/build-info.sh"
app_jar="${SPARKSWEEP_APP_JAR:-$root/target/$(launch_prop app.jar)}"
[[ -f "$app_jar" ]] || { echo "local: $app_jar not found; run 'mvn package' first" >&2; exit 2; }

# Local mode: tasks run in the driver JVM, which holds the data; give it the memory (default 4g).
cmd=("$spark_submit"
  --master "${SPARKSWEEP_MASTER:-local[*]}"
  --class io.sparksweep.cli.Main
  --driver-memory 4g
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
  ${SPARKSWEEP_SUBMIT_OPTS:-}
  "$app_jar" run "$@")
echo "+ ${cmd[*]}" >&2
# In local mode the tasks share the driver's environment, so the BLAS thread limit is set here too.
OPENBLAS_NUM_THREADS=1 exec "${cmd[@]}"
