#!/usr/bin/env bash
# bench/run.sh SCENARIO [--posts N] [--seed S] [--runs R]
#
# The benchmark harness of issue 8. Scenarios (each prints one summary line and writes its raw data
# under bench/results/<UTC timestamp>-<scenario>-<posts>/):
#   corpus        generate the corpus (Canopy repository + Hugo site) for --posts, if missing
#   hugo          `hugo --enableGitInfo` on the Hugo copy of the corpus, --runs times
#   cold-publish  hugo (as above), then deploy/local/run.sh on a fresh copy of the corpus with a fresh
#                 broker and data folder: ms from start until /api/site serves the head revision and a
#                 sample of pages, listings and /atom are served
#   republish     start the system, then 20 signed-webhook pushes of one edited article (push -> new
#                 text served) and 20 new posts (push -> in its listing, /atom, own page)
#   serving       start the system, export the site (GET /api/export), serve the export with nginx,
#                 then wrk -t2 -c64 and -c256 (after a warm-up) on an article, a tag listing, the
#                 section listing and /atom, gateway and nginx alternately
#   publish-running  hugo, then the system on the corpus with `main` at its first commit; once that is
#                 served, `main` moves to the head (the whole history in one push) and one signed webhook
#                 announces it: ms from the webhook until the head is served, against hugo's wall time,
#                 the services' CPU for the push and in the 5 s after it (then memory)
#   second-push   publish-running, then on the same processes a second history of the same size (the corpus
#                 of --seed + 1) replaces the first: `main` to its first commit, then its head in one push;
#                 ms and CPU of the two whole-history pushes side by side, what the JVMs' first large push
#                 costs over one they have run before (then memory, and again 165 s later, once the
#                 gateway's grace period for the replaced site's files is over)
#   replica       with the system serving the head, a second gateway process on the same topics:
#                 ms from its launch until it serves the head revision, and its RSS and CPU then (with
#                 its compiler threads' share)
#   running       publish-running, then on that system: memory, replica, serving, memory
#   scale         the figures of BENCHMARKS.md in one run: cold-publish, republish (the first push after
#                 start included), replica, memory; then a fresh system for publish-running, serving, memory
#   memory        start the system, RSS of every process after ingest, a serving load, RSS again
#   render        bench/render-bench/RenderBench.java: render-service path vs bare commonmark-java
#   system        hugo, cold-publish, memory after ingest, republish, serving, memory after serving,
#                 in one start of the system
#   all           system, then render (with the system stopped)
#
# Environment (all optional):
#   BENCH_WORK   corpora, system data, exports (default /tmp/gitblog-bench; needs ~1 GB for 5,000 posts)
#   GATEWAY_PORT 28080  CONTENT_PORT 28081  RENDER_PORT 28082  FEED_PORT 28083
#   KAFKA_PORT 28092  KAFKA_CONTROLLER_PORT 28093  NGINX_PORT 28090; management ports 28094-28097
#   (a replica's: 28098)
#   BENCH_DURATION   seconds of each measured wrk run (default 15); BENCH_WARMUP (default 5)
#   BENCH_ROUNDS     serving: measured gateway/nginx pairs per page and connection count, alternating; the
#                    summary gives the median of each side (default 3)
#   BENCH_PUSHES     republish pushes (default 20), BENCH_NEW_POSTS (default 20)
#   READY_TIMEOUT    seconds run.sh may take to serve the site (default 1800)
#   BENCH_SYSTEM_ROOT  the checkout whose packaged services and deploy/local/run.sh are measured (default:
#                this repository; a clean clone of one commit, built with
#                `./mvnw -o -q -DskipTests package`, keeps the numbers tied to that commit)
#   JFR=1            start every JVM of the system with a JFR recording (-XX:StartFlightRecording, one
#                    file each under the results folder, written at exit; `jcmd PID JFR.dump name=1
#                    filename=F` takes one earlier); then bench/jfr-top.py FILE
#   RENDER_JAVA_OPTS JVM options of the render scenario (-XX:TieredStopAtLevel=1: the engine with the quick
#                    compiler only, as render-service runs)
#   NMT=1            start the four services with native memory tracking (summary); each memory figure
#                    then also writes `jcmd PID VM.native_memory summary` of every service to
#                    nmt-<label>-<service>.txt in the results folder: heap, metaspace, code, threads, GC
#   GC=1             start the four services with a GC log (-Xlog:gc, gc/gc-PID.log in the results folder);
#                    publish-running then also sums each service's collector pauses during the push
#   THREADS=1        publish-running then also gives each service's push CPU by thread (their names with
#                    digits folded: the collectors, the compilers, Kafka's clients, the event loops)
#   SERVICE_HEAP, KAFKA_HEAP and deploy/local/run.sh's other variables pass through (SERVICE_HEAP=512m)
# Needs: python3, git, curl, java 17, and for some scenarios hugo, nginx, wrk
#   (apt-get install -y hugo nginx wrk). The services must be packaged already
#   (./mvnw -DskipTests package): this script does not build them.
# Stops everything it started (system via SIGTERM to run.sh, a replica, nginx) on exit, Ctrl-C or SIGTERM.
set -euo pipefail

