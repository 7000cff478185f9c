-- The raw InfluxDB write: BENCH_BATCH points of line protocol per POST /api/v2/write, as the
-- adapter writes them (measurement temperature, tags building_id and room_id, millisecond time),
-- every point with its own (room, time) in building BENCH_BUILDING.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local writes = common.writes()
local size = tonumber(common.env("BENCH_BATCH"))
local path = "/api/v2/write?org=" .. common.urlencode(common.env("INFLUX_ORG"))
  .. "&bucket=" .. common.urlencode(common.env("INFLUX_BUCKET")) .. "&precision=ms"
local headers = {
  ["Authorization"] = "Token " .. common.env("INFLUX_TOKEN"),
  ["Content-Type"] = "text/plain; charset=utf-8",
}
local sent = 0

local function point(key) return common.line(writes, key) end

function request()
  local first = common.unique(sent) * size
  sent = sent + 1
  return wrk.format("POST", path, headers, common.join(first, size, point, "\n"))
end
