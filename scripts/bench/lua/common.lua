-- Shared by every wrk script of scripts/bench: numbers each thread, makes unique reading keys, and
-- writes wrk's summary as JSON for bench.py. Settings come from the environment, set by bench.py.

local threads = tonumber(os.getenv("WRK_THREADS") or "1")
local next_thread = 1

-- Runs once per thread, before it starts: gives the thread its number (1..threads).
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

local common = {}

function common.env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error("environment variable " .. name .. " is not set")
  end
  return value
end

-- The n-th key of this thread, unique across threads: thread t takes t-1, t-1+T, t-1+2T, ...
function common.unique(n)
  return n * threads + thread_id - 1
end

-- ISO-8601 UTC with milliseconds, as the API reads it.
function common.iso(epoch_ms)
  return os.date("!%Y-%m-%dT%H:%M:%S", math.floor(epoch_ms / 1000))
    .. string.format(".%03dZ", epoch_ms % 1000)
end

-- A plausible temperature that differs between neighbouring keys, so a lost update shows.
function common.temperature(key)
  return 15 + (key % 200) / 10
end

-- Room k (0-based) of the loaded data: buildings "1", "2", ... of per_building rooms "1", "2", ...
function common.room(k, first_building, per_building)
  return tostring(first_building + math.floor(k / per_building)), tostring(1 + k % per_building)
end

function common.urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- The writing scripts' readings: new ones in building BENCH_BUILDING, over BENCH_ROOMS rooms,
-- key k recorded at BENCH_BASE_MS + k milliseconds.
function common.writes()
  return { building = common.env("BENCH_BUILDING"), rooms = tonumber(common.env("BENCH_ROOMS")),
           base_ms = tonumber(common.env("BENCH_BASE_MS")) }
end

-- Key k of the writes as the InfluxDB adapter writes a reading: line protocol, millisecond time.
function common.line(writes, key)
  return string.format("temperature,building_id=%s,room_id=%d temperature=%.1f %d",
    writes.building, 1 + key % writes.rooms, common.temperature(key), writes.base_ms + key)
end

-- The text of `size` consecutive keys from `first`, each made by `format`, joined by `separator`.
function common.join(first, size, format, separator)
  local parts = {}
  for key = first, first + size - 1 do
    parts[#parts + 1] = format(key)
  end
  return table.concat(parts, separator)
end

-- Runs in each thread before its first request. With BENCH_ACKED, common.acked is the thread's
-- file BENCH_ACKED.<thread>, written a line at a time so that nothing is lost when wrk stops.
function init(args)
  math.randomseed(os.time() * 100 + thread_id)
  local acked = os.getenv("BENCH_ACKED")
  if acked then
    common.acked = assert(io.open(acked .. "." .. thread_id, "w"))
    common.acked:setvbuf("line")
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local out = assert(io.open(common.env("BENCH_SUMMARY"), "w"))
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
  out:close()
end

return common