BENCH=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
ROOT=${BENCH_SYSTEM_ROOT:-$(dirname "$BENCH")}
SCENARIO=${1:-}
shift || true
POSTS=1000
SEED=1
RUNS=3
while [ $# -gt 0 ]; do
    case $1 in
        --posts) POSTS=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
case $SCENARIO in
    corpus|hugo|cold-publish|publish-running|second-push|running|replica|scale|republish|serving|memory|render|system|all) ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 2 ;;
esac

WORK=${BENCH_WORK:-/tmp/gitblog-bench}
export GATEWAY_PORT=${GATEWAY_PORT:-28080} CONTENT_PORT=${CONTENT_PORT:-28081} RENDER_PORT=${RENDER_PORT:-28082}
export FEED_PORT=${FEED_PORT:-28083} KAFKA_PORT=${KAFKA_PORT:-28092} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-28093}
export GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-28094} CONTENT_MANAGEMENT_PORT=${CONTENT_MANAGEMENT_PORT:-28095}
export RENDER_MANAGEMENT_PORT=${RENDER_MANAGEMENT_PORT:-28096} FEED_MANAGEMENT_PORT=${FEED_MANAGEMENT_PORT:-28097}
NGINX_PORT=${NGINX_PORT:-28090}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-5}
BASE=http://localhost:$GATEWAY_PORT
NGINX_BASE=http://localhost:$NGINX_PORT
CORPUS=$WORK/corpus-$POSTS-s$SEED
HUGO_SITE=$WORK/hugo-$POSTS-s$SEED
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${BENCH_OUT:-$BENCH/results/$STAMP-$SCENARIO-$POSTS}
mkdir -p "$WORK" "$OUT"
SUMMARY=$OUT/summary.txt
SYS_PID=""
NGINX_PID=""
REPLICA_PID=""

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/run.sh: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load() { cut -d' ' -f1-3 /proc/loadavg; }
summary() { # one line for the reader, also kept in summary.txt
    local line="$* (load $(load), $(nproc) cpus)"
    printf '%s\n' "$line"
    printf '%s\n' "$line" >> "$SUMMARY"
}
need() { for c in "$@"; do command -v "$c" >/dev/null || die "$c not found (apt-get install -y hugo nginx wrk)"; done; }

cleanup() {
    stop_replica
    stop_nginx
    stop_system
}
trap 'cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

{
    echo "scenario: $SCENARIO  posts: $POSTS  seed: $SEED  runs: $RUNS  started: $STAMP"
    echo "host: $(uname -srm), $(nproc) cpus, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "java: $(java -version 2>&1 | head -1)"
    command -v hugo >/dev/null && echo "hugo: $(hugo version | cut -d' ' -f2)"
    command -v nginx >/dev/null && echo "nginx: $(nginx -v 2>&1 | cut -d/ -f2)"
    command -v wrk >/dev/null && echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f2)"
    echo "system: $ROOT at commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "load at start: $(load)"
} > "$OUT/machine.txt"

# --- the corpus -----------------------------------------------------------------------------

ensure_corpus() {
    # a corpus without the mark was written before generate.py repacked it (see generate.py): write it again
    if [ ! -f "$CORPUS/.git/bench-corpus-packed" ] || [ ! -f "$HUGO_SITE/.git/bench-corpus-packed" ]; then
        rm -rf "$CORPUS" "$HUGO_SITE"
        say "generating $POSTS posts (seed $SEED) into $CORPUS and $HUGO_SITE"
        python3 "$BENCH/generate.py" "$CORPUS" --posts "$POSTS" --seed "$SEED" --hugo "$HUGO_SITE" >&2
    fi
}

# --- hugo -----------------------------------------------------------------------------------

