#!/usr/bin/env bash
# Benchmark 7: guards side by side under load. One Spring Boot app (embedded Tomcat, one trivial
# endpoint) in its own JVM; wrk in another process sends pre-minted distinct ES512 tokens, each at
# most once, at 1, 4 and 32 connections after a measured warm-up; then a repeated embed token.
# Reports requests/s, p50/p99, server CPU per request and the ratios (report.md).
#
#   benchmarks/load/run-load.sh [output-dir]        (default benchmarks/load/target/load-results)
#
# About 7 minutes on 2 cores with the defaults. Needs java 17, mvn, wrk, redis-server, python3.
# MVN_FLAGS (default "-o"; set MVN_FLAGS= on a fresh machine), WARMUP (seconds per case, default 25,
# in 5 s slices whose rates are reported), DURATION (seconds per measured run, default 10),
# CONNS (default "1 4 32"), CASES (default "open filter redis spring-bc spring-jdk"), JFR (default 1:
# after the measured runs, record the filter at 4 and 32 connections with JFR and summarise
# contention) and HEAP (default 1g) change it. Nothing here runs in `mvn verify`.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/benchmarks/load"
OUT="${1:-$HERE/target/load-results}"
MVN_FLAGS="${MVN_FLAGS--o}"
WARMUP="${WARMUP:-25}"
DURATION="${DURATION:-10}"
CONNS="${CONNS:-1 4 32}"
CASES="${CASES:-open filter redis spring-bc spring-jdk}"
JFR="${JFR:-1}"
HEAP="${HEAP:-1g}"
for tool in java mvn wrk redis-server python3; do
  command -v "$tool" >/dev/null || { echo "run-load.sh: $tool is not on the PATH" >&2; exit 2; }
done
rm -rf "$OUT"; mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/bearerguard-load.XXXXXX)"
SERVER_PID=""; REDIS_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$ROOT"

echo "== building" >&2
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -pl benchmarks/load -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Upper bounds of each case's rate, for the number of tokens to mint (a run that runs out is void).
cap() { case "$1" in filter) echo 9000;; redis) echo 7000;; spring-bc) echo 4000;; spring-jdk) echo 1000;; *) echo 0;; esac; }
SPECS=()
for c in $CASES; do
  r=$(cap "$c"); [ "$r" = 0 ] && continue
  SPECS+=("$c-warm:$((r * WARMUP))")
  for n in $CONNS; do SPECS+=("$c-c$n:$((r * DURATION))"); done
  if [ "$c" = filter ] && [ "$JFR" = 1 ]; then SPECS+=("$c-jfr4:$((r * DURATION))" "$c-jfr32:$((r * DURATION))"); fi
done
echo "== minting tokens (${SPECS[*]})" >&2
java -cp "$CP" dev.bearerguard.benchmarks.load.TokenMint "$WORK" "${SPECS[@]}"

echo "== verify cost (one thread, in-process)" >&2
java -Xmx${HEAP} -cp "$CP" dev.bearerguard.benchmarks.load.VerifyCost > "$OUT/verify-cost.json"

REDIS_PORT=$(free_port)
mkdir -p "$WORK/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK/redis" \
    --logfile "$WORK/redis/log" --daemonize no & REDIS_PID=$!
PORT=$(free_port)
java -Xms${HEAP} -Xmx${HEAP} -cp "$CP" dev.bearerguard.benchmarks.load.LoadApp --server.port="$PORT" \
    --server.address=127.0.0.1 --bench.public-key="$WORK/public.pem" \
    --bench.redis="redis://127.0.0.1:$REDIS_PORT/0" > "$OUT/server.log" 2>&1 & SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/open/ping" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/open/ping" || { echo "server did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "settings: WARMUP=$WARMUP DURATION=$DURATION CONNS=\"$CONNS\" HEAP=$HEAP"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
path_of() { case "$1" in open) echo /open/ping;; cached) echo /cached/ping;; *) echo "/$1/ping";; esac; }

# run CASE PHASE CONNS SECONDS FILE [repeat]: one wrk run, one JSON line in results.jsonl.
run() {
  local case=$1 phase=$2 conns=$3 secs=$4 file=$5 mode=${6:-}
  local before after line
  before=$(cpu_ticks)
  line=$(wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$HERE/tokens.lua" "http://127.0.0.1:$PORT$(path_of "$case")" \
      -- "$file" $mode | grep '^{' || true)
  after=$(cpu_ticks)
  [ -n "$line" ] || { echo "wrk gave no result for $case $phase" >&2; exit 1; }
  echo "${line%\}},\"case\":\"$case\",\"phase\":\"$phase\",\"conns\":$conns,\"cpu_s\":$(python3 -c "print(($after-$before)/$TICKS)")}" \
      | tee -a "$OUT/results.jsonl" >&2
}

for c in $CASES; do
  if [ "$c" = open ]; then file="$WORK/embed.token"; mode=repeat; else file=""; mode=""; fi
  echo "== $c: warm-up ${WARMUP}s at 4 connections" >&2
  slice=0
  while [ $((slice * 5)) -lt "$WARMUP" ]; do
    if [ -z "$mode" ]; then
      # each slice its own part of the warm-up file, so no token is sent twice
      r=$(cap "$c"); start=$((slice * 5 * r + 1))
      sed -n "${start},$((start + 5 * r - 1))p" "$WORK/$c-warm.tokens" > "$WORK/slice.tokens"
      run "$c" "warm$slice" 4 5 "$WORK/slice.tokens"
    else
      run "$c" "warm$slice" 4 5 "$file" "$mode"
    fi
    slice=$((slice + 1))
  done
  for n in $CONNS; do
    echo "== $c: ${DURATION}s at $n connections" >&2
    if [ -z "$mode" ]; then run "$c" "c$n" "$n" "$DURATION" "$WORK/$c-c$n.tokens"; else run "$c" "c$n" "$n" "$DURATION" "$file" "$mode"; fi
  done
done

echo "== cached: the repeated embed token at 4 connections" >&2
run cached warm0 4 5 "$WORK/embed.token" repeat
run cached c4 4 "$DURATION" "$WORK/embed.token" repeat
if [[ " $CASES " == *" spring-bc "* ]]; then
  run spring-bc repeat4 4 "$DURATION" "$WORK/embed.token" repeat
fi

if [ "$JFR" = 1 ] && [[ " $CASES " == *" filter "* ]]; then
  JFC="$WORK/contention.jfc"
  sed -e '/jdk.JavaMonitorEnter/,/<\/event>/ s/<setting name="threshold"[^>]*>[^<]*</<setting name="threshold" control="synchronization-threshold">1 ms</' \
      -e '/jdk.ThreadPark/,/<\/event>/ s/<setting name="threshold"[^>]*>[^<]*</<setting name="threshold" control="synchronization-threshold">1 ms</' \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
  for n in 4 32; do
    echo "== filter with JFR at $n connections" >&2
    jcmd "$SERVER_PID" JFR.start name="c$n" settings="$JFC" > /dev/null
    run filter "jfr$n" "$n" "$DURATION" "$WORK/filter-jfr$n.tokens"
    jcmd "$SERVER_PID" JFR.stop name="c$n" filename="$OUT/filter-c$n.jfr" > /dev/null
    for ev in jdk.JavaMonitorEnter jdk.ThreadPark jdk.ExecutionSample; do
      jfr print --events "$ev" --stack-depth 8 "$OUT/filter-c$n.jfr" > "$OUT/filter-c$n.$ev.txt" || true
    done
  done
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 "$HERE/report.py" "$OUT" > "$OUT/report.md"
cat "$OUT/report.md"
