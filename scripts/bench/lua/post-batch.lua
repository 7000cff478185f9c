-- Batches of BENCH_BATCH readings to POST /api/v1/readings, every reading with its own
-- (room, recorded_at) in building BENCH_BUILDING. The "stored" count of every 200 is appended to
-- BENCH_ACKED.<thread>; bench.py compares their sum with what the store holds.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local building = common.env("BENCH_BUILDING")
local rooms = tonumber(common.env("BENCH_ROOMS"))
local base_ms = tonumber(common.env("BENCH_BASE_MS"))
local size = tonumber(common.env("BENCH_BATCH"))
local headers = { ["Content-Type"] = "application/json" }
local sent = 0
local acked

function init(args)
  acked = common.thread_file(common.env("BENCH_ACKED"))
end

function request()
  local first = common.unique(sent) * size
  sent = sent + 1
  local readings = {}
  for i = 0, size - 1 do
    local key = first + i
    readings[#readings + 1] = string.format(
      '{"building_id": "%s", "room_id": "%d", "temperature": %.1f, "recorded_at": "%s"}',
      building, 1 + key % rooms, common.temperature(key), common.iso(base_ms + key))
  end
  return wrk.format("POST", "/api/v1/readings", headers, "[" .. table.concat(readings, ",") .. "]")
end

function response(status, headers, body)
  if status == 200 then
    acked:write(body:match('"stored"%s*:%s*(%d+)') or "0", "\n")
  end
end
