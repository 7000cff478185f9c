-- The JSON batch's readings as InfluxDB line protocol: BENCH_BATCH lines per POST /api/v2/write
-- (millisecond timestamps, the layout the InfluxDB adapter writes), every reading with its own
-- (room, recorded_at) in building BENCH_BUILDING. A 204 stores every line, so each one appends
-- BENCH_BATCH to BENCH_ACKED.<thread>; bench.py compares their sum with what the store holds.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local writes = common.writes()
local size = tonumber(common.env("BENCH_BATCH"))
local headers = { ["Content-Type"] = "text/plain; charset=utf-8" }
local sent = 0

local function line(key) return common.line(writes, key) end

function request()
  local first = common.unique(sent) * size
  sent = sent + 1
  return wrk.format("POST", "/api/v2/write?org=bench&bucket=bench&precision=ms", headers,
    common.join(first, size, line, "\n"))
end

function response(status, headers, body)
  if status == 204 then
    common.acked:write(size, "\n")
  end
end
