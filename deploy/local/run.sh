#!/usr/bin/env bash
# deploy/local/run.sh [REPO]
# deploy/local/run.sh --preview PATH
#
# Runs the whole system on this machine, no Docker needed: a single-node KRaft Kafka broker from Maven
# Central artifacts and the four services as separate JVMs. Prints `ready: http://localhost:<port>/`
# once the site is served, keeps the processes running (restarting a service that dies), and on
# SIGINT/SIGTERM stops everything it started: services first, then the broker.
#
# REPO: a local path or a git URL (file://, https://, ssh://) with an optional #branch suffix.
#       Without it, the bundled example blog (examples/blog) is served, turned into a git repository
#       under BLOG_DATA on first use.
# --preview PATH: the same system on the work tree of the local repository PATH as it is on disk:
#       uncommitted and untracked files, drafts (marked), posts that do not parse (with their reason);
#       every page noindex and reloading itself when a saved file changes the site.
#
# Environment (all optional):
#   BLOG_DATA         folder for broker data, the clone, logs (default: .blog-data in the working directory)
#   GATEWAY_PORT      8080     CONTENT_PORT 8081   RENDER_PORT 8082   FEED_PORT 8083
#   KAFKA_PORT        9092     KAFKA_CONTROLLER_PORT 9093
#   GATEWAY_MANAGEMENT_PORT 9000  CONTENT_MANAGEMENT_PORT 9001  RENDER_MANAGEMENT_PORT 9002
#   FEED_MANAGEMENT_PORT 9003     each service's management interface (/q/health, /q/metrics, /q/openapi)
#   KAFKA_SASL=scram  the broker's client listener asks for SASL/SCRAM-SHA-512 (user gitblog, password
#                     generated once into BLOG_DATA/kafka-scram-password); the services and the topic
#                     set-up log in with it (the data folder must have been formatted by this run.sh)
#   BLOG_HOOK_SECRET  webhook secret (default: generated once into BLOG_DATA/hook-secret)
#   KAFKA_LIB         folder with the broker's jars (default: BLOG_DATA/kafka/lib, resolved by Maven once)
#   SERVICE_HEAP      max heap of each service (default 256m); KAFKA_HEAP (default 256m)
#   SERVICE_JAVA_OPTS more JVM options for the four services (e.g. -XX:+FlightRecorder...)
#   CONTENT_SERVICE_JAVA_OPTS, RENDER_SERVICE_JAVA_OPTS, FEED_SERVICE_JAVA_OPTS, GATEWAY_JAVA_OPTS
#                     more JVM options for that service alone, after SERVICE_JAVA_OPTS (e.g. a -D setting of a
#                     channel only that service has: the others refuse to start on a channel they do not know)
#   KAFKA_JAVA_OPTS   more JVM options for the broker
#   BATCH_JIT_OPTS    JIT options of the broker, content-service, render-service and feed-service (default
#                     -XX:TieredStopAtLevel=1, the quick compiler only; empty: the JVM's default)
#   GATEWAY_JIT_OPTS  JIT options of the gateway (unset: the directives of gateway/compiler-directives.json, which
#                     keep the push path in C1 and serving in C2; set, even empty, it replaces them)
#   READY_TIMEOUT     seconds to wait for the site (default 300; no limit while content-service
#                     reports a repository problem: empty, branch missing, remote down or refusing)
#   RUN_QUIET=1       do not stream the services' warnings to this terminal
set -euo pipefail

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
BLOG_DATA=${BLOG_DATA:-$PWD/.blog-data}
mkdir -p "$BLOG_DATA"
BLOG_DATA=$(CDPATH='' cd -- "$BLOG_DATA" && pwd)
GATEWAY_PORT=${GATEWAY_PORT:-8080}
CONTENT_PORT=${CONTENT_PORT:-8081}
RENDER_PORT=${RENDER_PORT:-8082}
FEED_PORT=${FEED_PORT:-8083}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-9000}
CONTENT_MANAGEMENT_PORT=${CONTENT_MANAGEMENT_PORT:-9001}
RENDER_MANAGEMENT_PORT=${RENDER_MANAGEMENT_PORT:-9002}
FEED_MANAGEMENT_PORT=${FEED_MANAGEMENT_PORT:-9003}
KAFKA_SASL=${KAFKA_SASL:-}
KAFKA_LIB=${KAFKA_LIB:-$BLOG_DATA/kafka/lib}
SERVICE_HEAP=${SERVICE_HEAP:-256m}
KAFKA_HEAP=${KAFKA_HEAP:-256m}
READY_TIMEOUT=${READY_TIMEOUT:-300}
LOGS=$BLOG_DATA/logs
PIDS=$BLOG_DATA/pids
SERVICES=(content-service render-service feed-service gateway)
TOPICS=(content.entries:3 content.revisions:1 render.fragments:3 feed.documents:1)

