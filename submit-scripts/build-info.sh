# Sourced (not run) by the launchers in submit-scripts/ and by bench/run.sh, with $root set to the checkout:
# SparkSweep's jar names and Spark's JVM module flags as the build wrote them from pom.xml (the project
# version and the property spark.jvm.flags, the one place both are written) into target/launch.properties.
# Reading a file keeps the launchers fast: no Maven call at run time.
launch_props="$root/target/launch.properties"

# launch_prop KEY: prints KEY's value from target/launch.properties; exits 2 with one line on stderr when
# the build has not written that file yet.
launch_prop() {
  [[ -f "$launch_props" ]] || {
    echo "$(basename "$0"): $launch_props not found; run 'mvn package' first" >&2
    return 2
  }
  sed -n "s/^$1=//p" "$launch_props"
}

# load_spark_flags: sets the array spark_flags to Spark's JVM module flags (pom.xml, spark.jvm.flags).
load_spark_flags() {
  local flags
  flags="$(launch_prop spark.jvm.flags)" || return
  read -ra spark_flags <<<"$flags"
}
