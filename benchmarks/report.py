#!/usr/bin/env python3
"""Turns one run.sh output directory (jmh.json, openssl-*.txt, heap.txt, machine.txt) into Markdown."""
import json
import re
import sys
from pathlib import Path

out = Path(sys.argv[1])
runs = json.loads((out / "jmh.json").read_text())


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def cpu_us(r):
    m = r.get("secondaryMetrics", {}).get("·cpu")
    return num(m["score"]) / 1000.0 if m else float("nan")


rows = []
for r in runs:
    name = r["benchmark"].split(".")[-2]
    p = r.get("params", {})
    rows.append({
        "bench": name,
        "alg": p.get("alg", "ES512" if name in ("CachedTokenBenchmark", "RefusalBenchmark", "ServletFilterBenchmark") else "-"),
        "impl": p.get("impl", "BEARERGUARD" if name != "ReplayCacheBenchmark" else "replay cache"),
        "case": p.get("kind", {"CachedTokenBenchmark": "cached repeat", "ReplayCacheBenchmark": "2 threads, fresh jti"}
                      .get(name, "cold")),
        "wall": num(r["primaryMetric"]["score"]),
        "wall_err": num(r["primaryMetric"].get("scoreError")),
        "cpu": cpu_us(r),
        "threads": r.get("threads", 1),
    })


def find(bench, alg=None, impl=None, case=None):
    for x in rows:
        if x["bench"] == bench and (alg is None or x["alg"] == alg) and (impl is None or x["impl"] == impl) \
                and (case is None or x["case"] == case):
            return x
    return None


def openssl(path):
    res = {}
    for line in path.read_text().splitlines():
        m = re.match(r"\s*(\d+) bits ecdsa \((nistp\d+)\)\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)", line)
        if m:
            res[m.group(2)] = 1e6 / float(m.group(6))  # µs per verify
    return res


ossl_before = openssl(out / "openssl-before.txt")
ossl_after = openssl(out / "openssl-after.txt")
heap = dict(l.split("=", 1) for l in (out / "heap.txt").read_text().split() if "=" in l)

print("### Machine\n")
print("```")
print((out / "machine.txt").read_text().strip())
print("```\n")

print("### Verification cost (one JMH run; CPU = process CPU time per operation, see CpuTimeProfiler)\n")
print("| benchmark | alg | implementation | case | CPU µs/op | wall µs/op (± 99.9%) | CPU vs bearerguard |")
print("|---|---|---|---|---:|---:|---:|")
for x in rows:
    if x["bench"] == "ServletFilterBenchmark":
        continue  # its own table below
    base = find("ColdVerifyBenchmark", x["alg"], "BEARERGUARD") if x["bench"] == "ColdVerifyBenchmark" else None
    ratio = f"{x['cpu'] / base['cpu']:.1f}×" if base else ""
    threads = f" ({x['threads']} threads; CPU per op summed over threads)" if x["threads"] > 1 else ""
    print(f"| {x['bench']} | {x['alg']} | {x['impl']} | {x['case']}{threads} | {x['cpu']:.2f} | "
          f"{x['wall']:.2f} ± {x['wall_err']:.2f} | {ratio} |")
for curve, b in sorted(ossl_before.items()):
    a = ossl_after.get(curve, float("nan"))
    print(f"| openssl speed | {'ES512' if curve == 'nistp521' else 'ES256'} (verify only) | OpenSSL (C) | {curve} "
          f"| {b:.2f} before / {a:.2f} after | | |")
print()

