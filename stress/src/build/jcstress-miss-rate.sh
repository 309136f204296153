#!/usr/bin/env bash
# Measures how often each JCStress Broken sibling MISSES its defect with the verify budget: runs
# src/build/jcstress-broken.sh (the verify step: first run, then up to RETRIES runs of the siblings
# not yet seen, each alone with 4x the time) RUNS times, and counts per sibling the runs whose final
# verdict was not DETECTED, and the runs that needed a retry.
#
#   stress/src/build/jcstress-miss-rate.sh JCSTRESS_JAR RUNS WORK_DIR [RETRIES]
#
# Run it with the machine loaded (another build on every core) to measure the worst case.
set -euo pipefail
jar="$(readlink -f "$1")" runs="$2" work="$3" retries="${4:-3}"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
regex='^io\.segcheck\.stress\.jcstress\..*Broken'
mkdir -p "$work"
declare -A missed=() retried=() seen=()
for run in $(seq 1 "$runs"); do
  dir="$work/run-$run"; rm -rf "$dir"
  start=$(date +%s)
  bash "$here/jcstress-broken.sh" "$java" "$jar" "$dir" "$dir/records" "$regex" "$retries" 100 \
      -m sanity -iters 1 -sc false -strideSize 64 -strideCount 4 >"$dir.log" 2>&1 || true
  while read -r verdict test; do
    seen[$test]=1
    [ "$verdict" = DETECTED ] || missed[$test]=$(( ${missed[$test]:-0} + 1 ))
  done < <(sed -n 's/^BROKEN-CHECK \([A-Z_]*\) test=\([^ ]*\).*/\1 \2/p' "$dir/check.log")
  for test in $(sed -n 's/^jcstress-broken: not seen yet: \([^;]*\);.*/\1/p' "$dir.log" | tr '|' '\n' | sort -u); do
    retried[$test]=$(( ${retried[$test]:-0} + 1 ))
  done
  echo "run $run/$runs: $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg):" \
       "$(tail -n 1 "$dir/check.log")"
  rm -rf "$dir/report" "$dir"/jcstress-results-*.bin.gz
done
echo "| JCStress red twin | runs | needed a retry | missed after retries |"
echo "|---|---|---|---|"
for test in $(printf '%s\n' "${!seen[@]}" | sort); do
  echo "| \`$test\` | $runs | ${retried[$test]:-0} | ${missed[$test]:-0} |"
done
