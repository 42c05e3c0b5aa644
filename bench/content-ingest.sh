#!/usr/bin/env bash
# bench/content-ingest.sh [--posts N] [--seed S] [--pushes P]
#
# content-service's ingest benchmark (issue 3), without Kafka and without the other services:
#   1. the corpus of bench/generate.py (N posts, default 5000: ~6,667 commits), generated once into
#      $BENCH_WORK/corpus-N-sS (the same corpus bench/run.sh uses), then cloned with git into a throw-away
#      folder (the benchmark commits into it);
#   2. walk: HistoryWalker's full history walk vs `git log --name-only` on the same repository (5 runs each);
#   3. ingest in-place / ingest clone: content-service's own IngestService (JVM as run.sh starts it:
#      -Xmx256m -XX:+UseSerialGC), one fresh JVM per local mode: cold start to the last revision marker,
#      heap after GC and RSS, then P one-commit pushes (a new post, an edited post, alternately), from the
#      fetch request to the new snapshot (fetch + walk + classify + plan + encode; records are encoded with
#      the real codec and acknowledged at once, so no broker round trip is included).
# Output: stdout and bench/results/<UTC time>-content-ingest-N/summary.txt (with the load average); the
# service's own log lines go to stderr.log beside it.
# Needs: java 17, git, python3; the module's test classes are compiled by this script (offline Maven).
set -euo pipefail

BENCH=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
ROOT=$(dirname "$BENCH")
POSTS=5000
SEED=1
PUSHES=20
while [ $# -gt 0 ]; do
    case $1 in
        --posts) POSTS=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --pushes) PUSHES=$2; shift 2 ;;
        *) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
WORK=${BENCH_WORK:-/tmp/gitblog-bench}
CORPUS=$WORK/corpus-$POSTS-s$SEED
OUT=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)-content-ingest-$POSTS
mkdir -p "$WORK" "$OUT"
if [ ! -f "$CORPUS/.git/bench-corpus-packed" ]; then # missing, or written before generate.py repacked it
    rm -rf "$CORPUS"
    python3 "$BENCH/generate.py" "$CORPUS" --posts "$POSTS" --seed "$SEED"
fi

(cd "$ROOT" && ./mvnw -o -q -pl events,content-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null)
CP=$ROOT/content-service/target/classes:$ROOT/content-service/target/test-classes:$(cat "$ROOT/content-service/target/bench-classpath.txt")
JAVA=(java -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.gitblog.content.ingest.IngestBenchmark)

TMP=$(mktemp -d /tmp/content-ingest-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
{
    echo "content-ingest: $POSTS posts, seed $SEED, $(git -C "$CORPUS" rev-list --count main) commits," \
        "$(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$ROOT" rev-parse --short HEAD)"
    "${JAVA[@]}" walk "$CORPUS" 2>>"$OUT/stderr.log"
    for mode in in-place clone; do
        git clone -q --no-hardlinks "$CORPUS" "$TMP/$mode"
        "${JAVA[@]}" ingest "$TMP/$mode" "$mode" "$PUSHES" 2>>"$OUT/stderr.log"
        rm -rf "$TMP/$mode"
        echo "load after $mode: $(cut -d' ' -f1-3 /proc/loadavg)"
    done
} | tee "$OUT/summary.txt"
