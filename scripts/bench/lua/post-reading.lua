-- Single-reading POSTs, each with its own (room, recorded_at), in building BENCH_BUILDING.
-- Every 201 body (building_id, room_id, temperature, recorded_at) is appended to the thread's
-- file BENCH_ACKED.<thread>, so bench.py can check afterwards that each one is stored.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local building = common.env("BENCH_BUILDING")
local rooms = tonumber(common.env("BENCH_ROOMS"))
local base_ms = tonumber(common.env("BENCH_BASE_MS"))
local headers = { ["Content-Type"] = "application/json" }
local sent = 0
local acked

function init(args)
  acked = common.thread_file(common.env("BENCH_ACKED"))
end

function request()
  local key = common.unique(sent)
  sent = sent + 1
  local path = "/api/v1/buildings/" .. building .. "/rooms/" .. (1 + key % rooms) .. "/temperatures"
  local body = string.format('{"temperature": %.1f, "recorded_at": "%s"}',
    common.temperature(key), common.iso(base_ms + key))
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 201 then
    acked:write(body, "\n")
  end
end
