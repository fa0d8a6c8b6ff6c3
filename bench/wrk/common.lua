-- Shared by every wrk script in bench/wrk: input files, status counting, and the result line.
--
-- Each op script starts with:
--   local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
--   local common = dofile(here .. "common.lua")
-- and wrk is run with `-t1 ... -- <input file>` (the file is read in init()).
--
-- done() prints one line the driver parses:
--   BENCH_RESULT {"requests":N,"duration_us":N,"rps":X,"p50_us":N,"p95_us":N,"p99_us":N,"max_us":N,
--                 "non2xx":N,"socket_errors":N,"timeouts":N}
-- and, when a response was not 2xx, a line BENCH_FIRST_ERROR <status> <first 300 bytes of body>.

local common = {}

function common.read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  f:close()
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

function common.seed()
  -- a different sequence per run and per thread
  math.randomseed(os.time() + math.floor((os.clock() * 1e6) % 1e6))
end

function common.pick(list)
  return list[math.random(#list)]
end

common.json_headers = { ["Accept"] = "application/fhir+json" }
common.body_headers = { ["Accept"] = "application/fhir+json", ["Content-Type"] = "application/fhir+json" }

-- Kerne requires a bearer token on /fhir: the driver puts the header's value ("Bearer <token>") in
-- wrk's environment as BENCH_AUTHORIZATION, and every request carries it.
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization ~= nil and authorization ~= "" then
  common.json_headers["Authorization"] = authorization
  common.body_headers["Authorization"] = authorization
end

-- Per-thread state (each wrk thread has its own Lua state; done() reads it through thread:get).
non2xx = 0
first_error = ""

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then
      first_error = tostring(status) .. " " .. string.sub(body or "", 1, 300):gsub("[\r\n]", " ")
    end
  end
end

function done(summary, latency, requests)
  local n2 = 0
  local fe = ""
  for _, t in ipairs(threads) do
    n2 = n2 + (tonumber(t:get("non2xx")) or 0)
    local e = t:get("first_error")
    if fe == "" and e ~= nil and e ~= "" then fe = e end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write
  local secs = summary.duration / 1e6
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,"non2xx":%d,"socket_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.requests / secs,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    n2, socket_errors, e.timeout))
  if fe ~= "" then io.write("BENCH_FIRST_ERROR " .. fe .. "\n") end
end

return common
