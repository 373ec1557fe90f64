-- Benchmark 7's wrk script: one Authorization header per request, from a file of pre-minted
-- tokens, each sent at most once (run with -t1: one thread reads the whole file).
--   wrk -t1 -cN -dD -s tokens.lua URL -- FILE [repeat]
-- With "repeat", the file's first token is sent on every request (the embed-token case).
-- When the tokens run out the thread stops and done() reports "exhausted": the run is then void.
local tokens, n, i, repeat_one = {}, 0, 0, false
exhausted = 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    if #line > 0 then n = n + 1; tokens[n] = line end
  end
  f:close()
  repeat_one = args[2] == "repeat"
  if repeat_one then
    headers = { ["Authorization"] = "Bearer " .. tokens[1] }
    fixed = wrk.format("GET", nil, headers)
  end
end

function request()
  if repeat_one then return fixed end
  i = i + 1
  if i > n then
    exhausted = 1
    i = n
  end
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[i] })
end

function response(status, headers, body)
  if exhausted == 1 then wrk.thread:stop() end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local ex = 0
  for _, t in ipairs(threads) do ex = ex + (t:get("exhausted") or 0) end
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,' ..
    '"errors_status":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"exhausted":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, ex))
end
