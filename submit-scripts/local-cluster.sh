#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, on a Spark home of Spark 4.2.0's own jars
# (target/spark-home, resolved by submit-scripts/spark-home/pom.xml from Spark's modules as its binary
# distribution ships them; no Spark download): one Master and two Workers on 127.0.0.1, for trying
# spark-submit and for the integration tests. spark-submit gets only what a user passes (--master,
# --class, --conf, the app jar): the app jar must bring every library Spark does not ship.
#
#   submit-scripts/local-cluster.sh up                    start Master + 2 Workers, wait until registered
#   submit-scripts/local-cluster.sh submit CONFIG [ARGS]  spark-submit `sweep run CONFIG ARGS` to it
#   submit-scripts/local-cluster.sh run CONFIG [ARGS]     up, submit, down (down also on failure)
#   submit-scripts/local-cluster.sh local CONFIG [ARGS]   spark-submit `sweep run CONFIG ARGS` with --master local[2]
#                                                         on the same Spark home (no cluster needed)
#   submit-scripts/local-cluster.sh status                what is running, from the PID files
#   submit-scripts/local-cluster.sh down                  stop everything `up` started, by PID
#
# Settings (environment):
#   LOCAL_CLUSTER_MASTER_PORT   master RPC port          (default 7077)
#   LOCAL_CLUSTER_UI_PORT       master web UI / JSON port (default 8080)
#   LOCAL_CLUSTER_WORKERS       number of workers         (default 2)
#   LOCAL_CLUSTER_WORKER_CORES  cores per worker          (default 1)
#   LOCAL_CLUSTER_WORKER_MEMORY memory per worker         (default 2g)
#   LOCAL_CLUSTER_DIR           PID files, logs, work dirs (default target/local-cluster)
#   LOCAL_CLUSTER_WORKER_ENV_<i> "NAME=value ..." for worker i and its executors only, e.g.
#                               LOCAL_CLUSTER_WORKER_ENV_2="OPENBLAS_CORETYPE=Sandybridge" (a mixed cluster)
#   SPARKSWEEP_DRIVER_OPTS      driver JVM options        (default -Xmx4g)
#   SPARKSWEEP_SPARK_LOG_LEVEL  level of Spark's own log lines on the console (default WARN; e.g. INFO)
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/submit-scripts/build-info.sh"
export SPARK_HOME="$root/target/spark-home"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

master_port="${LOCAL_CLUSTER_MASTER_PORT:-7077}"
ui_port="${LOCAL_CLUSTER_UI_PORT:-8080}"
workers="${LOCAL_CLUSTER_WORKERS:-2}"
worker_cores="${LOCAL_CLUSTER_WORKER_CORES:-1}"
worker_memory="${LOCAL_CLUSTER_WORKER_MEMORY:-2g}"
state="${LOCAL_CLUSTER_DIR:-$root/target/local-cluster}"
master_url="spark://127.0.0.1:$master_port"

die() { echo "local-cluster: $*" >&2; exit 2; }

