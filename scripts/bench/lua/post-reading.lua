-- Single-reading POSTs, each with its own (room, recorded_at), in building BENCH_BUILDING.
-- Every 201 body (building_id, room_id, temperature, recorded_at) is appended to the thread's
-- file BENCH_ACKED.<thread>, so bench.py can check afterwards that each one is stored.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local writes = common.writes()
local headers = { ["Content-Type"] = "application/json" }
local sent = 0

function request()
  local key = common.unique(sent)
  sent = sent + 1
  local path = "/api/v1/buildings/" .. writes.building .. "/rooms/" .. (1 + key % writes.rooms)
    .. "/temperatures"
  local body = string.format('{"temperature": %.1f, "recorded_at": "%s"}',
    common.temperature(key), common.iso(writes.base_ms + key))
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 201 then
    common.acked:write(body, "\n")
  end
end
