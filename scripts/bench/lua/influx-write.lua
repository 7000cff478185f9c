-- The raw InfluxDB write: BENCH_BATCH points of line protocol per POST /api/v2/write, as the
-- adapter writes them (measurement temperature, tags building_id and room_id, millisecond time),
-- every point with its own (room, time) in building BENCH_BUILDING.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local building = common.env("BENCH_BUILDING")
local rooms = tonumber(common.env("BENCH_ROOMS"))
local base_ms = tonumber(common.env("BENCH_BASE_MS"))
local size = tonumber(common.env("BENCH_BATCH"))
local path = "/api/v2/write?org=" .. common.urlencode(common.env("INFLUX_ORG"))
  .. "&bucket=" .. common.urlencode(common.env("INFLUX_BUCKET")) .. "&precision=ms"
local headers = {
  ["Authorization"] = "Token " .. common.env("INFLUX_TOKEN"),
  ["Content-Type"] = "text/plain; charset=utf-8",
}
local sent = 0

function request()
  local first = common.unique(sent) * size
  sent = sent + 1
  local lines = {}
  for i = 0, size - 1 do
    local key = first + i
    lines[#lines + 1] = string.format("temperature,building_id=%s,room_id=%d temperature=%.1f %d",
      building, 1 + key % rooms, common.temperature(key), base_ms + key)
  end
  return wrk.format("POST", path, headers, table.concat(lines, "\n"))
end
