#!/usr/bin/env bash
# Measures sweep and sim throughput at --jobs 1 and --jobs 2, and the peak resident set of a
# 10,000-seed sweep; prints markdown table rows. Runs alternate (1, 2, 1, 2, ...) so a change in
# machine load hits both settings alike; each row carries the 1-minute load average read just
# before the run and the CPU seconds the rest of the machine used during the run (all CPUs' busy
# time from /proc/stat minus the run's own user+sys time): 0 means the run had both cores alone.
#
# SPREAD=threads|processes (default threads) picks sweep's and sim's --spread. Peak RSS is the sum
# over the JVM and its child JVMs, sampled every half second.
#
# "blocked %" does not depend on the machine's load: the share of their life the seed threads
# (segcheck-seeds-N, or the main thread at --jobs 1) spent neither running nor waiting for a CPU,
# from /proc/PID/task/TID/schedstat sampled every half second. Seeds are independent, so a seed
# thread that blocks waits for something the threads share (a lock, the JVM, the caller).
#
#   docs/evidence/parallel-measure.sh [SEEDS] [REPEATS]     (default 3000 seeds, 3 repeats)
#   docs/evidence/parallel-measure.sh memory                peak RSS of 1,000- and 10,000-seed sweeps, with
#                                                           the JVM's default heap and with -Xmx128m
#   docs/evidence/parallel-measure.sh races [SEEDS] [REPEATS]  the race search (./segcheck races, Fray, one JVM
#                                                           per job), default 400 seeds, 2 repeats; seeds/s is
#                                                           the command's scenariosPerSecond, child JVMs' start
#                                                           included; wall/user/sys include Maven's; findings
#                                                           do not stop it
#   docs/evidence/parallel-measure.sh final                 the table the docs give: 20,000 seeds, 3 repeats,
#                                                           the race search at 2,000 seeds, then the memory rows
set -euo pipefail
SPREAD="${SPREAD:-threads}"  # --spread of sweep and sim: threads or processes
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./segcheck sweep --seeds 0..1 --quiet >/dev/null 2>&1 || true  # builds the jar when stale, outside the timings
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Busy CPU time of the whole machine so far, in clock ticks (user, nice, system, irq, softirq, steal).
busy_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# sample_threads PID FILE: until PID ends, writes "tid name first-schedstat last-schedstat first-time last-time"
# for its seed threads (segcheck-seeds-N and the JVM's main thread, "java").
sample_threads() {
  local pid="$1" file="$2" now t tid name stat
  declare -A first last since until names
  while kill -0 "$pid" 2>/dev/null; do
    now=$(date +%s.%N)
    for t in /proc/"$pid"/task/*; do
      tid=${t##*/}
      name=$(cat "$t/comm" 2>/dev/null) || continue
      case "$name" in segcheck-seeds-*|java) ;; *) continue ;; esac
      stat=$(cat "$t/schedstat" 2>/dev/null) || continue
      if [ -z "${first[$tid]:-}" ]; then first[$tid]="$stat"; since[$tid]="$now"; fi
      last[$tid]="$stat"; until[$tid]="$now"; names[$tid]="$name"
    done
    sleep 0.5
  done
  for tid in "${!first[@]}"; do
    echo "$tid ${names[$tid]} ${first[$tid]} ${last[$tid]} ${since[$tid]} ${until[$tid]}"
  done > "$file"
}

# blocked_percent FILE: the seed threads' blocked share of their observed life, in percent: the
# segcheck-seeds-N threads when there are any, else the "java" thread that ran longest (--jobs 1).
blocked_percent() {
  awk '{ run = ($6 - $3) / 1e9; wait = ($7 - $4) / 1e9; life = $10 - $9;
         if ($2 ~ /^segcheck-seeds-/) { seeds++; slife += life; sblocked += life - run - wait }
         else if (run > mainrun) { mainrun = run; mlife = life; mblocked = life - run - wait } }
       END { if (seeds > 0) { life = slife; blocked = sblocked } else { life = mlife; blocked = mblocked }
             if (life <= 0) print "?"; else printf "%.0f", 100 * blocked / life }' "$1"
}

# tree_rss_peak PID FILE: until PID ends, writes the peak of the summed resident sets (KiB) of PID
# and its descendants (child JVMs at --spread processes), sampled every half second.
tree_rss_peak() {
  local pid="$1" file="$2" peak=0 sum p kib
  while kill -0 "$pid" 2>/dev/null; do
    sum=0
    for p in $pid $(pgrep -P "$pid" || true); do
      kib=$(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || true)
      sum=$((sum + ${kib:-0}))
    done
    [ "$sum" -gt "$peak" ] && peak=$sum
    sleep 0.5
  done
  echo "$peak" > "$file"
}

