#!/usr/bin/env bash
# Measures sweep and sim throughput at --jobs 1 and --jobs 2, and the peak resident set of a
# 10,000-seed sweep; prints markdown table rows. Runs alternate (1, 2, 1, 2, ...) so a change in
# machine load hits both settings alike; each row carries the 1-minute load average read just
# before the run and the CPU seconds the rest of the machine used during the run (all CPUs' busy
# time from /proc/stat minus the run's own user+sys time): 0 means the run had both cores alone.
#
#   docs/evidence/parallel-measure.sh [SEEDS] [REPEATS]     (default 3000 seeds, 3 repeats)
#   docs/evidence/parallel-measure.sh memory                peak RSS of 1,000- and 10,000-seed sweeps, with
#                                                           the JVM's default heap and with -Xmx128m
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./segcheck sweep --seeds 0..1 --quiet >/dev/null 2>&1 || true  # builds the jar when stale, outside the timings

# Busy CPU time of the whole machine so far, in clock ticks (user, nice, system, irq, softirq, steal).
busy_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# run COMMAND JOBS SEEDS: one markdown row: command, jobs, load, others' CPU, seeds/s (in process),
# wall, user, system, peak RSS.
run() {
  local command="$1" jobs="$2" seeds="$3" load out before after
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(busy_ticks)
  out=$( { /usr/bin/time -f 'TIME %e %U %S %M' ./segcheck "$command" --seeds "0..$seeds" --jobs "$jobs" --quiet \
           --out "${TMPDIR:-/tmp}/segcheck-parallel-measure" 2>&1 >/dev/stdout; } 2>&1 )
  after=$(busy_ticks)
  local rate wall user system rss others
  rate=$(printf '%s\n' "$out" | sed -n 's/.* CLEAN: .*(\([0-9]*\) seeds\/s.*/\1/p' | head -n 1)
  read -r wall user system rss < <(printf '%s\n' "$out" | sed -n 's/^TIME //p' | tail -n 1)
  others=$(awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" -v own="$user" -v sys="$system" \
    'BEGIN { o = ticks / hz - own - sys; printf "%.1f", (o < 0 ? 0 : o) }')
  printf '| %s %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$command" "0..$seeds${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}" \
    "$jobs" "$load" "$others" "${rate:-?}" "$wall" "$user" "$system" "$((rss / 1024))"
}

echo "| command | --jobs | load (1 min) | others' CPU s | seeds/s | wall s | user s | sys s | peak RSS MiB |"
echo '|---|---|---|---|---|---|---|---|---|'
if [ "${1:-}" = memory ]; then
  for seeds in 1000 10000; do
    for jobs in 1 2; do run sweep "$jobs" "$seeds"; done
  done
  for jobs in 1 2; do JAVA_TOOL_OPTIONS=-Xmx128m run sweep "$jobs" 10000; done
  exit 0
fi
seeds="${1:-3000}"
repeats="${2:-3}"
for command in sweep sim; do
  for ((repeat = 0; repeat < repeats; repeat++)); do
    for jobs in 1 2; do run "$command" "$jobs" "$seeds"; done
  done
done
