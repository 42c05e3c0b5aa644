#!/usr/bin/env bash
# bench/idle-cpu.sh [--attach BLOG_DATA] [--seconds S] [--settle S] [REPO]
#
# Idle cost (issue 21): the CPU the whole system uses with no traffic and no pushes. Starts
# deploy/local/run.sh on REPO (default: the bundled example blog) with a fresh data folder, waits for its
# `ready:` line, lets it settle (--settle, default 30 s: start-up work, JIT, the first page-store sweep), then
# reads utime+stime of the five processes (broker and four services) from /proc/<pid>/stat, sleeps --seconds
# (default 20) and reads them again. Prints % of one core per process and in all, and the busiest threads of
# each process (their names say who burns: kafka-producer-network-thread, vert.x-eventloop, ...).
# --attach BLOG_DATA measures a system that is already running (its pids are in BLOG_DATA/pids) and
# leaves it running.
# Output: stdout and bench/results/<UTC time>-idle-cpu/summary.txt (with the load average: a busy machine
# makes the figure meaningless; measure on a quiet one).
# Environment: GATEWAY_PORT 28180 CONTENT_PORT 28181 RENDER_PORT 28182 FEED_PORT 28183 KAFKA_PORT 28192
# KAFKA_CONTROLLER_PORT 28193 (run.sh's variables; other defaults than run.sh's so that a dev system can run).
set -euo pipefail

BENCH=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
ROOT=$(dirname "$BENCH")
SECONDS_MEASURED=20
SETTLE=30
ATTACH=""
REPO=""
while [ $# -gt 0 ]; do
    case $1 in
        --attach) ATTACH=$2; shift 2 ;;
        --seconds) SECONDS_MEASURED=$2; shift 2 ;;
        --settle) SETTLE=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) REPO=$1; shift ;;
    esac
done

PROCS=(kafka content-service render-service feed-service gateway)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH/results/$STAMP-idle-cpu
mkdir -p "$OUT"
RUN_PID=""

stop_system() {
    if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then
        kill -TERM "$RUN_PID" 2>/dev/null || true
        wait "$RUN_PID" 2>/dev/null || true
    fi
}
trap stop_system EXIT

if [ -n "$ATTACH" ]; then
    DATA=$ATTACH
else
    DATA=${BENCH_WORK:-/tmp/gitblog-bench}/idle-$STAMP
    mkdir -p "$DATA"
    export GATEWAY_PORT=${GATEWAY_PORT:-28180} CONTENT_PORT=${CONTENT_PORT:-28181} RENDER_PORT=${RENDER_PORT:-28182}
    export FEED_PORT=${FEED_PORT:-28183} KAFKA_PORT=${KAFKA_PORT:-28192}
    export KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-28193} BLOG_DATA=$DATA
    "$ROOT/deploy/local/run.sh" ${REPO:+"$REPO"} > "$OUT/run.log" 2>&1 &
    RUN_PID=$!
    deadline=$((SECONDS + 600))
    until grep -q '^ready: ' "$OUT/run.log" 2>/dev/null; do
        kill -0 "$RUN_PID" 2>/dev/null || { echo "run.sh exited (see $OUT/run.log)" >&2; exit 1; }
        [ $SECONDS -lt $deadline ] || { echo "not ready in 600 s (see $OUT/run.log)" >&2; exit 1; }
        sleep 1
    done
    echo "ready; settling for $SETTLE s"
    sleep "$SETTLE"
fi

pid_of() { cat "$DATA/pids/$1.pid"; }
# utime+stime in clock ticks of a process or thread: fields 14 and 15 of stat, counted after the ")" that
# ends the command name (which may hold spaces)
ticks() { sed 's/^.*) //' "$1" | awk '{print $12 + $13}'; }

declare -A BEFORE
for p in "${PROCS[@]}"; do
    pid=$(pid_of "$p")
    BEFORE[$p]=$(ticks "/proc/$pid/stat")
    for t in /proc/"$pid"/task/*; do
        echo "$p $(basename "$t") $(ticks "$t/stat") $(tr ' ' '_' < "$t/comm")"
    done
done > "$OUT/threads-before.txt"
sleep "$SECONDS_MEASURED"
HZ=$(getconf CLK_TCK)
{
    echo "idle CPU over $SECONDS_MEASURED s, % of one core (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    total=0
    for p in "${PROCS[@]}"; do
        pid=$(pid_of "$p")
        delta=$(( $(ticks "/proc/$pid/stat") - ${BEFORE[$p]} ))
        total=$((total + delta))
        awk -v n="$p" -v d="$delta" -v hz="$HZ" -v s="$SECONDS_MEASURED" \
            'BEGIN { printf "%-16s %6.2f %%\n", n, 100 * d / hz / s }'
    done
    awk -v d="$total" -v hz="$HZ" -v s="$SECONDS_MEASURED" 'BEGIN { printf "%-16s %6.2f %%\n", "all", 100 * d / hz / s }'
    echo "busiest threads (ticks of 1/$HZ s in $SECONDS_MEASURED s):"
    while read -r p tid before name; do
        pid=$(pid_of "$p")
        [ -r "/proc/$pid/task/$tid/stat" ] || continue
        echo "$(( $(ticks "/proc/$pid/task/$tid/stat") - before )) $p $name"
    done < "$OUT/threads-before.txt" | sort -rn | awk '$1 > 0' | head -25
} | tee "$OUT/summary.txt"