say() { printf '%s\n' "$*"; }
die() {
    printf 'run.sh: %s\n' "$*" >&2
    if declare -F shutdown >/dev/null; then shutdown; fi
    exit 1
}

port_of() {
    case $1 in
        gateway) echo "$GATEWAY_PORT" ;;
        content-service) echo "$CONTENT_PORT" ;;
        render-service) echo "$RENDER_PORT" ;;
        feed-service) echo "$FEED_PORT" ;;
    esac
}

management_port_of() { # the management interface: health, metrics, OpenAPI (never on the public port)
    case $1 in
        gateway) echo "$GATEWAY_MANAGEMENT_PORT" ;;
        content-service) echo "$CONTENT_MANAGEMENT_PORT" ;;
        render-service) echo "$RENDER_MANAGEMENT_PORT" ;;
        feed-service) echo "$FEED_MANAGEMENT_PORT" ;;
    esac
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() { # url -> 0 when the answer is 2xx
    local code
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null) || return 1
    [ "${code:0:1}" = 2 ]
}

# --- preview mode ---------------------------------------------------------------------------

PREVIEW=0
if [ "${1:-}" = --preview ]; then
    PREVIEW=1
    shift
    [ $# -ge 1 ] && [ -n "$1" ] || die "usage: run.sh --preview PATH (the work tree of a local repository)"
    case $1 in
        *://* | *@*:*) die "--preview needs a local work tree, not $1" ;;
        *#*) die "--preview serves the branch checked out in the work tree: drop the #branch of $1" ;;
    esac
fi
BLOG_PREVIEW=false
[ "$PREVIEW" = 0 ] || BLOG_PREVIEW=true

# --- what is already there ------------------------------------------------------------------

command -v java >/dev/null || die "java not found: install a JDK 17 or newer"
command -v git >/dev/null || die "git not found"
command -v curl >/dev/null || die "curl not found"
for p in "$GATEWAY_PORT" "$CONTENT_PORT" "$RENDER_PORT" "$FEED_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" \
    "$GATEWAY_MANAGEMENT_PORT" "$CONTENT_MANAGEMENT_PORT" "$RENDER_MANAGEMENT_PORT" "$FEED_MANAGEMENT_PORT"; do
    ! port_open "$p" || die "port $p is already in use (another run.sh? set GATEWAY_PORT, KAFKA_PORT, ... to move)"
done
mkdir -p "$LOGS" "$PIDS"

# --- build what is missing ------------------------------------------------------------------

missing=0
for s in "${SERVICES[@]}"; do
    [ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
if [ "$missing" = 1 ]; then
    say "building the services (./mvnw -q -DskipTests package, once)..."
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || die "build failed"
fi
if [ ! -f "$KAFKA_LIB/.complete" ]; then
    say "resolving the Kafka broker from Maven Central into $KAFKA_LIB (once)..."
    mkdir -p "$KAFKA_LIB"
    (cd "$ROOT" && ./mvnw -q -B -f deploy/local/kafka/pom.xml dependency:copy-dependencies \
        -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime) || die "could not resolve the Kafka broker"
    touch "$KAFKA_LIB/.complete"
fi

# --- the blog repository --------------------------------------------------------------------

REPO=${1:-}
if [ -z "$REPO" ]; then
    REPO=$BLOG_DATA/example-blog
    if [ ! -d "$REPO/.git" ]; then
        rm -rf "$REPO"
        "$ROOT/deploy/local/example-repo.sh" "$ROOT/examples/blog" "$REPO" >/dev/null
    fi
    REPO="$REPO#main"
elif [[ "$REPO" != *://* && "$REPO" != *@*:* ]]; then
    # a local path: make it absolute, keep the #branch suffix
    path=${REPO%%#*}
    branch=""
    [[ "$REPO" == *#* ]] && branch="#${REPO#*#}"
    [ -d "$path" ] || die "no such repository: $path"
    REPO="$(CDPATH='' cd -- "$path" && pwd)$branch"
fi
if [ -z "${BLOG_HOOK_SECRET:-}" ]; then
    [ -f "$BLOG_DATA/hook-secret" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$BLOG_DATA/hook-secret")
    BLOG_HOOK_SECRET=$(cat "$BLOG_DATA/hook-secret")
fi

# --- process bookkeeping, and stopping everything ----------------------------------------------

STOPPING=0
TAIL_PID=""

pid_of() { cat "$PIDS/$1.pid" 2>/dev/null || true; }

stop_one() { # name: TERM, wait up to 20 s, then KILL
    local name=$1 pid i
    pid=$(pid_of "$name")
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    rm -f "$PIDS/$name.pid"
}

shutdown() {
    [ "$STOPPING" = 1 ] && return
    STOPPING=1
    say "stopping..."
    [ -n "$TAIL_PID" ] && kill "$TAIL_PID" 2>/dev/null || true
    # services first (in parallel), then the broker: the other order leaves stale group members
    local s stoppers=()
    for s in "${SERVICES[@]}"; do
        stop_one "$s" &
        stoppers+=($!)
    done
    local p
    for p in "${stoppers[@]}"; do # (a signal interrupts `wait`: wait again until each stopper is gone)
        while kill -0 "$p" 2>/dev/null; do wait "$p" 2>/dev/null || true; done
    done
    stop_one kafka
    say "stopped"
}
# a second Ctrl-C or TERM while stopping is ignored, so that the broker is stopped too
trap '[ "$STOPPING" = 1 ] || { shutdown; exit 130; }' INT
trap '[ "$STOPPING" = 1 ] || { shutdown; exit 143; }' TERM
trap 'shutdown' EXIT

# leftovers of a run.sh that was killed with -9
for f in "$PIDS"/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    # (ps -o command= works on Linux and macOS; /proc does not exist on macOS)
    if kill -0 "$pid" 2>/dev/null && ps -o command= -p "$pid" 2>/dev/null | grep -q -- "-Dgitblog.data=$BLOG_DATA"; then
        say "stopping a leftover process from an earlier run ($(basename "$f" .pid), pid $pid)"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
done

# --- the broker -------------------------------------------------------------------------------

# The JIT: the broker, content-service, render-service and feed-service work in bursts (a push), and in a burst
# the optimising compiler (C2) cost them more CPU than the work itself; at 5,000 posts a one-push publish took
# 101 s of CPU with it and 57 s with the quick compiler alone (C1), webhook -> served 62 -> 43 s. The gateway
# keeps both compilers: it serves requests all day, and C1 alone served articles at 0.75x nginx instead of 1.3x.
BATCH_JIT_OPTS=${BATCH_JIT_OPTS--XX:TieredStopAtLevel=1}
# The gateway keeps the JVM's thresholds. With C2 waiting for ten times the calls (-XX:Tier4InvocationThreshold=50000
# -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000) a new replica at 5,000 posts used 4 s of CPU
# in its compiler threads instead of 10 s and served the head 2-6 s sooner, but a tag page served 3-7 % fewer
# requests a second at c256 in every alternating pair: serving comes first (BENCHMARKS.md, measured and dropped).
# What C2 should not compile is named instead: gateway/compiler-directives.json keeps the code only a push runs hot
# (Kafka, Jackson, Qute, the event records) in C1, and serving in C2 (BENCHMARKS.md, "The gateway's compiler").
# GATEWAY_JIT_OPTS, when set (even empty), replaces them.
GATEWAY_DIRECTIVES=()
[ -n "${GATEWAY_JIT_OPTS+set}" ] ||
    GATEWAY_DIRECTIVES=(-XX:+UnlockDiagnosticVMOptions "-XX:CompilerDirectivesFile=$ROOT/gateway/compiler-directives.json")
GATEWAY_JIT_OPTS=${GATEWAY_JIT_OPTS-}
# idle cost: without the jvmstat counters (jps, jstat) a JVM's watcher thread no longer samples them 20 times a
# second; jcmd PID still works
IDLE_OPTS="-XX:-UsePerfData"
# KAFKA_SASL=scram: one SCRAM-SHA-512 user, gitblog, for the services, the topic set-up and the broker itself.
# Its credential is written into the metadata when the storage is formatted (always, so that a later run
# can switch SASL on); the password is generated once.
case "$KAFKA_SASL" in
    ""|scram) ;;
    *) die "KAFKA_SASL=$KAFKA_SASL: the only choice is scram (or unset)" ;;
esac
KAFKA_SCRAM_USER=gitblog
kafka_scram_password() {
    [ -f "$BLOG_DATA/kafka-scram-password" ] \
        || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$BLOG_DATA/kafka-scram-password")
    cat "$BLOG_DATA/kafka-scram-password"
}
kafka_scram_jaas() {
    printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' \
        "$KAFKA_SCRAM_USER" "$(kafka_scram_password)"
}
kafka_client_listener() { # the protocol of the listener the clients use
    if [ "$KAFKA_SASL" = scram ]; then echo SASL_PLAINTEXT; else echo PLAINTEXT; fi
}
kafka_sasl_server_properties() { # appended to server.properties
    [ "$KAFKA_SASL" = scram ] || return 0
    echo "sasl.enabled.mechanisms=SCRAM-SHA-512"
    echo "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512"
    echo "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$(kafka_scram_jaas)"
}
kafka_client_properties() { # -> a file with the clients' security settings (CreateTopics reads it)
    local f=$BLOG_DATA/kafka/client.properties
    (
        umask 077
        if [ "$KAFKA_SASL" = scram ]; then
            printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$(kafka_scram_jaas)"
        else
            printf 'security.protocol=PLAINTEXT\n'
        fi > "$f"
    )
    echo "$f"
}
kafka_sasl_service_env() { # in a service's subshell: Quarkus maps KAFKA_* to its kafka.* client settings
    [ "$KAFKA_SASL" = scram ] || return 0
    export KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT
    export KAFKA_SASL_MECHANISM=SCRAM-SHA-512
    KAFKA_SASL_JAAS_CONFIG=$(kafka_scram_jaas)
    export KAFKA_SASL_JAAS_CONFIG
}

start_kafka() {
    local dir=$BLOG_DATA/kafka
    mkdir -p "$dir/data"
    (umask 077; : > "$dir/server.properties") # with KAFKA_SASL=scram it holds the broker's password
    cat > "$dir/server.properties" <<EOF
# written by deploy/local/run.sh: one node that is broker and controller (KRaft)
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$KAFKA_CONTROLLER_PORT
listeners=$(kafka_client_listener)://localhost:$KAFKA_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT
advertised.listeners=$(kafka_client_listener)://localhost:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=$(kafka_client_listener)
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.backoff.ms=5000
# the log cleaner's key map: 128 MiB by default, held for the broker's life once the cleaner first runs (a
# heap histogram at 5,000 posts: 158 MB of byte arrays, most of it this); 16 MiB maps ~700,000 keys
log.cleaner.dedupe.buffer.size=16777216
# idle cost of a single node: the controller appends a no-op record to the metadata log every 500 ms by default
# (each one written, fsync'd and read back by the broker half of this same process); one node needs no such beat
metadata.max.idle.interval.ms=10000
$(kafka_sasl_server_properties)
EOF
    local cp="$KAFKA_LIB/*"
    local log4j="-Dlog4j2.configurationFile=$ROOT/deploy/local/kafka-log4j2.properties"
    if [ ! -f "$dir/data/meta.properties" ]; then
        local id
        id=$(java -cp "$cp" $log4j kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka.log" | tail -1)
        java -cp "$cp" $log4j kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" \
            --add-scram "SCRAM-SHA-512=[name=$KAFKA_SCRAM_USER,password=$(kafka_scram_password)]" \
            >>"$LOGS/kafka.log" 2>&1 || die "could not format the Kafka storage (see $LOGS/kafka.log)"
        touch "$dir/scram-user"
    elif [ "$KAFKA_SASL" = scram ] && [ ! -f "$dir/scram-user" ]; then
        die "KAFKA_SASL=scram: $dir/data was formatted without the SCRAM user; remove $dir to start afresh"
    fi
    java -Xms64m -Xmx"$KAFKA_HEAP" -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 $IDLE_OPTS \
        $BATCH_JIT_OPTS ${KAFKA_JAVA_OPTS:-} "-Dgitblog.data=$BLOG_DATA" $log4j \
        -cp "$cp" kafka.Kafka "$dir/server.properties" >>"$LOGS/kafka.log" 2>&1 &
    echo $! > "$PIDS/kafka.pid"
}

# CreateTopics.java, compiled once into KAFKA_LIB (a folder per version of the source) while the broker starts:
# the source launcher compiled it on every start, 1.3 s (2 s of CPU) before the services could start.
# Without javac, the source launcher stays.
create_topics_classes() { # -> the folder holding CreateTopics.class, or nothing
    local src="$ROOT/deploy/local/CreateTopics.java" dir
    command -v javac >/dev/null 2>&1 || return 0
    dir="$KAFKA_LIB/.create-topics/$(cksum < "$src" | cut -d' ' -f1)"
    if [ ! -f "$dir/CreateTopics.class" ]; then
        rm -rf "$dir.tmp"
        mkdir -p "$dir.tmp" && javac -nowarn -cp "$KAFKA_LIB/*" -d "$dir.tmp" "$src" >>"$LOGS/kafka.log" 2>&1 \
            && mv "$dir.tmp" "$dir" 2>/dev/null || rm -rf "$dir.tmp"
    fi
    [ ! -f "$dir/CreateTopics.class" ] || printf '%s' "$dir"
}

say "starting Kafka on localhost:$KAFKA_PORT (data in $BLOG_DATA/kafka)"
start_kafka
TOPICS_CLASSES=$(create_topics_classes)
deadline=$((SECONDS + 120))
until port_open "$KAFKA_PORT"; do
    kill -0 "$(pid_of kafka)" 2>/dev/null || die "Kafka exited during start (see $LOGS/kafka.log)"
    [ $SECONDS -lt $deadline ] || die "Kafka did not open port $KAFKA_PORT in 120 s (see $LOGS/kafka.log)"
    sleep 0.3
done
if [ -n "$TOPICS_CLASSES" ]; then
    topics_cp="$KAFKA_LIB/*:$TOPICS_CLASSES" topics_main=CreateTopics
else
    topics_cp="$KAFKA_LIB/*" topics_main="$ROOT/deploy/local/CreateTopics.java"
fi
java -cp "$topics_cp" -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka-log4j2.properties" \
    -Dgitblog.kafka.client-config="$(kafka_client_properties)" \
    "$topics_main" "localhost:$KAFKA_PORT" "${TOPICS[@]}" >>"$LOGS/kafka.log" 2>&1 \
    || die "could not create the topics (see $LOGS/kafka.log)"

# --- the services -----------------------------------------------------------------------------

# glibc keeps memory the JVM freed (compiler arenas, zlib state of gzip) unless it is trimmed: at 5,000 posts
# this took the gateway from 290 to 244 MB RSS after pushes and serving. JDK 17.0.9+ has the flag; older JDKs
# would refuse to start with it, so it is asked for only when this java knows it.
TRIM_OPTS=""
# A trim every minute, not every 10 s: each one walks the malloc arenas, a cost an idle system paid all day.
# The services also trim a second after each push they handled (events BurstMemory), so the minute is only
# the fallback.
if java -XX:TrimNativeHeapInterval=60000 -version >/dev/null 2>&1; then
    TRIM_OPTS="-XX:TrimNativeHeapInterval=60000"
fi

start_service() {
    local name=$1
    local port
    port=$(port_of "$name")
    (
        cd "$BLOG_DATA"
        export QUARKUS_HTTP_PORT=$port
        QUARKUS_MANAGEMENT_PORT=$(management_port_of "$name")
        export QUARKUS_MANAGEMENT_PORT
        # Quarkus reads every KAFKA_* variable as a Kafka client setting: keep run.sh's own ones out of it
        export -n KAFKA_SASL KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_LIB KAFKA_HEAP KAFKA_JAVA_OPTS BATCH_JIT_OPTS GATEWAY_JIT_OPTS 2>/dev/null || true
        kafka_sasl_service_env
        export KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT
        export BLOG_REPO=$REPO BLOG_DATA BLOG_HOOK_SECRET BLOG_PREVIEW
        export CONTENT_SERVICE_URL=http://localhost:$CONTENT_PORT
        # a small footprint: glibc keeps fewer malloc arenas, and the heap gives back what it does not use
        export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
        local jit=$BATCH_JIT_OPTS directives=() own_opts
        own_opts=$(printf '%s' "$name" | tr 'a-z-' 'A-Z_')_JAVA_OPTS # RENDER_SERVICE_JAVA_OPTS, GATEWAY_JAVA_OPTS, ...
        [ "$name" != gateway ] || { jit=$GATEWAY_JIT_OPTS; directives=(${GATEWAY_DIRECTIVES[@]+"${GATEWAY_DIRECTIVES[@]}"}); }
        # Free heap after a full collection: 10-30 %. content-service and render-service, whose RSS has room,
        # grow with 30 % free, so that what a burst promotes fits without a full collection at each growth (with
        # 10 % they spent a third of a big push in them); render-service, whose live set is 20-40 MB, with 60 %
        # (with 30 % its old generation had 2-3 MB of room and filled a dozen times in a 5,000-post push; docs/
        # PIPELINE.md "The JVMs in a burst"). feed-service and the gateway keep 10 % to stay within 256 MB between
        # pushes. The collection after a burst leaves 20 % in every service (BurstMemory).
        local heap_free="-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
        case $name in
            content-service) heap_free="-XX:MinHeapFreeRatio=30 -XX:MaxHeapFreeRatio=30" ;;
            render-service) heap_free="-XX:MinHeapFreeRatio=60 -XX:MaxHeapFreeRatio=70" ;;
        esac
        # -ShrinkHeapInSteps: the full collection a service asks for after a burst (events BurstMemory) shrinks
        # the heap at once; by default the first full collection after a growth shrinks nothing.
        # NewRatio=3: the young generation is a quarter of the heap, not a third; a service between pushes
        # holds less empty eden (15-25 MB less RSS each at 5,000 posts)
        # shellcheck disable=SC2086 # heap_free, TRIM_OPTS, jit and the *_JAVA_OPTS are lists of options
        exec java -Xms32m -Xmx"$SERVICE_HEAP" -XX:+UseSerialGC $heap_free \
            -XX:NewRatio=3 -XX:-ShrinkHeapInSteps -XX:+ExitOnOutOfMemoryError $TRIM_OPTS $IDLE_OPTS $jit ${directives[@]+"${directives[@]}"} \
            ${SERVICE_JAVA_OPTS:-} ${!own_opts:-} "-Dgitblog.data=$BLOG_DATA" -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar"
    ) >>"$LOGS/$name.log" 2>&1 &
    echo $! > "$PIDS/$name.pid"
}

for s in "${SERVICES[@]}"; do # where this run's lines begin in the appended logs (for progress)
    if [ -f "$LOGS/$s.log" ]; then wc -l < "$LOGS/$s.log" | tr -d ' ' > "$PIDS/$s.lines"; else echo 0 > "$PIDS/$s.lines"; fi
done
for s in "${SERVICES[@]}"; do
    say "starting $s on localhost:$(port_of "$s")"
    start_service "$s"
done

# --- progress on long work (a first ingest, a big push) -----------------------------------------
# The services log their own progress at most every 5 s, and only while a long piece of work runs
# (history walked, entries acknowledged, fragments caught up, feeds, pages composed): a small push
# writes none of these lines, so this stays quiet. Before `ready`, the newest one of each service is
# shown when it changed, at most every 5 s; afterwards the warnings stream shows the long-work ones.
PROGRESS_LINES='walking history: |entries acknowledged|published revision |caught up with |published feeds of revision |serving revision '
PROGRESS_LONG_WORK='walking history: |entries acknowledged'
PROGRESS_NEXT=0
progress() {
    [ $SECONDS -ge $PROGRESS_NEXT ] || return 0
    PROGRESS_NEXT=$((SECONDS + 5))
    local s line
    for s in "${SERVICES[@]}"; do
        line=$(tail -n "+$(( $(cat "$PIDS/$s.lines" 2>/dev/null || echo 0) + 1 ))" "$LOGS/$s.log" 2>/dev/null \
            | grep -E "$PROGRESS_LINES" | tail -n 1 \
            | sed -E 's/^[0-9-]+ [0-9:,.]+ +[A-Z]+ +\[[^]]*\] +\([^)]*\) +//' | cut -c1-160 || true)
        [ -n "$line" ] || continue
        if [ "$line" != "$(cat "$PIDS/$s.progress" 2>/dev/null)" ]; then
            printf '%s\n' "$line" > "$PIDS/$s.progress"
            say "  $s: $line"
        fi
    done
}
rm -f "$PIDS"/*.progress

if [ "${RUN_QUIET:-0}" != 1 ]; then
    # a short prefixed stream of the warnings and errors of every process
    # (through a fifo, so that stopping `tail` ends the whole chain)
    rm -f "$BLOG_DATA/.warnings"
    mkfifo "$BLOG_DATA/.warnings"
    grep --line-buffered -E " (WARN|ERROR|SEVERE) |Exception|$PROGRESS_LONG_WORK" < "$BLOG_DATA/.warnings" \
        | sed -u -e 's/^\(.\{0,200\}\).*/\1/' -e 's/^/  ! /' &
    tail -n 0 -q -F "$LOGS/kafka.log" "${SERVICES[@]/#/$LOGS/}" > "$BLOG_DATA/.warnings" 2>/dev/null &
    TAIL_PID=$!
fi

repository_problem() { # -> the error content-service reports while it has published nothing yet, or nothing
    curl -s -m 5 "http://localhost:$CONTENT_PORT/api/revision" 2>/dev/null \
        | grep '"ready":false' | grep -o '"lastError":"[^"]*' | cut -c14- | cut -c1-300
}

deadline=$((SECONDS + READY_TIMEOUT))
WAITING_FOR_REPO=""
for s in "${SERVICES[@]}"; do
    until http_ok "http://localhost:$(management_port_of "$s")/q/health/ready"; do
        kill -0 "$(pid_of "$s")" 2>/dev/null || die "$s exited during start (see $LOGS/$s.log)"
        if [ "$s" = content-service ] && problem=$(repository_problem) && [ -n "$problem" ]; then
            # an empty repository, a missing branch, a remote that is down or refuses us: nothing is wrong
            # with the system, so wait (content-service retries) instead of giving up after READY_TIMEOUT
            if [ "$problem" != "$WAITING_FOR_REPO" ]; then
                say "waiting for the repository: $problem"
                say "  (content-service retries; the site appears with the first commit it can read. Ctrl-C to stop)"
                WAITING_FOR_REPO=$problem
            fi
            deadline=$((SECONDS + READY_TIMEOUT))
        fi
        [ $SECONDS -lt $deadline ] || die "$s not ready after ${READY_TIMEOUT} s (see $LOGS/$s.log)"
        progress
        sleep 0.5
    done
done
site_served() { # -> 0 when the gateway answers / from a revision (a blog without an index page answers 404)
    curl -s -o /dev/null -m 5 -D - "http://localhost:$GATEWAY_PORT/" 2>/dev/null | grep -qi '^x-blog-revision: '
}
until site_served; do
    [ $SECONDS -lt $deadline ] || die "the site is not served after ${READY_TIMEOUT} s (see $LOGS/gateway.log)"
    progress
    sleep 0.5
done
say "ready: http://localhost:$GATEWAY_PORT/"
say "  blog: $(printf '%s' "$REPO" | sed -E 's#(://)[^/@]*@#\1***@#')"   # never show a password of the URL
say "  webhook: POST http://localhost:$GATEWAY_PORT/hooks/git (secret in \$BLOG_HOOK_SECRET or $BLOG_DATA/hook-secret)"
say "  logs: $LOGS   stop: Ctrl-C"
[ "$PREVIEW" = 0 ] || say "  preview of the work tree: drafts shown, saved files served, pages reload; nothing is indexed"

# --- keep running: restart a service that dies ----------------------------------------------

# restart counts live in files, one per process (bash 3.2, macOS' bash, has no associative arrays)
restart_count() { # name -> the count after this restart
    local n
    n=$(( $(cat "$PIDS/$1.restarts" 2>/dev/null || echo 0) + 1 ))
    echo "$n" > "$PIDS/$1.restarts"
    echo "$n"
}
rm -f "$PIDS"/*.restarts
while true; do
    sleep 2 &
    # quiet: this wait also reaps a service that was killed, and bash would print "Killed ( cd ... )" with the
    # whole command; the line below says which service exited
    wait $! 2>/dev/null || true
    [ "$STOPPING" = 1 ] && break
    for s in "${SERVICES[@]}"; do
        pid=$(pid_of "$s")
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || true
            say "$s exited; restarting it (restart $(restart_count "$s"), log: $LOGS/$s.log)"
            start_service "$s"
        fi
    done
    pid=$(pid_of kafka)
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        say "Kafka exited; restarting it (log: $LOGS/kafka.log)"
        start_kafka
    fi
done
