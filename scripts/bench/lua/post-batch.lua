-- Batches of BENCH_BATCH readings to POST /api/v1/readings, every reading with its own
-- (room, recorded_at) in building BENCH_BUILDING. The "stored" count of every 200 is appended to
-- BENCH_ACKED.<thread>; bench.py compares their sum with what the store holds.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local writes = common.writes()
local size = tonumber(common.env("BENCH_BATCH"))
local headers = { ["Content-Type"] = "application/json" }
local sent = 0

local function reading(key)
  return string.format(
    '{"building_id": "%s", "room_id": "%d", "temperature": %.1f, "recorded_at": "%s"}',
    writes.building, 1 + key % writes.rooms, common.temperature(key),
    common.iso(writes.base_ms + key))
end

function request()
  local first = common.unique(sent) * size
  sent = sent + 1
  local body = "[" .. common.join(first, size, reading, ",") .. "]"
  return wrk.format("POST", "/api/v1/readings", headers, body)
end

function response(status, headers, body)
  if status == 200 then
    common.acked:write(body:match('"stored"%s*:%s*(%d+)') or "0", "\n")
  end
end