run_hugo() { # wall and CPU time (user+sys) of `hugo --enableGitInfo`, --runs times from an empty output
    need hugo
    local i
    : > "$OUT/hugo-times.csv"
    for i in $(seq 1 "$RUNS"); do
        rm -rf "$WORK/hugo-public-$POSTS" "$HUGO_SITE/resources"
        python3 "$BENCH/probe.py" timed --out "$OUT/hugo-times.csv" -- \
            hugo --enableGitInfo --quiet -s "$HUGO_SITE" -d "$WORK/hugo-public-$POSTS" > "$OUT/hugo-$i.log" 2>&1 \
            || die "hugo failed (see $OUT/hugo-$i.log)"
    done
    echo "run,wall_ms,cpu_ms" > "$OUT/hugo.csv"
    awk -v l="$(load)" '{print NR "," $0 "," l}' "$OUT/hugo-times.csv" >> "$OUT/hugo.csv"
    HUGO_MS=$(cut -d, -f1 "$OUT/hugo-times.csv" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    HUGO_CPU_MS=$(cut -d, -f2 "$OUT/hugo-times.csv" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    HUGO_PAGES=$(find "$WORK/hugo-public-$POSTS" -type f | wc -l)
    summary "hugo: $POSTS posts, median wall ${HUGO_MS} ms, median CPU ${HUGO_CPU_MS} ms over $RUNS runs (wall,cpu: $(tr '\n' ' ' < "$OUT/hugo-times.csv")), $HUGO_PAGES files written"
}

# --- the system -----------------------------------------------------------------------------

ensure_kafka_lib() {
    export KAFKA_LIB=$WORK/kafka-lib
    if [ ! -f "$KAFKA_LIB/.complete" ]; then
        mkdir -p "$KAFKA_LIB"
        (cd "$ROOT" && { ./mvnw -o -q -B -f deploy/local/kafka/pom.xml dependency:copy-dependencies \
            -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime \
            || ./mvnw -q -B -f deploy/local/kafka/pom.xml dependency:copy-dependencies \
            -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime; }) >&2 || die "could not resolve the Kafka broker"
        touch "$KAFKA_LIB/.complete"
    fi
}

start_system() { # sets LIVE (the repository the system reads), T_START; waits for run.sh's ready line
    local s
    for s in content-service render-service feed-service gateway; do
        [ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] \
            || die "$s is not packaged ($s/target/quarkus-app/quarkus-run.jar): build it first"
        [ "$(unzip -Z1 "$ROOT/$s/target/quarkus-app/app/$s-"*.jar 2>/dev/null | grep -c '\.class$')" -gt 0 ] \
            || die "$s/target/quarkus-app/app has no classes (an empty package): build it again"
    done
    ensure_kafka_lib
    LIVE=$WORK/live-$POSTS
    export BLOG_DATA=$WORK/data-$POSTS
    # another benchmark's system on this data folder: removing it would leave that run unable to stop its processes
    local f
    for f in "$BLOG_DATA"/pids/*.pid; do
        if [ -e "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
            die "a system is running on $BLOG_DATA ($(basename "$f" .pid), pid $(cat "$f")): another benchmark? BENCH_WORK moves it"
        fi
    done
    rm -rf "$LIVE" "$BLOG_DATA"
    git clone -q --no-hardlinks "$CORPUS" "$LIVE"
    git -C "$LIVE" config commit.gpgsign false
    HEAD_REV=$(git -C "$LIVE" rev-parse HEAD)
    if [ "${START_AT_FIRST:-0}" = 1 ]; then # publish-running: the system starts on the first commit
        FIRST_REV=$(git -C "$LIVE" rev-list --max-parents=0 HEAD | tail -1)
        git -C "$LIVE" update-ref refs/heads/main "$FIRST_REV"
    fi
    mkdir -p "$BLOG_DATA"
    export BLOG_HOOK_SECRET=${BLOG_HOOK_SECRET:-bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}
    export RUN_QUIET=1 READY_TIMEOUT=${READY_TIMEOUT:-1800}
    if [ "${JFR:-0}" = 1 ]; then
        # JAVA_TOOL_OPTIONS reaches every JVM run.sh starts (the broker too); one recording per process
        export JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$OUT/jfr/,settings=profile,dumponexit=true -XX:FlightRecorderOptions=stackdepth=128"
        mkdir -p "$OUT/jfr"
    fi
    if [ "${NMT:-0}" = 1 ]; then
        export SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
    fi
    if [ "${GC:-0}" = 1 ]; then
        mkdir -p "$OUT/gc"
        export SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc/gc-%p.log"
    fi
    say "starting the system on $LIVE (ports $GATEWAY_PORT..., data $BLOG_DATA)"
    T_START=$(now_ms)
    "$ROOT/deploy/local/run.sh" "$LIVE#main" > "$OUT/run.log" 2>&1 &
    SYS_PID=$!
    unset JAVA_TOOL_OPTIONS
    until grep -q '^ready: ' "$OUT/run.log" 2>/dev/null; do
        kill -0 "$SYS_PID" 2>/dev/null || { tail -5 "$OUT/run.log" >&2; SYS_PID=""; die "run.sh exited (see $OUT/run.log)"; }
        sleep 0.2
    done
    T_READY=$(now_ms)
}

stop_system() {
    [ -n "$SYS_PID" ] || return 0
    if kill -0 "$SYS_PID" 2>/dev/null; then
        say "stopping the system (SIGTERM to run.sh $SYS_PID)"
        kill -TERM "$SYS_PID" 2>/dev/null || true
    fi
    wait "$SYS_PID" 2>/dev/null || true
    SYS_PID=""
    if [ -n "${BLOG_DATA:-}" ] && [ -d "$BLOG_DATA/logs" ]; then
        mkdir -p "$OUT/logs" && cp "$BLOG_DATA"/logs/*.log "$OUT/logs/" 2>/dev/null || true
    fi
}

wait_full() { # the site serves the head revision: ms since start
    python3 "$BENCH/probe.py" wait-full --base "$BASE" --repo "$LIVE" --since-ms "$T_START" \
        --timeout "$READY_TIMEOUT" --out "$OUT/cold-publish.json" > /dev/null || die "the site never served the head (see $OUT/cold-publish.json)"
    FULL_MS=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["all_sampled_ms"]))' "$OUT/cold-publish.json")
}

cold_publish() {
    run_hugo
    start_system
    wait_full
    python3 "$BENCH/probe.py" rss --pids "$BLOG_DATA/pids" --label at-head > "$OUT/cold-publish-processes.txt"
    local ready=$(( T_READY - T_START )) cpu
    cpu=$(awk '{s += $5} END {printf "%d", s * 1000}' "$OUT/cold-publish-processes.txt")
    echo "posts,hugo_wall_ms,hugo_cpu_ms,system_ready_line_ms,system_full_ms,system_cpu_ms_at_full" > "$OUT/cold-publish.csv"
    echo "$POSTS,$HUGO_MS,$HUGO_CPU_MS,$ready,$FULL_MS,$cpu" >> "$OUT/cold-publish.csv"
    summary "cold-publish: $POSTS posts, system ${FULL_MS} ms wall to head served (ready line at ${ready} ms), ${cpu} ms CPU (5 JVMs incl. broker and start-up) vs hugo ${HUGO_MS} ms wall, ${HUGO_CPU_MS} ms CPU: wall $(awk -v a="$FULL_MS" -v b="$HUGO_MS" 'BEGIN {printf "%.2f", a/b}')x, CPU $(awk -v a="$cpu" -v b="$HUGO_CPU_MS" 'BEGIN {printf "%.2f", a/b}')x (target <= 1.5x)"
}

memory_now() { # label
    python3 "$BENCH/probe.py" rss --pids "$BLOG_DATA/pids" --label "$1" | tee -a "$OUT/rss.txt" >&2
    if [ -n "$NGINX_PID" ]; then
        local p
        for p in $NGINX_PID $(pgrep -P "$NGINX_PID" || true); do
            echo "$1 nginx $p $(awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null)" | tee -a "$OUT/rss.txt" >&2
        done
    fi
    if [ "${NMT:-0}" = 1 ]; then
        local f
        for f in "$BLOG_DATA"/pids/*.pid; do
            case "$f" in *kafka*) continue ;; esac
            jcmd "$(cat "$f")" VM.native_memory summary > "$OUT/nmt-$1-$(basename "$f" .pid).txt" 2>&1 || true
        done
    fi
    summary "memory ($1): $(awk -v l="$1" '$1 == l {printf "%s %d MB, ", $2, $4/1024}' "$OUT/rss.txt" | sed 's/, $//') (target: each service <= 256 MB)"
}

republish() { # a failed or interrupted probe does not end the other scenarios of the run
    local rc=0
    python3 "$BENCH/probe.py" republish --base "$BASE" --repo "$LIVE" --secret "$BLOG_HOOK_SECRET" \
        --pushes "${BENCH_PUSHES:-20}" --new "${BENCH_NEW_POSTS:-20}" --out "$OUT/republish" \
        > "$OUT/republish.out" 2> "$OUT/republish.log" || rc=$?
    while read -r line; do summary "$line, $POSTS posts (target p99 <= 500 ms, the first push after start included)"; done < "$OUT/republish.out"
    [ "$rc" = 0 ] || say "republish: probe.py exited with $rc (timeouts or an error; see $OUT/republish.log)"
}

service_cpu_ms() { # "name=ms name=ms ..." user+system CPU of each process run.sh started
    local f
    for f in "$BLOG_DATA"/pids/*.pid; do
        printf '%s=%s ' "$(basename "$f" .pid)" "$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$(cat "$f")/stat" 2>/dev/null || echo 0)"
    done
}

side_by_side() { # $1, $2: "name=value ..." lists taken before and after -> one "name=before name=after" per line
    paste -d' ' <(echo "$1" | tr ' ' '\n') <(echo "$2" | tr ' ' '\n')
}

cpu_spent() { # $1, $2: service_cpu_ms before and after -> "name=ms ..." spent in between
    side_by_side "$1" "$2" | awk 'NF == 2 {split($1, a, "="); split($2, b, "="); printf "%s=%d ", a[1], b[2] - a[2]}'
}

thread_cpu_ms() { # "service<TAB>thread name<TAB>ms" per thread of every process run.sh started, and its total
    local f
    for f in "$BLOG_DATA"/pids/*.pid; do
        process_thread_cpu_ms "$(basename "$f" .pid)" "$(cat "$f")"
    done
}

process_thread_cpu_ms() { # $1 label, $2 pid -> "label<TAB>thread name<TAB>ms" per thread, and "label<TAB>process<TAB>ms"
    # /proc/PID/task/TID/stat: "tid (name) state ...": the name may hold spaces and parentheses, so the
    # fields are counted after its last ")", where utime and stime are the 12th and 13th. A thread that ends
    # after the glob cannot be opened: awk reads the others and says so in its status, which is not a failure.
    awk -v service="$1" -v hz="$(getconf CLK_TCK)" '{
        close_at = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") {close_at = i; break}
        name = substr($0, index($0, "(") + 1, close_at - index($0, "(") - 1); sub(/[0-9]+$/, "#", name)
        if (FILENAME ~ /task/) name = "thread " name; else name = "process"
        split(substr($0, close_at + 2), f, " ")
        printf "%s\t%s\t%d\n", service, name, (f[12] + f[13]) * 1000 / hz
    }' /proc/"$2"/stat /proc/"$2"/task/*/stat 2>/dev/null || true
}

threads_during() { # $1, $2: files of thread_cpu_ms before and after -> each service's largest thread groups
    # what the process spent beyond its live threads' sum is "exited": threads that ended in between (the JVM
    # stops compiler threads it no longer needs, so that share is mostly theirs)
    awk -F'\t' 'FNR == NR {b[$1 FS $2] += $3; next} {a[$1 FS $2] += $3}
        END {for (k in a) {split(k, p, FS); d = a[k] - (k in b ? b[k] : 0)
                 if (p[2] == "process") total[p[1]] = d; else if (d > 0) {sum[p[1]] += d; if (d >= 50) print k FS d}}
             for (s in total) if (total[s] - sum[s] >= 50) print s FS "thread (exited)" FS total[s] - sum[s]}' "$1" "$2" |
        sed 's/\tthread /\t/' | sort -t$'\t' -k1,1 -k3,3nr |
        awk -F'\t' '$1 != last {if (last != "") printf "; "; printf "%s:", $1; last = $1; n = 0}
            n++ < 8 {printf " %s %d", $2, $3} END {print ""}'
}

gc_pauses() { # "name=young,young_ms,full,full_ms ..." collector pauses so far in each service's GC log (GC=1)
    local f pid
    for f in "$BLOG_DATA"/pids/*.pid; do
        pid=$(cat "$f")
        [ -f "$OUT/gc/gc-$pid.log" ] || continue
        printf '%s=%s ' "$(basename "$f" .pid)" "$(awk '/Pause Young/ {y++; ym += $NF + 0} /Pause Full/ {f++; fm += $NF + 0}
            END {printf "%d,%d,%d,%d", y, ym, f, fm}' "$OUT/gc/gc-$pid.log")"
    done
}

gc_during() { # $1, $2: gc_pauses before and after -> "name: N young M ms, N full M ms; ..."
    side_by_side "$1" "$2" | awk 'NF == 2 {
        split($1, a, "="); split($2, b, "="); split(a[2], x, ","); split(b[2], y, ",")
        printf "%s %d young %d ms, %d full %d ms; ", a[1], y[1] - x[1], y[2] - x[2], y[3] - x[3], y[4] - x[4]
        total += y[2] - x[2] + y[4] - x[4] } END {printf "in all %d ms", total}'
}

publish_running() { # the whole history in one push on a running system, against hugo
    run_hugo
    START_AT_FIRST=1 start_system
    local t0
    wait_revision "$FIRST_REV"
    local cpu_before gc_before=""
    cpu_before=$(service_cpu_ms)
    [ "${GC:-0}" != 1 ] || gc_before=$(gc_pauses)
    [ "${THREADS:-0}" != 1 ] || thread_cpu_ms > "$OUT/threads-before.tsv"
    git -C "$LIVE" update-ref refs/heads/main "$HEAD_REV"
    t0=$(python3 "$BENCH/probe.py" push --base "$BASE" --repo "$LIVE" --secret "$BLOG_HOOK_SECRET")
    python3 "$BENCH/probe.py" wait-full --base "$BASE" --repo "$LIVE" --since-ms "$t0" \
        --timeout "$READY_TIMEOUT" --out "$OUT/publish-running.json" > /dev/null || die "the head was never served (see $OUT/publish-running.json)"
    local ms cpu_after md_bytes
    cpu_after=$(service_cpu_ms)
    [ "${THREADS:-0}" != 1 ] || thread_cpu_ms > "$OUT/threads-after.tsv"
    ms=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["all_sampled_ms"]))' "$OUT/publish-running.json")
    # render-service end to end: markdown at head per CPU second it spent on the push (consume, render, publish)
    md_bytes=$(git -C "$LIVE" ls-files -z -- ':!static' ':!.config' | (cd "$LIVE" && xargs -0 cat) | wc -c)
    summary "publish-running CPU ms per service for the push: $(side_by_side "$cpu_before" "$cpu_after" | awk 'NF == 2 {split($1, a, "="); split($2, b, "="); printf "%s %d, ", a[1], b[2] - a[2]}' | sed 's/, $//'); render-service end to end: $(side_by_side "$cpu_before" "$cpu_after" | awk -v md="$md_bytes" '$1 ~ /^render-service=/ {split($1, a, "="); split($2, b, "="); printf "%.2f", md / 1048576 / ((b[2] - a[2]) / 1000)}') MB of markdown per CPU second ($((md_bytes / 1048576)) MB at head)"
    [ "${GC:-0}" != 1 ] || summary "publish-running collector pauses during the push: $(gc_during "$gc_before" "$(gc_pauses)")"
    [ "${THREADS:-0}" != 1 ] || summary "publish-running CPU ms by thread during the push: $(threads_during "$OUT/threads-before.tsv" "$OUT/threads-after.tsv")"
    # what follows the swap: the gateway's gzip variants of a large build, each service's collection after a burst
    sleep 5
    summary "publish-running CPU ms per service in the 5 s after the head was served: $(side_by_side "$cpu_after" "$(service_cpu_ms)" | awk 'NF == 2 {split($1, a, "="); split($2, b, "="); printf "%s %d, ", a[1], b[2] - a[2]}' | sed 's/, $//')"
    echo "posts,commits,hugo_wall_ms,push_to_served_ms" > "$OUT/publish-running.csv"
    echo "$POSTS,$(git -C "$LIVE" rev-list --count HEAD),$HUGO_MS,$ms" >> "$OUT/publish-running.csv"
    summary "publish-running: $POSTS posts, $(git -C "$LIVE" rev-list --count HEAD) commits in one push: ${ms} ms from the webhook to the head served vs hugo ${HUGO_MS} ms: $(awk -v a="$ms" -v b="$HUGO_MS" 'BEGIN {printf "%.2f", a/b}')x (target <= 1.5x)"
    PUSH_MS=$ms PUSH_CPU=$(cpu_spent "$cpu_before" "$cpu_after")
    grep -h "published revision\|published [0-9]* fragments\|composed\|swapped" "$BLOG_DATA"/logs/*.log 2>/dev/null | tail -8 > "$OUT/publish-running-logs.txt" || true
}

wait_revision() { # $1: the revision /api/site must answer
    local site
    until site=$(curl -sf "$BASE/api/site") && [ "$(printf '%s' "$site" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("revision"))')" = "$1" ]; do
        kill -0 "$SYS_PID" 2>/dev/null || die "run.sh exited (see $OUT/run.log)"
        sleep 0.2
    done
}

second_push() { # after publish_running: another history of the same size, in one push, on the same processes
    local other=$WORK/corpus-$POSTS-s$((SEED + 1)) first head t0 ms cpu_before cpu_after
    [ -f "$other/.git/bench-corpus-packed" ] || { rm -rf "$other"; say "generating the second history (seed $((SEED + 1)))";
        python3 "$BENCH/generate.py" "$other" --posts "$POSTS" --seed $((SEED + 1)) >&2; }
    git -C "$LIVE" fetch -q "$other" main:refs/heads/second
    head=$(git -C "$LIVE" rev-parse refs/heads/second)
    first=$(git -C "$LIVE" rev-list --max-parents=0 refs/heads/second | tail -1)
    # the first commit of the other history replaces the whole site (a force-push), then the processes settle
    git -C "$LIVE" update-ref refs/heads/main "$first"
    python3 "$BENCH/probe.py" push --base "$BASE" --repo "$LIVE" --secret "$BLOG_HOOK_SECRET" > /dev/null
    wait_revision "$first"
    sleep 15
    cpu_before=$(service_cpu_ms)
    git -C "$LIVE" reset -q --hard "$head" # probe.py samples the articles of the working tree
    t0=$(python3 "$BENCH/probe.py" push --base "$BASE" --repo "$LIVE" --secret "$BLOG_HOOK_SECRET")
    python3 "$BENCH/probe.py" wait-full --base "$BASE" --repo "$LIVE" --since-ms "$t0" \
        --timeout "$READY_TIMEOUT" --out "$OUT/second-push.json" > /dev/null || die "the second head was never served (see $OUT/second-push.json)"
    cpu_after=$(service_cpu_ms)
    ms=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["all_sampled_ms"]))' "$OUT/second-push.json")
    summary "second-push: CPU ms per service, first push / second: $(side_by_side "$PUSH_CPU" "$(cpu_spent "$cpu_before" "$cpu_after")" | awk 'NF == 2 {split($1, a, "="); split($2, b, "="); printf "%s %d / %d, ", a[1], a[2], b[2]; x += a[2]; y += b[2]} END {printf "in all %d / %d", x, y}')"
    summary "second-push: the whole history of $POSTS posts in one push, webhook -> served: first ${PUSH_MS} ms, second (another history, same processes) ${ms} ms: $(awk -v a="$PUSH_MS" -v b="$ms" 'BEGIN {printf "%.2f", a/b}')x"
}

stop_replica() {
    [ -n "$REPLICA_PID" ] || return 0
    kill -TERM "$REPLICA_PID" 2>/dev/null || true
    wait "$REPLICA_PID" 2>/dev/null || true
    REPLICA_PID=""
}

replica() { # a second gateway on the running system's topics: launch -> serves the head
    local port=$(( GATEWAY_PORT + 5 )) dir=$BLOG_DATA/replica t0 t1 head directives=()
    [ -n "${GATEWAY_JIT_OPTS+set}" ] || # run.sh's default: gateway/compiler-directives.json
        directives=(-XX:+UnlockDiagnosticVMOptions "-XX:CompilerDirectivesFile=$ROOT/gateway/compiler-directives.json")
    head=$(git -C "$LIVE" rev-parse HEAD) # pushes since the start moved it
    mkdir -p "$dir"
    t0=$(now_ms)
    # as run.sh starts the gateway (its heap flags, GATEWAY_JIT_OPTS, GATEWAY_JAVA_OPTS): Quarkus would read
    # run.sh's own KAFKA_* variables as Kafka client settings
    (cd "$dir" && exec env -u KAFKA_PORT -u KAFKA_CONTROLLER_PORT -u KAFKA_LIB -u KAFKA_HEAP \
        QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$(( GATEWAY_MANAGEMENT_PORT + 4 )) \
        KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT CONTENT_SERVICE_URL=http://localhost:$CONTENT_PORT \
        BLOG_PAGE_STORE_DIR=$dir/pages \
        java -Xms32m -Xmx"${SERVICE_HEAP:-256m}" -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:NewRatio=3 -XX:-ShrinkHeapInSteps \
        ${GATEWAY_JIT_OPTS-} ${directives[@]+"${directives[@]}"} \
        ${SERVICE_JAVA_OPTS:-} ${GATEWAY_JAVA_OPTS:-} -jar "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" > "$OUT/replica.log" 2>&1) &
    REPLICA_PID=$! # stopped by cleanup if this script ends first: the next run's replica would meet its port
    until [ "$(curl -sf "http://localhost:$port/api/site" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("revision"))' 2>/dev/null)" = "$head" ]; do
        kill -0 "$REPLICA_PID" 2>/dev/null || die "the replica exited (see $OUT/replica.log)"
        [ $(( $(now_ms) - t0 )) -lt 600000 ] || die "the replica did not serve the head in 10 min" # cleanup stops it
        sleep 0.1
    done
    t1=$(now_ms)
    local rss cpu
    rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$REPLICA_PID/status")
    # its CPU until then, and its compiler threads' share (those the JVM stopped before count in the total only)
    cpu=$(process_thread_cpu_ms replica "$REPLICA_PID" | awk -F'\t' '$2 == "process" {total = $3} $2 ~ /^thread C1 Compiler/ {c1 += $3}
        $2 ~ /^thread C2 Compiler/ {c2 += $3} END {printf "%d ms of CPU (compiler threads: C2 %d, C1 %d)", total, c2, c1}')
    stop_replica
    summary "replica: $POSTS posts, a new gateway served the head $(( t1 - t0 )) ms after launch, RSS ${rss} MB and $cpu then (target <= 10000 ms)"
}

# --- serving ----------------------------------------------------------------------------------

start_nginx() { # dir
    need nginx
    local dir=$1 conf=$OUT/nginx
    mkdir -p "$conf/logs"
    cat > "$conf/nginx.conf" <<EOF
# written by bench/run.sh: the gateway's export of the same site, served as static files
daemon off;
master_process on;
worker_processes 2;
user root;
pid $conf/nginx.pid;
error_log $conf/logs/error.log warn;
events { worker_connections 2048; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    default_type text/html;
    types { text/css css; application/javascript js; image/png png; }
    client_body_temp_path $conf/tmp-body;
    proxy_temp_path $conf/tmp-proxy;
    fastcgi_temp_path $conf/tmp-fastcgi;
    uwsgi_temp_path $conf/tmp-uwsgi;
    scgi_temp_path $conf/tmp-scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $dir;
        location / { try_files \$uri \$uri/index.html =404; }
    }
}
EOF
    nginx -p "$conf" -c "$conf/nginx.conf" > "$conf/logs/stdout.log" 2>&1 &
    NGINX_PID=$!
    local i
    for i in $(seq 1 100); do
        curl -s -o /dev/null "$NGINX_BASE/" && return 0
        kill -0 "$NGINX_PID" 2>/dev/null || die "nginx did not start (see $conf/logs)"
        sleep 0.1
    done
    die "nginx did not answer on $NGINX_PORT"
}

stop_nginx() {
    [ -n "$NGINX_PID" ] || return 0
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
}

wrk_one() { # server url conns -> a CSV row
    local server=$1 url=$2 conns=$3 f
    f="$OUT/wrk/$server-c$conns-$(echo "${url#*//*/}" | tr '/ ' '__').txt"
    wrk -t2 -c"$conns" -d"${DURATION}s" --latency "$url" > "$f" 2>&1 || true
    awk -v s="$server" -v u="${url#*//*/}" -v c="$conns" -v l="$(load | tr ' ' '/')" '
        /Requests\/sec/ {rps=$2}
        /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2}
        /Non-2xx/ {bad=$NF} /Socket errors/ {err=$0}
        END {gsub(/,/, ";", err); printf "%s,/%s,%s,%s,%s,%s,%s,%s,%s,%s\n", s, u, c, rps, p50, p90, p99, bad+0, err, l}' "$f"
}

serving() {
    need wrk nginx
    mkdir -p "$OUT/wrk"
    local export_dir=$WORK/export-$POSTS
    rm -rf "$export_dir" && mkdir -p "$export_dir"
    curl -sf "$BASE/api/export" -o "$OUT/export.tar.gz" || die "GET /api/export failed"
    tar -xzf "$OUT/export.tar.gz" -C "$export_dir"
    start_nginx "$export_dir"
    local article tag paths p
    article=$(cd "$LIVE" && git ls-files Posts | sort | sed -n "$(( $(git ls-files Posts | wc -l) / 2 ))p")
    tag=$(ls "$export_dir/tags" | sort | head -1)
    paths=("/$article" "/tags/$tag" "/Posts" "/atom")
    : > "$OUT/same-bytes.txt"
    for p in "${paths[@]}"; do
        local a b
        a=$(curl -sf "$BASE$p" | sha256sum | cut -c1-16) || a=failed
        b=$(curl -sf "$NGINX_BASE$p" | sha256sum | cut -c1-16) || b=failed
        echo "$p gateway=$a nginx=$b $([ "$a" = "$b" ] && echo same || echo DIFFERENT) $(curl -s -o /dev/null -w '%{size_download}' "$BASE$p") bytes" >> "$OUT/same-bytes.txt"
    done
    echo "server,path,connections,requests_per_s,p50,p90,p99,non_2xx,socket_errors,load" > "$OUT/serving.csv"
    for p in "${paths[@]}"; do
        wrk -t2 -c64 -d"${WARMUP}s" "$BASE$p" > /dev/null 2>&1 || true
        wrk -t2 -c64 -d"${WARMUP}s" "$NGINX_BASE$p" > /dev/null 2>&1 || true
        for c in 64 256; do
            for r in $(seq 1 "${BENCH_ROUNDS:-3}"); do
                wrk_one gateway "$BASE$p" "$c" >> "$OUT/serving.csv"
                wrk_one nginx "$NGINX_BASE$p" "$c" >> "$OUT/serving.csv"
            done
        done
    done
    # the median of each side's rounds (one run of 15 s varies by about 10 % on this machine)
    awk -F, 'NR > 1 {k=$1 FS $2 FS $3; n[k]++; v[k, n[k]]=$4}
        END {for (k in n) {m=n[k]; for (i=1; i<=m; i++) a[i]=v[k, i];
                 for (i=1; i<=m; i++) for (j=i+1; j<=m; j++) if (a[j] < a[i]) {t=a[i]; a[i]=a[j]; a[j]=t}
                 med=(m % 2) ? a[(m+1)/2] : (a[m/2] + a[m/2+1]) / 2; print k FS med FS m}}' "$OUT/serving.csv" \
        | sort > "$OUT/serving-medians.csv"
    summary "serving: $POSTS posts, median req/s of $(awk -F, 'NR == 1 {print $5}' "$OUT/serving-medians.csv") rounds: $(awk -F, '{k=$2" c"$3; v[k]=v[k] " " $1 "=" int($4)} END {for (k in v) printf "%s:%s; ", k, v[k]}' "$OUT/serving-medians.csv")"
    awk -F, '{r[$1 FS $2 FS $3]=$4} END {for (k in r) {split(k, a, FS); if (a[1] == "gateway" && r["nginx" FS a[2] FS a[3]] > 0) printf "%s c%s %.2f\n", a[2], a[3], r[k] / r["nginx" FS a[2] FS a[3]]}}' "$OUT/serving-medians.csv" \
        | sort > "$OUT/serving-ratios.txt"
    summary "serving ratio gateway/nginx req/s: $(tr '\n' ';' < "$OUT/serving-ratios.txt") (target article >= 0.8)"
}

serving_load() { # a shorter load on the gateway only, for the memory scenario
    need wrk
    local article p
    article=$(cd "$LIVE" && git ls-files Posts | sort | sed -n 1p) # not head: SIGPIPE + pipefail would stop the script
    for p in "/$article" "/Posts" "/atom"; do
        wrk -t2 -c64 -d"${DURATION}s" "$BASE$p" > /dev/null 2>&1 || true
    done
}

render() {
    local cp="$ROOT/render-service/target/classes:$ROOT/render-service/target/quarkus-app/app/*:$ROOT/render-service/target/quarkus-app/lib/main/*"
    [ -d "$ROOT/render-service/target/classes/dev/gitblog/render/render" ] || die "render-service is not compiled"
    java -Xmx1g ${RENDER_JAVA_OPTS:-} -cp "$cp" "$BENCH/render-bench/RenderBench.java" "$CORPUS" \
        "${RENDER_ROUNDS:-10}" "${RENDER_WARMUP:-5}" | tee "$OUT/render.txt" >&2
    summary "render: $POSTS posts, $(grep -E '^render-bench: (bare|engine|path) ' "$OUT/render.txt" | awk '{printf "%s %s MB/s CPU (%s wall), ", $2, $4, $16}')$(tail -1 "$OUT/render.txt") (target engine/bare >= 0.9)"
}

# --- main -------------------------------------------------------------------------------------

ensure_corpus
case $SCENARIO in
    corpus) summary "corpus: $CORPUS ($(git -C "$CORPUS" rev-list --count HEAD) commits), $HUGO_SITE" ;;
    hugo) run_hugo ;;
    cold-publish) cold_publish ;;
    publish-running) publish_running; sleep 5; memory_now after-publish ;;
    second-push) publish_running; second_push; sleep 5; memory_now after-second-push
        # the gateway keeps the replaced site's files for its grace period (PT2M), then sweeps them within a
        # sweep interval (PT30S): memory once that is over, with no push since
        sleep 160; memory_now after-second-push-swept ;;
    running) # on the system that publish-running leaves serving the head
        publish_running
        memory_now after-one-push-publish
        replica
        serving
        memory_now after-serving
        ;;
    replica) start_system; wait_full; replica ;;
    scale)
        cold_publish
        memory_now after-ingest
        republish
        replica
        memory_now after-pushes
        stop_system
        publish_running
        memory_now after-one-push-publish
        serving
        memory_now after-serving
        ;;
    republish) start_system; wait_full; memory_now after-ingest; republish; sleep 5; memory_now after-pushes ;;
    serving) start_system; wait_full; serving ;;
    memory) start_system; wait_full; memory_now after-ingest; serving_load; memory_now after-serving ;;
    render) render ;;
    system|all)
        cold_publish
        memory_now after-ingest
        republish
        serving
        memory_now after-serving
        stop_nginx
        stop_system
        [ "$SCENARIO" = system ] || render
        ;;
esac
say "raw data: $OUT"
