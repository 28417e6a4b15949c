#!/usr/bin/env bash
# Compares the Spark home that pom.xml here resolved (SPARK_HOME/jars.list, written by `mvn package`)
# with the jars/ folder of Spark's binary distribution (dist-jars.txt, from Spark's
# dev/deps/spark-deps-hadoop-3-hive-2.3). Jars are matched by artifact and classifier; Spark's own
# spark-*_2.13 jars are not in Spark's list and are shown apart.
#
#   submit-scripts/spark-home/check-jars.sh [SPARK_HOME]    (default target/spark-home)
#
# Prints the jars only one side has, and the jars both have at different versions. Exits 1 when a
# jar of the distribution is missing, or an extra one is present, that KNOWN below does not explain.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="${1:-$here/../../target/spark-home}"
list="$home/jars.list"
[[ -f "$list" ]] || { echo "check-jars: $list not found; run mvn -f $here/pom.xml package first" >&2; exit 2; }

# Differences that are understood, with the reason (artifact[:classifier] -> reason).
declare -A REASON=(
  [cloud]="hadoop-cloud profile: cloud-store connectors, not built here (spark-hadoop-cloud_2.13 4.2.0 is not on Maven Central; the AWS SDK bundle alone is ~600 MB; SparkSweep reads file: and hdfs: URIs)"
  [ganglia]="spark-ganglia-lgpl: LGPL, in Spark's dependency list but not in Apache's binary releases"
  [newer]="a dependency of Spark 4.2.0's own poms (spark-sql; vertx-web-client 4.5.26) newer than the list's commit"
)
declare -A KNOWN=(
  [aliyun-java-sdk-core]=cloud
  [aliyun-java-sdk-kms]=cloud
  [aliyun-java-sdk-ram]=cloud
  [aliyun-sdk-oss]=cloud
  [analyticsaccelerator-s3]=cloud
  [azure-data-lake-store-sdk]=cloud
  [azure-keyvault-core]=cloud
  [azure-storage]=cloud
  [bundle]=cloud
  [esdk-obs-java]=cloud
  [gcs-connector:shaded]=cloud
  [hadoop-aliyun]=cloud
  [hadoop-annotations]=cloud
  [hadoop-aws]=cloud
  [hadoop-azure]=cloud
  [hadoop-azure-datalake]=cloud
  [hadoop-cloud-storage]=cloud
  [hadoop-huaweicloud]=cloud
  [hadoop-shaded-guava]=cloud
  [ini4j]=cloud
  [jackson-dataformat-cbor]=cloud
  [java-xmlbuilder]=cloud
  [jdom2]=cloud
  [jettison]=cloud
  [jetty-util]=cloud
  [jetty-util-ajax]=cloud
  [okhttp]=cloud
  [okio]=cloud
  [opentracing-api]=cloud
  [opentracing-noop]=cloud
  [opentracing-util]=cloud
  [wildfly-openssl]=cloud
  [gmetric4j]=ganglia
  [remotetea-oncrpc]=ganglia
  [javax.annotation-api]=newer
  [vertx-uri-template]=newer
)

# artifact[:classifier] version, one a line, sorted.
expected="$(grep -v '^#' "$here/dist-jars.txt" | awk -F/ 'NF { key = $1; if ($3 != "") key = key ":" $3; print key, $2 }' | sort)"
actual="$(grep -E '^ +[^ ]+:[^ ]+:' "$list" | sed 's/^ *//; s/ .*//' \
  | awk -F: '$1 != "org.apache.spark" { if (NF == 6) print $2 ":" $4, $5; else print $2, $4 }' | sort)"
spark="$(grep -E '^ +org\.apache\.spark:' "$list" | sed 's/^ *//; s/ .*//' | awk -F: '{ print $2 "-" $4 }' | sort)"

status=0
report() { # report KIND KEY DETAIL (runs in the pipeline's subshell: the exit status comes from its output)
  local reason="${KNOWN[$2]:-}"
  if [[ -n "$reason" ]]; then printf '  %-8s %-50s %s (known: %s)\n' "$1" "$2" "$3" "$reason"
  else printf '  %-8s %-50s %s\n' "$1" "$2" "$3"; fi
}
echo "Spark modules in $home/jars: $(echo "$spark" | tr '\n' ' ')"
echo "jars of the distribution missing here / jars here the distribution does not ship:"
join -a1 -a2 -e - -o 0,1.2,2.2 <(echo "$expected") <(echo "$actual") | while read -r key want have; do
  if [[ "$have" == - ]]; then report missing "$key" "$want"
  elif [[ "$want" == - ]]; then report extra "$key" "$have"
  fi
done > "$home/jars-diff.txt" || true
grep -q . "$home/jars-diff.txt" && cat "$home/jars-diff.txt" || echo "  (none)"
# Any difference without a known reason fails the check.
grep -qv '(known:' "$home/jars-diff.txt" 2>/dev/null && status=1
echo "known:"; for r in "${!REASON[@]}"; do printf '  %-8s %s\n' "$r" "${REASON[$r]}"; done
echo "same jar, other version (distribution list -> here):"
join <(echo "$expected") <(echo "$actual") | awk '$2 != $3 { printf "  %-50s %s -> %s\n", $1, $2, $3; n++ } END { if (!n) print "  (none)" }'
echo "$(echo "$expected" | wc -l) jars in the distribution list, $(echo "$actual" | wc -l) here besides $(echo "$spark" | wc -l) Spark modules"
exit "$status"