FILTER_CASES = {
    "UNPROTECTED": "same endpoint, no filter",
    "FILTER_COLD": "behind the filter, a different ES512 token each request (full signature check)",
    "FILTER_CACHED": "behind the filter, one ES512 embed token (verified-token cache)",
    "FILTER_COLD_MEMORY": "FILTER_COLD with the replay record in memory",
    "FILTER_COLD_REDIS": "FILTER_COLD with the replay record in Redis (loopback)",
}
open_ = find("ServletFilterBenchmark", case="UNPROTECTED")
if open_:
    print("### Benchmark 6: requests through the servlet filter (embedded Jetty 12, loopback HTTP/1.1 keep-alive)\n")
    print("One client connection, one request in flight; client and server share the benchmark JVM, so CPU is both "
          "per request.\n")
    print("| case | requests/s (wall) | wall µs/request (± 99.9%) | CPU µs/request (client + server) "
          "| requests/s vs unprotected | CPU per request vs unprotected |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, label in FILTER_CASES.items():
        x = find("ServletFilterBenchmark", case=kind)
        if not x:
            continue
        print(f"| {kind}: {label} | {1e6 / x['wall']:,.0f} | {x['wall']:.1f} ± {x['wall_err']:.1f} | {x['cpu']:.1f} "
              f"| {open_['wall'] / x['wall']:.2f} | {x['cpu'] / open_['cpu']:.2f}× |")
    print()

print("### Targets\n")
print("| target | measured | met? |")
print("|---|---|---|")


def target(label, value, goal, fmt):
    ok = value == value and value >= goal
    print(f"| {label} | {fmt(value)} | {'met' if ok else '**not met**'} |")


bg512 = find("ColdVerifyBenchmark", "ES512", "BEARERGUARD")
j4 = find("ColdVerifyBenchmark", "ES512", "JOSE4J")
if bg512 and j4:
    target("cold ES512 ≥ 15× jose4j JwtConsumer (defaults)", j4["cpu"] / bg512["cpu"], 15,
           lambda v: f"{v:.1f}× (CPU {j4['cpu']:.0f} vs {bg512['cpu']:.0f} µs; wall {j4['wall'] / bg512['wall']:.1f}×)")
if bg512 and "nistp521" in ossl_before:
    best = min(ossl_before["nistp521"], ossl_after.get("nistp521", float("inf")))
    target("cold ES512 ≥ 1.25× OpenSSL verify rate", best / bg512["cpu"], 1.25,
           lambda v: f"{v:.2f}× (OpenSSL {best:.0f} µs, its faster run; bearerguard {bg512['cpu']:.0f} µs incl. parsing and claim checks)")
bg256 = find("ColdVerifyBenchmark", "ES256", "BEARERGUARD")
jdk256 = find("ColdVerifyBenchmark", "ES256", "JDK")
if bg256 and jdk256:
    target("cold ES256 ≥ 4× the JDK provider", jdk256["cpu"] / bg256["cpu"], 4,
           lambda v: f"{v:.1f}× (bare JDK Signature {jdk256['cpu']:.0f} µs vs {bg256['cpu']:.0f} µs)")
cached = find("CachedTokenBenchmark")
if cached and bg512:
    target("cached repeat ≥ 200× cheaper than cold ES512", bg512["cpu"] / cached["cpu"], 200,
           lambda v: f"{v:.0f}× ({cached['cpu']:.2f} µs)")
for kind in ("MALFORMED", "UNKNOWN_KID", "EXPIRED"):
    x = find("RefusalBenchmark", case=kind)
    if x and bg512:
        target(f"{kind.lower().replace('_', ' ')} refusal ≥ 100× cheaper than cold ES512", bg512["cpu"] / x["cpu"], 100,
               lambda v, x=x: f"{v:.0f}× ({x['cpu']:.2f} µs)")
if "lean.bytes.per.million" in heap:
    mb = int(heap["lean.bytes.per.million"]) / 1e6
    old = int(heap.get("string.keyed.bytes.per.million", "0")) / 1e6
    ok = mb <= 120
    print(f"| heap for 1 000 000 live jtis ≤ 120 MB | {mb:.1f} MB ({mb * 1e6 / 2**20:.1f} MiB); String-keyed layout: {old:.1f} MB "
          f"| {'met' if ok else '**not met**'} |")
mem = find("ServletFilterBenchmark", case="FILTER_COLD_MEMORY")
red = find("ServletFilterBenchmark", case="FILTER_COLD_REDIS")
if mem and red:
    target("Redis replay store keeps ≥ 85 % of the in-memory requests/s (benchmark 6, cold ES512)",
           mem["wall"] / red["wall"], 0.85,
           lambda v: f"{v * 100:.0f} % ({1e6 / red['wall']:,.0f} vs {1e6 / mem['wall']:,.0f} requests/s; "
                     f"+{red['wall'] - mem['wall']:.0f} µs a request)")
rec = find("RedisReplayBenchmark")
if rec:
    print(f"| per-record latency on Redis (no target): | {rec['wall']:.0f} µs wall, {rec['cpu']:.0f} µs CPU "
          f"(one loopback round trip) | - |")
for kind in ("FILTER_COLD", "FILTER_CACHED"):
    x = find("ServletFilterBenchmark", case=kind)
    if x and open_:
        print(f"| benchmark 6 (no target): {kind} requests/s vs unprotected | "
              f"{1e6 / x['wall']:,.0f} vs {1e6 / open_['wall']:,.0f} requests/s = {open_['wall'] / x['wall']:.2f} "
              f"(CPU {x['cpu']:.1f} vs {open_['cpu']:.1f} µs/request) | - |")
