#!/usr/bin/env python3
"""Benchmark 7's report: results.jsonl (one wrk run a line), verify-cost.json, machine.txt and the
JFR prints from run-load.sh, as Markdown tables."""
import collections, json, os, re, sys

out = sys.argv[1]
runs = [json.loads(l) for l in open(os.path.join(out, "results.jsonl")) if l.strip()]
verify = json.load(open(os.path.join(out, "verify-cost.json")))
machine = open(os.path.join(out, "machine.txt")).read().strip()

LABEL = {
    "open": "unprotected (`/open/ping`)",
    "filter": "`BearerTokenFilter`, core's defaults (in-memory replay record)",
    "redis": "`BearerTokenFilter`, replay store on Redis",
    "spring-bc": "Spring Security resource server (b): Nimbus + BouncyCastle JCA context and key",
    "spring-jdk": "Spring Security resource server (a): as documented (JCA default: SunEC)",
    "cached": "`BearerTokenFilter` + verified-token cache, repeated embed token",
}

def rate(r): return r["requests"] / (r["duration_us"] / 1e6)
def cpu_us(r): return r["cpu_s"] * 1e6 / max(1, r["requests"])
def get(case, phase):
    for r in runs:
        if r["case"] == case and r["phase"] == phase:
            return r
    return None
def flags(r):
    f = []
    if r["errors_status"]: f.append(f'{r["errors_status"]} non-2xx')
    errs = r["errors_connect"] + r["errors_read"] + r["errors_write"] + r["errors_timeout"]
    if errs: f.append(f"{errs} socket errors")
    if r["exhausted"]: f.append("ran out of tokens: void")
    return ", ".join(f)

print("## Benchmark 7: guards side by side under load\n")
print("```\n" + machine + "\n```\n")
print(f'Verify cost (`TokenVerifier.verify`, fresh ES512 tokens, one thread, replay off, median of 5 rounds): '
      f'**{verify["verify_cpu_us"]:.0f} µs** CPU (rounds {verify["min_us"]:.0f}–{verify["max_us"]:.0f}).\n')

cases = []
for r in runs:
    if r["case"] not in cases: cases.append(r["case"])
conns = sorted({r["conns"] for r in runs if r["phase"].startswith("c")})

print("### Requests per second, latency and server CPU per request (fresh ES512 token on every request; "
      "`open` and `cached` send one repeated embed token)\n")
print("| case | connections | requests/s | p50 ms | p99 ms | server CPU µs/request | notes |")
print("|---|---:|---:|---:|---:|---:|---|")
for c in cases:
    for n in conns:
        r = get(c, f"c{n}")
        if r:
            print(f'| {LABEL.get(c, c)} | {n} | {rate(r):,.0f} | {r["p50_us"]/1000:.2f} | {r["p99_us"]/1000:.2f} | {cpu_us(r):,.0f} | {flags(r)} |')
r = get("spring-bc", "repeat4")
if r:
    print(f'| {LABEL["spring-bc"]}, repeated embed token | 4 | {rate(r):,.0f} | {r["p50_us"]/1000:.2f} | {r["p99_us"]/1000:.2f} | {cpu_us(r):,.0f} | {flags(r)} |')

print("\n### Warm-up (4 connections, 5 s slices: requests/s of each slice)\n")
print("| case | " + " | ".join(f"{5*i}–{5*i+5} s" for i in range(max(len([r for r in runs if r['case'] == c and r['phase'].startswith('warm')]) for c in cases))) + " |")
print("|---|" + "---:|" * max(len([r for r in runs if r['case'] == c and r['phase'].startswith('warm')]) for c in cases))
for c in cases:
    ws = [r for r in runs if r["case"] == c and r["phase"].startswith("warm")]
    print(f"| {c} | " + " | ".join(f"{rate(r):,.0f}" for r in ws) + " |")

print("\n### Targets (4 connections)\n")
print("| target | measured | met? |")
print("|---|---|---|")
f4, a4, b4, o4, k4 = (get(c, "c4") for c in ("filter", "spring-jdk", "spring-bc", "open", "cached"))
def line(name, value, ok): print(f"| {name} | {value} | {'met' if ok else 'not met'} |")
if f4 and a4: line("≥ 15× Spring (a) in requests/s, fresh ES512 tokens", f"{rate(f4)/rate(a4):.1f}× ({rate(f4):,.0f} vs {rate(a4):,.0f}/s)", rate(f4)/rate(a4) >= 15)
if f4 and b4: line("≥ 4× Spring (b) in requests/s, fresh ES512 tokens", f"{rate(f4)/rate(b4):.2f}× ({rate(f4):,.0f} vs {rate(b4):,.0f}/s)", rate(f4)/rate(b4) >= 4)
if f4 and o4:
    bound = verify["verify_cpu_us"] + cpu_us(o4)
    line("server CPU per guarded request ≤ (verify + unprotected request) + 10 %",
         f"{cpu_us(f4):,.0f} µs vs {verify['verify_cpu_us']:.0f} + {cpu_us(o4):.0f} = {bound:,.0f} µs: {cpu_us(f4)/bound:.2f}×",
         cpu_us(f4) <= 1.10 * bound)
