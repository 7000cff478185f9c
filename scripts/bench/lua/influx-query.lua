-- The raw InfluxDB read: the adapter's InfluxQL statement (InfluxQl.aggregate, or .buckets with
-- BENCH_INTERVAL_MS) over the last BENCH_WINDOW_MS, sent to /query as the adapter sends it, for a
-- random room of the loaded data (see get.lua).
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local rooms = tonumber(common.env("BENCH_ROOMS"))
local first_building = tonumber(os.getenv("BENCH_FIRST_BUILDING") or "1")
local per_building = tonumber(common.env("BENCH_PER_BUILDING"))
local window_ms = tonumber(common.env("BENCH_WINDOW_MS"))
local interval_ms = os.getenv("BENCH_INTERVAL_MS")
local database = common.urlencode(common.env("INFLUX_BUCKET"))
local headers = {
  ["Authorization"] = "Token " .. common.env("INFLUX_TOKEN"),
  ["Accept"] = "application/json",
}

function request()
  local building, room = common.room(math.random(0, rooms - 1), first_building, per_building)
  local to = os.time() * 1000
  local statement = 'SELECT count("temperature") AS n, sum("temperature") AS total,'
    .. ' min("temperature") AS lowest, max("temperature") AS highest FROM "temperature"'
    .. " WHERE \"building_id\" = '" .. building .. "' AND \"room_id\" = '" .. room .. "'"
    .. " AND time >= " .. (to - window_ms) .. "ms AND time <= " .. to .. "ms"
  if interval_ms then
    statement = statement .. " GROUP BY time(" .. interval_ms .. "ms) fill(none)"
  end
  local path = "/query?db=" .. database .. "&q=" .. common.urlencode(statement) .. "&epoch=ms"
  return wrk.format("GET", path, headers)
end
