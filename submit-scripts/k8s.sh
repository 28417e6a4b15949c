#!/usr/bin/env bash
# Submits a sweep to Kubernetes (cluster deploy mode: driver and executors are pods) with your Spark
# 4.2.0 installation's spark-submit.
#
#   submit-scripts/k8s.sh k8s://https://API-SERVER:6443 registry.example.com/sparksweep:0.1.0 \
#       /data/conf/mnist-seed.json --out /data/runs/seed
#
# The image: a Spark 4.2.0 image (e.g. apache/spark:4.2.0) with the application jar (which bundles
# native OpenBLAS) at /opt/sparksweep/sparksweep-app.jar (docs/cluster.md has a Dockerfile). The config,
# the data files it names and --out are paths inside the driver pod: mount a volume there, e.g.
#   SPARKSWEEP_SUBMIT_OPTS="--conf spark.kubernetes.driver.volumes.persistentVolumeClaim.data.mount.path=/data
#                           --conf spark.kubernetes.driver.volumes.persistentVolumeClaim.data.options.claimName=sweeps"
# Environment: SPARK_HOME (required), SPARKSWEEP_K8S_NAMESPACE (default "default"),
# SPARKSWEEP_K8S_SERVICE_ACCOUNT (default "spark"), SPARKSWEEP_IMAGE_JAR (default
# local:///opt/sparksweep/sparksweep-app.jar), SPARKSWEEP_SUBMIT_OPTS extra spark-submit options.
set -euo pipefail
usage="usage: $0 k8s://https://HOST:PORT IMAGE CONFIG [--out DIR] [--force]"
[[ $# -ge 3 ]] || { echo "$usage" >&2; exit 2; }
master="$1"; image="$2"; shift 2
[[ "$master" == k8s://* ]] || { echo "k8s: master '$master' must look like k8s://https://HOST:PORT" >&2; exit 2; }
spark_submit="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.0 installation}/bin/spark-submit"
[[ -x "$spark_submit" ]] || { echo "k8s: $spark_submit not found; is SPARK_HOME a Spark installation?" >&2; exit 2; }

cmd=("$spark_submit"
  --master "$master" --deploy-mode cluster
  --name sparksweep
  --class io.sparksweep.cli.Main
  --conf spark.kubernetes.container.image="$image"
  --conf spark.kubernetes.namespace="${SPARKSWEEP_K8S_NAMESPACE:-default}"
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SPARKSWEEP_K8S_SERVICE_ACCOUNT:-spark}"
  --conf spark.kubernetes.driverEnv.OPENBLAS_NUM_THREADS=1
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
  ${SPARKSWEEP_SUBMIT_OPTS:-}
  "${SPARKSWEEP_IMAGE_JAR:-local:///opt/sparksweep/sparksweep-app.jar}" run "$@")
echo "+ ${cmd[*]}" >&2
exec "${cmd[@]}"
