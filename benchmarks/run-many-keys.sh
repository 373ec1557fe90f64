#!/usr/bin/env bash
# Benchmark 8: 10 000 trusted P-521 keys with Zipf-like traffic against one key (ManyKeysBenchmark),
# and what the key-table budget does. Writes many-keys.md (and the JMH json/txt) to the output folder.
#
#   benchmarks/run-many-keys.sh [output-dir]      (default benchmarks/target/many-keys)
#
# About 7 minutes on 2 cores. MVN_FLAGS (default "-o"), JMH_ARGS (default "-wi 5 -w 10s -i 5 -r 5s")
# and SCENARIOS (default "ONE_KEY,MANY_DEFAULT,MANY_32MIB,MANY_NO_TABLES") change it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/benchmarks/target/many-keys}"
MVN_FLAGS="${MVN_FLAGS--o}"
JMH_ARGS="${JMH_ARGS:--wi 5 -w 10s -i 5 -r 5s}"
SCENARIOS="${SCENARIOS:-ONE_KEY,MANY_DEFAULT,MANY_32MIB,MANY_NO_TABLES}"
mkdir -p "$OUT"
cd "$ROOT"
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus: $(nproc), $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
# shellcheck disable=SC2086
java -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main ManyKeysBenchmark -p scenario="$SCENARIOS" $JMH_ARGS \
    -prof dev.bearerguard.benchmarks.CpuTimeProfiler -rf json -rff "$OUT/many-keys.json" | tee "$OUT/many-keys.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 - "$OUT" > "$OUT/many-keys.md" <<'PY'
import json, re, sys, os
out = sys.argv[1]
runs = json.load(open(os.path.join(out, "many-keys.json")))
mem = {}
for l in open(os.path.join(out, "many-keys.txt")):
    m = re.search(r"MANYKEYS-MEMORY (\{.*\})", l)
    if m:
        d = json.loads(m.group(1)); mem[d["scenario"]] = d
print("```\n" + open(os.path.join(out, "machine.txt")).read().strip() + "\n```\n")
rows = {}
for r in runs:
    s = r["params"]["scenario"]; pm = r["primaryMetric"]
    cpu = r["secondaryMetrics"].get("·cpu", {}).get("score")
    rows[s] = (pm["score"], pm["scorePercentiles"]["50.0"], pm["scorePercentiles"]["99.0"], cpu / 1000 if cpu else None)
one = rows.get("ONE_KEY")
print("| scenario | keys | mean µs (wall) | p50 µs | p99 µs | CPU µs/token | mean vs one key | CPU vs one key | tables held (full) | table heap | key set heap |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
for s, (mean, p50, p99, cpu) in rows.items():
    m = mem.get(s, {})
    keys = 1 if s.startswith("ONE") else 10000
    rel = f"{mean/one[0]:.2f}×" if one else ""
    relc = f"{cpu/one[3]:.2f}×" if one and cpu and one[3] else ""
    tables = f'{m.get("tables", 0):,} ({m.get("full_tables", 0):,})' if m else ""
    heap = f'{m.get("tables_bytes", 0)/2**20:.1f} MiB of {m.get("budget_bytes", 0)/2**20:.0f} MiB' if m else ""
    ks = f'{m.get("keyset_bytes", 0)/2**20:.1f} MiB' if m else ""
    print(f"| {s} | {keys:,} | {mean:,.0f} | {p50:,.0f} | {p99:,.0f} | {cpu:,.0f} | {rel} | {relc} | {tables} | {heap} | {ks} |")
PY
cat "$OUT/many-keys.md"
