#!/usr/bin/env bash
# Runs the bearerguard benchmarks (JMH) and `openssl speed` in one go and writes a Markdown report.
#
#   benchmarks/run.sh [output-dir]          (default: benchmarks/target/results)
#
# Takes about 11 minutes on 2 cores (benchmark 6 also pre-warms 12 s per case). Needs java 17, mvn,
# openssl and python3 on the PATH.
# MVN_FLAGS (default "-o") is passed to Maven; set MVN_FLAGS= to let it download dependencies.
# JMH_ARGS (default "-f 1 -wi 3 -w 3s -i 4 -r 3s") and JMH_INCLUDE (default: every benchmark)
# shorten a trial run. The JMH runs are not part of `mvn verify`: only this script runs them.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/benchmarks/target/results}"
MVN_FLAGS="${MVN_FLAGS--o}"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 3 -w 3s -i 4 -r 3s}"
# Benchmark 8 (ManyKeysBenchmark) has a script of its own: run-many-keys.sh.
JMH_INCLUDE="${JMH_INCLUDE:-dev\.bearerguard\.benchmarks\.(?!ManyKeys).*Benchmark}"
mkdir -p "$OUT"
cd "$ROOT"

echo "== building" >&2
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "openssl: $(openssl version)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

# OpenSSL before and after the JMH runs: the machine is shared, so bracket the noise. Like
# CpuTimeProfiler, `openssl speed` divides by CPU time (it would need -elapsed for wall time).
echo "== openssl speed (before)" >&2
openssl speed -seconds 3 ecdsap521 ecdsap256 > "$OUT/openssl-before.txt" 2>&1

echo "== JMH" >&2
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main "$JMH_INCLUDE" $JMH_ARGS \
    -prof dev.bearerguard.benchmarks.CpuTimeProfiler \
    -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"

echo "== openssl speed (after)" >&2
openssl speed -seconds 3 ecdsap521 ecdsap256 > "$OUT/openssl-after.txt" 2>&1

echo "== replay cache heap" >&2
java -Xmx1g -cp "$CP" dev.bearerguard.benchmarks.ReplayHeap > "$OUT/heap.txt"

if command -v redis-server >/dev/null; then
  echo "== replay store memory in Redis" >&2
  java -cp "$CP" dev.bearerguard.benchmarks.RedisMemory > "$OUT/redis-memory.txt"
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 benchmarks/report.py "$OUT" > "$OUT/report.md"
cat "$OUT/report.md"