if k4 and o4: line("repeated token within 10 % of unprotected (requests/s)", f"{rate(k4)/rate(o4):.2f}× ({rate(k4):,.0f} vs {rate(o4):,.0f}/s)", rate(k4) >= 0.9 * rate(o4))
if f4 and a4: print(f"\nCPU per request: the filter {cpu_us(f4):,.0f} µs, Spring (a) {cpu_us(a4):,.0f} µs ({cpu_us(a4)/cpu_us(f4):.1f}×)"
                    + (f", Spring (b) {cpu_us(b4):,.0f} µs ({cpu_us(b4)/cpu_us(f4):.1f}×)." if b4 else "."))

print("\n### Scaling (requests/s relative to 1 connection; 2 cores, shared with wrk)\n")
print("| case | 1 | 4 | 32 | server CPU µs/request at 1 / 4 / 32 |")
print("|---|---:|---:|---:|---|")
for c in cases:
    r1, r4, r32 = get(c, "c1"), get(c, "c4"), get(c, "c32")
    if r1 and r4 and r32:
        print(f"| {c} | 1.00 ({rate(r1):,.0f}/s) | {rate(r4)/rate(r1):.2f} | {rate(r32)/rate(r1):.2f} | {cpu_us(r1):,.0f} / {cpu_us(r4):,.0f} / {cpu_us(r32):,.0f} |")

def parse_jfr(path):
    events, cur = [], None
    for raw in open(path, errors="replace"):
        l = raw.strip()
        if re.match(r"^jdk\.\w+ \{$", l): cur = {"stack": []}; continue
        if cur is None: continue
        if l == "}": events.append(cur); cur = None; continue
        m = re.match(r"^(\w+) = (.*)$", l)
        if m and m.group(1) != "stackTrace": cur[m.group(1)] = m.group(2); continue
        if "line:" in l: cur["stack"].append(re.sub(r"\s+line:.*", "", l))
    return events

def ms(d):
    m = re.match(r"([\d.]+) (ns|us|ms|s)", d or "")
    if not m: return 0.0
    return float(m.group(1)) * {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1e3}[m.group(2)]

for n in (4, 32):
    base = os.path.join(out, f"filter-c{n}")
    if not os.path.exists(base + ".jdk.ExecutionSample.txt"): continue
    print(f"\n### JFR, the filter at {n} connections\n")
    r = get("filter", f"jfr{n}")
    if r: print(f"Run with JFR on: {rate(r):,.0f} requests/s, {cpu_us(r):,.0f} µs server CPU per request.\n")
    for ev, key in (("jdk.JavaMonitorEnter", "monitorClass"), ("jdk.ThreadPark", "parkedClass")):
        es = parse_jfr(f"{base}.{ev}.txt")
        agg = collections.defaultdict(lambda: [0, 0.0])
        for e in es:
            site = next((f for f in e["stack"] if not f.startswith(("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.LockSupport"))), "?")
            k = (re.sub(r" \(.*", "", e.get(key, "?")), site)
            agg[k][0] += 1; agg[k][1] += ms(e.get("duration"))
        print(f"{ev} (≥ 1 ms): {len(es)} events" + (", by class and first frame:" if es else "."))
        if es:
            print("\n| class | where | events | total ms |\n|---|---|---:|---:|")
            for (cls, site), (cnt, tot) in sorted(agg.items(), key=lambda kv: -kv[1][1])[:8]:
                print(f"| `{cls}` | `{site}` | {cnt} | {tot:,.0f} |")
        print()
    es = parse_jfr(f"{base}.jdk.ExecutionSample.txt")
    top = collections.Counter(e["stack"][0] if e["stack"] else "?" for e in es)
    bg = sum(1 for e in es if any("dev.bearerguard" in f for f in e["stack"]))
    print(f"Execution samples: {len(es)}; with a Bearerguard frame on the stack: {bg} ({100*bg/max(1,len(es)):.0f} %). Top frames:\n")
    print("| frame | samples |\n|---|---:|")
    for f, cnt in top.most_common(10):
        print(f"| `{f}` | {cnt} |")
