#!/usr/bin/env bash
# Runs the JCStress Broken siblings and decides whether every one was SEEN to fail, with a proven
# budget: a sibling not seen in the first run (its forbidden outcome is rare: 0.1-0.6% of samples,
# and a loaded machine gets fewer samples in the same time) is run again, alone, with four times
# the time, up to RETRIES more times. Every run's results are merged, so a sibling is DETECTED
# when any run saw its forbidden outcome. Exit 0 when all were detected, 1 otherwise.
#
#   jcstress-broken.sh JAVA JCSTRESS_JAR WORK_DIR RECORDS_DIR REGEX RETRIES TIME_MS [jcstress args...]
#
# The JVM flags of the host (--enable-native-access) are copied by jcstress into its forks.
set -euo pipefail
java="$1" jar="$2" work="$3" records="$4" regex="$5" retries="$6" time_ms="$7"; shift 7
mkdir -p "$work"
cd "$work"
rm -f jcstress-results-*.bin.gz
run() { # REGEX TIME_MS [jcstress args...]; a run that fails (forbidden outcome seen) is the expected result
  local tests="$1" millis="$2"; shift 2
  "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" -t "$tests" -time "$millis" "$@" -r "$work/report" || true
}
check() {
  "$java" -cp "$jar" io.segcheck.stress.check.BrokenSiblingCheck "$work" "$jar" "$regex" "$records" | tee "$work/check.log"
}
run "$regex" "$time_ms" "${@}" >"$work/jcstress-1.log" 2>&1
attempt=1
until check; do
  missed="$(sed -n 's/^BROKEN-CHECK \(MISSED\|NOT_RUN\) test=\([^ ]*\).*/\2/p' "$work/check.log" | paste -sd'|' -)"
  if [ "$attempt" -gt "$retries" ] || [ -z "$missed" ]; then
    echo "jcstress-broken: giving up after $attempt runs"; exit 1
  fi
  time_ms=$(( time_ms * 4 ))
  attempt=$(( attempt + 1 ))
  echo "jcstress-broken: not seen yet: $missed; run $attempt of at most $(( retries + 1 )), alone, -time $time_ms"
  run "\\.($missed)\$" "$time_ms" "${@}" >"$work/jcstress-$attempt.log" 2>&1
done