# Builds when the application jar or the Spark home is missing; then sets app_jar and spark_flags (Spark's
# JVM module flags), which the build writes from pom.xml.
build_if_needed() {
  if [[ ! -f "$launch_props" || ! -f "$root/target/$(launch_prop app.jar)" || ! -f "$SPARK_HOME/jars.list" ]]; then
    echo "local-cluster: building the application jar and $SPARK_HOME (mvn package -DskipTests) ..." >&2
    (cd "$root" && mvn -q -DskipTests package) >&2
  fi
  app_jar="$root/target/$(launch_prop app.jar)"
  load_spark_flags
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Starts one Spark daemon in the background; its PID goes to $state/NAME.pid, its output to $state/NAME.log.
start_daemon() {
  local name="$1"; shift
  # spark.port.maxRetries=0: a taken port fails here instead of moving to the next port unnoticed.
  nohup java "${spark_flags[@]}" -Xmx512m -Dspark.port.maxRetries=0 -cp "$SPARK_HOME/jars/*" "$@" \
    </dev/null >"$state/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
}

# Workers the master counts as alive: from its JSON page, or from its log where curl is missing.
alive_workers() {
  if command -v curl >/dev/null; then
    curl -fsS "http://127.0.0.1:$ui_port/json/" 2>/dev/null \
      | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || echo 0
  else
    grep -c 'Registering worker' "$state/master.log" 2>/dev/null || echo 0
  fi
}

workers_registered() { [[ "$(alive_workers)" -ge "$workers" ]]; }

# wait_until DESCRIPTION COMMAND...: polls COMMAND for up to LOCAL_CLUSTER_WAIT seconds (default 180);
# fails early when a daemon has exited.
wait_until() {
  local what="$1"; shift
  local limit="${LOCAL_CLUSTER_WAIT:-180}"
  local f deadline=$((SECONDS + limit))
  until "$@"; do
    for f in "$state"/*.pid; do
      alive "$f" || { echo "local-cluster: $(basename "$f" .pid) exited; see ${f%.pid}.log" >&2; show_logs; return 1; }
    done
    (( SECONDS < deadline )) || { echo "local-cluster: timed out after $limit s waiting until $what" >&2; show_logs; return 1; }
    sleep 1
  done
}

show_logs() {
  local f
  for f in "$state"/*.log; do echo "--- last lines of $f" >&2; tail -n 5 "$f" >&2; done
}

up() {
  build_if_needed
  mkdir -p "$state"
  alive "$state/master.pid" && die "already up (master PID $(cat "$state/master.pid")); run '$0 down' first"
  for p in "$master_port" "$ui_port"; do
    port_in_use "$p" && die "port $p on 127.0.0.1 is already in use (another Spark master?);" \
      "stop it or choose free ports with LOCAL_CLUSTER_MASTER_PORT / LOCAL_CLUSTER_UI_PORT"
  done
  trap 'echo "local-cluster: start failed; stopping what was started" >&2; down' ERR
  start_daemon master org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port"
  # Workers started before the master listens back off for a minute or more between attempts.
  wait_until "the master listens on port $master_port" port_in_use "$master_port"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$state/work-$i"
    # LOCAL_CLUSTER_WORKER_ENV_<i>: "NAME=value ..." exported for worker i (and so its executors) only.
    worker_env="LOCAL_CLUSTER_WORKER_ENV_$i"
    (
      [[ -z "${!worker_env:-}" ]] || export ${!worker_env}
      start_daemon "worker-$i" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --port 0 --webui-port 0 --cores "$worker_cores" --memory "$worker_memory" \
        --work-dir "$state/work-$i" "$master_url"
    )
  done
  wait_until "$workers workers register" workers_registered
  trap - ERR
  echo "local-cluster: up at $master_url (UI http://127.0.0.1:$ui_port), $workers workers x $worker_cores core, $worker_memory"
}

down() {
  local f pid stopped=0
  for f in "$state"/worker-*.pid "$state"/master.pid; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$f"
  done
  echo "local-cluster: down ($stopped processes stopped)"
}

status() {
  local f any=1
  for f in "$state"/master.pid "$state"/worker-*.pid; do
    [[ -f "$f" ]] || continue
    any=0
    if alive "$f"; then echo "$(basename "$f" .pid): PID $(cat "$f") running"; else echo "$(basename "$f" .pid): PID $(cat "$f") NOT running"; fi
  done
  (( any == 0 )) || { echo "local-cluster: not up"; return 3; }
  echo "alive workers registered at the master: $(alive_workers)"
}

submit() {
  [[ $# -ge 1 ]] || die "usage: $0 submit CONFIG [--out DIR] [--force]"
  build_if_needed
  alive "$state/master.pid" || die "not up; run '$0 up' first (or '$0 run CONFIG')"
  local cmd=(java "${spark_flags[@]}" ${SPARKSWEEP_DRIVER_OPTS:--Xmx4g}
    -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit
    --master "$master_url" --deploy-mode client
    --class io.sparksweep.cli.Main
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1
    --conf spark.ui.enabled=false
    --conf spark.cores.max=$((workers * worker_cores))
    --conf spark.scheduler.minRegisteredResourcesRatio=1.0
    --conf spark.executor.memory=1g
    --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
    "$app_jar" run "$@")
  echo "+ ${cmd[*]}" >&2
  "${cmd[@]}"
}

# spark-submit as bin/spark-submit runs it (the launcher adds the module flags), in local mode.
submit_local() {
  [[ $# -ge 1 ]] || die "usage: $0 local CONFIG [--out DIR] [--force]"
  build_if_needed
  local cmd=(java "${spark_flags[@]}" ${SPARKSWEEP_DRIVER_OPTS:--Xmx4g}
    -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit
    --master "local[2]"
    --class io.sparksweep.cli.Main
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1
    --conf spark.ui.enabled=false
    "$app_jar" run "$@")
  echo "+ ${cmd[*]}" >&2
  "${cmd[@]}"
}

run() {
  up
  trap down EXIT
  trap "exit 130" INT TERM
  submit "$@"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  submit) shift; submit "$@" ;;
  run) shift; run "$@" ;;
  local) shift; submit_local "$@" ;;
  *) die "usage: $0 up|down|status|submit CONFIG [ARGS]|run CONFIG [ARGS]|local CONFIG [ARGS]" ;;
esac