# run COMMAND JOBS SEEDS: one markdown row: command, jobs, load, others' CPU, seeds/s (in process),
# wall, user, system, peak RSS, blocked %.
run() {
  local command="$1" jobs="$2" seeds="$3" load before after timer java=""
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(busy_ticks)
  /usr/bin/time -o "$work/time" -f 'TIME %e %U %S %M' ./segcheck "$command" --seeds "0..$seeds" --jobs "$jobs" \
    --spread "$SPREAD" --quiet --out "${TMPDIR:-/tmp}/segcheck-parallel-measure" > "$work/out" 2>&1 &
  timer=$!
  while [ -z "$java" ] && kill -0 "$timer" 2>/dev/null; do  # the launcher execs java: time's child is the JVM
    java=$(pgrep -P "$timer" || true)
    sleep 0.1
  done
  echo 0 > "$work/rss"
  if [ -n "$java" ]; then
    tree_rss_peak "$java" "$work/rss" &
    sample_threads "$java" "$work/threads"
    wait $! || true
  else
    : > "$work/threads"
  fi
  wait "$timer" || true
  after=$(busy_ticks)
  local rate wall user system rss others blocked
  rate=$(sed -n 's/.* CLEAN: .*(\([0-9]*\) seeds\/s.*/\1/p' "$work/out" | head -n 1)
  read -r wall user system rss < <(sed -n 's/^TIME //p' "$work/time" | tail -n 1)
  others=$(awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" -v own="$user" -v sys="$system" \
    'BEGIN { o = ticks / hz - own - sys; printf "%.1f", (o < 0 ? 0 : o) }')
  # blocked % reads this JVM's seed threads; with child JVMs one of them waits on a pipe by design
  if [ "$jobs" -gt 1 ] && [ "$SPREAD" = processes ]; then
    blocked=-
  else
    blocked=$(blocked_percent "$work/threads")
  fi
  rss=$(cat "$work/rss")
  printf '| %s %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$command" "0..$seeds${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS} --spread $SPREAD" \
    "$jobs" "$load" "$others" "${rate:-?}" "$wall" "$user" "$system" "$((rss / 1024))" "$blocked"
}

# run_races JOBS SEEDS: one markdown row for the race search (blocked % does not apply: its seeds run
# in child JVMs at --jobs 2).
run_races() {
  local jobs="$1" seeds="$2" load before after
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(busy_ticks)
  # --max-findings past the seeds: a finding must not end the run early (its exit code is ignored)
  /usr/bin/time -o "$work/time" -f 'TIME %e %U %S %M' ./segcheck races --seeds "0..$((seeds - 1))" --jobs "$jobs" \
    --max-findings "$seeds" > "$work/out" 2>&1 || true
  after=$(busy_ticks)
  local rate wall user system rss others
  rate=$(sed -n 's/^RACES seeds=.* scenariosPerSecond=\([0-9.]*\).*/\1/p' "$work/out" | head -n 1)
  read -r wall user system rss < <(sed -n 's/^TIME //p' "$work/time" | tail -n 1)
  others=$(awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" -v own="$user" -v sys="$system" \
    'BEGIN { o = ticks / hz - own - sys; printf "%.1f", (o < 0 ? 0 : o) }')
  printf '| races 0..%s | %s | %s | %s | %s | %s | %s | %s | %s | - |\n' "$((seeds - 1))" "$jobs" "$load" "$others" \
    "${rate:-?}" "$wall" "$user" "$system" "$((rss / 1024))"
}

races() {
  local seeds="$1" repeats="$2" repeat jobs
  for ((repeat = 0; repeat < repeats; repeat++)); do
    for jobs in 1 2; do run_races "$jobs" "$seeds"; done
  done
}

header() {
  echo "| command | --jobs | load (1 min) | others' CPU s | seeds/s | wall s | user s | sys s | peak RSS MiB | blocked % |"
  echo '|---|---|---|---|---|---|---|---|---|---|'
}

memory() {
  for seeds in 1000 10000; do
    for jobs in 1 2; do run sweep "$jobs" "$seeds"; done
  done
  for jobs in 1 2; do JAVA_TOOL_OPTIONS=-Xmx128m run sweep "$jobs" 10000; done
}

throughput() {
  local seeds="$1" repeats="$2" command repeat jobs
  for command in sweep sim; do
    for ((repeat = 0; repeat < repeats; repeat++)); do
      for jobs in 1 2; do run "$command" "$jobs" "$seeds"; done
    done
  done
}

header
case "${1:-}" in
  memory) memory ;;
  races) races "${2:-400}" "${3:-2}" ;;
  final) throughput 20000 3; races 2000 1; memory ;;
  *) throughput "${1:-3000}" "${2:-3}" ;;
esac
